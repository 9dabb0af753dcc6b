import type { Chunk } from "../corpus/chunk.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import type { Analysis, Analyzer } from "../text/analyzer.ts";

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

/**
 * Each heading's tokens as saved with a version (headings.json): analysing every distinct heading
 * took about 0.9 s of a cold start at 100,000 chunks, the rest of the index about 0.1 s. Tokens are
 * numbers into one word list, so the file and its parse stay small.
 */
export interface SavedHeadings {
  format: 1;
  chunkCount: number;
  /** Heading text per heading id, in the order the chunks first use them. */
  names: string[];
  words: string[];
  /** Number of tokens per heading id; their word numbers follow one another in `ids`. */
  counts: number[];
  ids: number[];
}

/** The snapshot's heading index, analysed once per version (each distinct heading once) unless adopted from the saved file. */
export function headingIndex(snapshot: IndexSnapshot): HeadingIndex {
  let index = built.get(snapshot);
  if (!index) {
    built.set(snapshot, (index = buildHeadingIndex(snapshot.chunks, snapshot.analyzer, snapshot.savedHeadings)));
    // Its own copy of every heading name is not kept for the life of the version once used.
    snapshot.savedHeadings = undefined;
  }
  return index;
}

/** What build-index saves: the tokens of the index built now. */
export function savedHeadings(chunkCount: number, index: HeadingIndex): SavedHeadings {
  const number = new Map<string, number>();
  const ids: number[] = [];
  for (const own of index.tokens) {
    for (const t of own) {
      let n = number.get(t);
      if (n === undefined) number.set(t, (n = number.size));
      ids.push(n);
    }
  }
  return { format: 1, chunkCount, names: index.names, words: [...number.keys()], counts: index.tokens.map((own) => own.length), ids };
}

/**
 * Builds the index; the saved tokens replace analysing the headings only when the file was made
 * for exactly these chunks' headings (same chunk count, same names in the same order), so a
 * mismatched or stale file gives the same index as no file at all.
 */
export function buildHeadingIndex(chunks: Chunk[], analyzer: Analyzer, saved?: SavedHeadings): HeadingIndex {
  const idOf = new Map<string, number>();
  const headingOf = new Int32Array(chunks.length);
  chunks.forEach((chunk, i) => {
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
  const tokens = matches(saved, chunks.length, names) ? savedTokens(saved) : analyseHeadings(names, analyzer);
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

function matches(saved: SavedHeadings | undefined, chunkCount: number, names: string[]): saved is SavedHeadings {
  if (saved?.format !== 1 || saved.chunkCount !== chunkCount || saved.names.length !== names.length || saved.counts.length !== names.length) return false;
  return names.every((name, id) => saved.names[id] === name);
}

/** Each token one shared string (the word list's), as analyseHeadings shares them. */
function savedTokens(saved: SavedHeadings): string[][] {
  let at = 0;
  return saved.counts.map((count) => saved.ids.slice(at, (at += count)).map((n) => saved.words[n]));
}

function analyseHeadings(names: string[], analyzer: Analyzer): string[][] {
  const shared = new Map<string, string>();
  return names.map((name) => [...new Set(mergedTokens(analyzer.analyze(name.replace(/^Q\.\s*/, ""))))].map((t) => {
    const same = shared.get(t);
    if (same !== undefined) return same;
    shared.set(t, t);
    return t;
  }));
}
