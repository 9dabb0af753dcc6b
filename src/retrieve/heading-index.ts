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
  /** Tokens per heading id. */
  tokens: Array<Set<string>>;
  /** Chunk indices per heading id, ascending (a heading repeats across parts and articles). */
  chunksOf: Int32Array[];
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
  const members: number[][] = [];
  const headingOf = new Int32Array(snapshot.chunks.length);
  snapshot.chunks.forEach((chunk, i) => {
    let id = idOf.get(chunk.section);
    if (id === undefined) {
      idOf.set(chunk.section, (id = members.length));
      members.push([]);
    }
    members[id].push(i);
    headingOf[i] = id;
  });
  const names = [...idOf.keys()];
  const tokens = names.map((name) => new Set(mergedTokens(snapshot.analyzer.analyze(name.replace(/^Q\.\s*/, "")))));
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
    chunksOf: members.map((m) => Int32Array.from(m)),
    headingOf,
    byToken: new Map([...byToken].map(([t, ids]) => [t, Int32Array.from(ids)])),
    idOf,
  };
}
