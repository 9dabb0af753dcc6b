import type { Bm25 } from "./bm25.ts";

/**
 * Which passages hold which of their merged tokens (stems outside concept phrases, and concepts),
 * answered from the keyword postings rather than by analysing passages again: a passage holds a
 * concept when the postings list it, and a stem when they list it and the stem is not one it uses
 * only inside concept phrases ("disc" of "slipped disc"), which `phraseOnly` records per stem.
 */
export class PassageTerms {
  /** Scratch counts per chunk, zero between calls. */
  private readonly counts: Uint8Array;

  constructor(
    private readonly bm25: Bm25,
    /** Per stem, the chunks (ascending) whose every use of it is inside a concept phrase. */
    readonly phraseOnly: Map<string, Int32Array>,
  ) {
    this.counts = new Uint8Array(bm25.size);
  }

  /**
   * Runs `use` with how many of `tokens` each chunk holds. Costs the postings of these tokens
   * (callers pass specific ones, held by at most a third of the chunks), never a pass over the corpus.
   */
  withCounts<T>(tokens: string[], use: (held: (chunk: number) => number) => T): T {
    const counts = this.counts;
    const visit = (add: number) => {
      for (const t of tokens) {
        const docs = this.bm25.docsOf(t);
        if (!docs) continue;
        const except = t.startsWith("c:") ? undefined : this.phraseOnly.get(t);
        for (const doc of docs) if (!except || !includes(except, doc)) counts[doc] += add;
      }
    };
    visit(1);
    try {
      return use((chunk) => counts[chunk]);
    } finally {
      visit(-1);
    }
  }
}

/** Binary search in an ascending array. */
export function includes(sorted: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === x) return true;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
