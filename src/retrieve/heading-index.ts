import type { IndexSnapshot } from "../index/snapshot.ts";
import type { Analysis } from "../text/analyzer.ts";

/** Concepts plus the words outside them: "get rid of back pain" and "remove back pain" become the same. */
export function mergedTokens(a: Analysis): string[] {
  return [...a.residual, ...a.concepts.map((c) => `c:${c}`)];
}

/**
 * Distinct section headings as an inverted index: each heading's tokens, its chunks, and per token
 * the headings that hold it. A query scores only the headings sharing a token with it (any other
 * heading scores 0), not every chunk's.
 */
export interface HeadingIndex {
  /** Heading text per heading id. */
  names: string[];
  /**
   * Distinct tokens per heading id, in first-seen order (the order a Set of them iterates in). Arrays
   * of shared strings rather than a Set per heading: at 100,000 chunks nearly every heading is
   * distinct, and 100,000 small Sets and typed arrays were most of this index's 58 MB.
   */
  tokens: string[][];
  /** Chunk indices per heading id, ascending (a heading repeats across parts and articles): a view, no copy. */
  chunksOf(id: number): Int32Array;
  /** Heading id per chunk index. */
  headingOf: Int32Array;
  /** Heading ids per token. */
  byToken: Map<string, Int32Array>;
  /** Heading id per heading text. */
  idOf: Map<string, number>;
}

const built = new WeakMap<IndexSnapshot, HeadingIndex>();

/** The snapshot's heading index, analysed once per version (each distinct heading once). */
export function headingIndex(snapshot: IndexSnapshot): HeadingIndex {
  let index = built.get(snapshot);
  if (!index) built.set(snapshot, (index = buildHeadingIndex(snapshot)));
  return index;
}

function buildHeadingIndex(snapshot: IndexSnapshot): HeadingIndex {
  const idOf = new Map<string, number>();
  const headingOf = new Int32Array(snapshot.chunks.length);
  snapshot.chunks.forEach((chunk, i) => {
    let id = idOf.get(chunk.section);
    if (id === undefined) idOf.set(chunk.section, (id = idOf.size));
    headingOf[i] = id;
  });
  // Each heading's chunks, ascending, in one array: heading id h's run from starts[h] to starts[h + 1].
  const starts = new Int32Array(idOf.size + 1);
  for (const id of headingOf) starts[id + 1]++;
  for (let id = 0; id < idOf.size; id++) starts[id + 1] += starts[id];
  const members = new Int32Array(headingOf.length);
  const fill = starts.slice(0, idOf.size);
  headingOf.forEach((id, i) => (members[fill[id]++] = i));
  const names = [...idOf.keys()];
  const shared = new Map<string, string>();
  const tokens = names.map((name) => [...new Set(mergedTokens(snapshot.analyzer.analyze(name.replace(/^Q\.\s*/, ""))))].map((t) => {
    const same = shared.get(t);
    if (same !== undefined) return same;
    shared.set(t, t);
    return t;
  }));
  const byToken = new Map<string, number[]>();
  tokens.forEach((own, id) => {
    for (const t of own) {
      const list = byToken.get(t);
      if (list) list.push(id);
      else byToken.set(t, [id]);
    }
  });
  return {
    names,
    tokens,
    chunksOf: (id) => members.subarray(starts[id], starts[id + 1]),
    headingOf,
    byToken: new Map([...byToken].map(([t, ids]) => [t, Int32Array.from(ids)])),
    idOf,
  };
}
