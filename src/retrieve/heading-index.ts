import type { IndexSnapshot } from "../index/snapshot.ts";
import type { Analysis } from "../text/analyzer.ts";

/** Concepts plus the words outside them: "get rid of back pain" and "remove back pain" become the same. */
export function mergedTokens(a: Analysis): string[] {
  return [...a.residual, ...a.concepts.map((c) => `c:${c}`)];
}

/**
 * Section headings as an inverted index: each heading's tokens, and per token the chunks whose
 * heading holds it. A query then scores only the headings that share a token with it (a heading
 * that shares none scores 0), not every chunk's.
 */
export interface HeadingIndex {
  /** Tokens of each distinct heading. */
  tokens: Map<string, Set<string>>;
  /** Per token, the indices of the chunks whose heading holds it, ascending. */
  chunks: Map<string, Int32Array>;
  /** Per heading, the indices of its chunks, ascending (across articles: headings repeat). */
  bySection: Map<string, Int32Array>;
}

const built = new WeakMap<IndexSnapshot, HeadingIndex>();

/** The snapshot's heading index, analysed once per version (each distinct heading once). */
export function headingIndex(snapshot: IndexSnapshot): HeadingIndex {
  let index = built.get(snapshot);
  if (!index) built.set(snapshot, (index = buildHeadingIndex(snapshot)));
  return index;
}

function buildHeadingIndex(snapshot: IndexSnapshot): HeadingIndex {
  const sections = new Map<string, number[]>();
  snapshot.chunks.forEach((chunk, i) => {
    const list = sections.get(chunk.section);
    if (list) list.push(i);
    else sections.set(chunk.section, [i]);
  });
  const tokens = new Map<string, Set<string>>();
  const byToken = new Map<string, number[]>();
  for (const [section, members] of sections) {
    const own = new Set(mergedTokens(snapshot.analyzer.analyze(section.replace(/^Q\.\s*/, ""))));
    tokens.set(section, own);
    for (const t of own) {
      const list = byToken.get(t);
      if (list) for (const i of members) list.push(i);
      else byToken.set(t, [...members]);
    }
  }
  const chunks = new Map<string, Int32Array>();
  for (const [t, list] of byToken) chunks.set(t, Int32Array.from(list).sort());
  const bySection = new Map<string, Int32Array>();
  for (const [section, members] of sections) bySection.set(section, Int32Array.from(members));
  return { tokens, chunks, bySection };
}
