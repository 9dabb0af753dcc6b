/**
 * Okapi BM25 over analyzed tokens (stems and concept ids). Written here rather than LangChain's
 * BM25Retriever because that one matches document text case-sensitively by substring and fills
 * its k with zero-score documents (see stack notes); Lumbar needs real scores for confidence.
 *
 * Stored as an inverted index (per term, the documents that hold it and how often), so a query
 * costs the length of its own terms' postings, not one look-up per document of the corpus.
 */
export class Bm25 {
  readonly idf = new Map<string, number>();
  readonly size: number;
  private readonly postings: Map<string, Postings>;
  private readonly lengths: Uint32Array;
  private readonly avgLength: number;
  /** Scratch space of {@link match}, zero between calls (a query never awaits while it is in use). */
  private readonly sums: Float64Array;
  private readonly seen: Uint8Array;

  constructor(
    documents: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.size = documents.length;
    this.lengths = Uint32Array.from(documents, (d) => d.length);
    let total = 0;
    for (const d of documents) total += d.length;
    this.avgLength = total / Math.max(1, documents.length);
    // Two passes: counts first, so each term's postings are one typed array of the right size.
    const df = new Map<string, number>();
    const perDoc = documents.map((tokens) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
      return tf;
    });
    this.postings = new Map();
    for (const [t, d] of df) this.postings.set(t, { docs: new Int32Array(d), tf: new Uint32Array(d), filled: 0 });
    perDoc.forEach((tf, doc) => {
      for (const [t, f] of tf) {
        const p = this.postings.get(t)!;
        p.docs[p.filled] = doc;
        p.tf[p.filled++] = f;
      }
    });
    const n = documents.length;
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
    this.sums = new Float64Array(n);
    this.seen = new Uint8Array(n);
  }

  /**
   * The documents holding at least one query term, in the order first reached, with their scores
   * (repeats in the query count once). `weight` scales a term's contribution (1 by default). Each
   * document's score adds its terms in query order, so it is the same number to the last bit as a
   * document-at-a-time loop gives.
   */
  match(query: string[], weight: (term: string) => number = () => 1): { docs: Int32Array; scores: Float64Array } {
    const found: number[] = [];
    const sums = this.sums;
    const seen = this.seen;
    for (const t of new Set(query)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = (this.idf.get(t) ?? 0) * weight(t);
      for (let j = 0; j < p.docs.length; j++) {
        const i = p.docs[j];
        const f = p.tf[j];
        // A document is listed when first reached; a term worth 0 still lists it, as a zero score.
        if (seen[i] === 0) {
          seen[i] = 1;
          found.push(i);
        }
        sums[i] += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * this.lengths[i]) / this.avgLength));
      }
    }
    const docs = Int32Array.from(found);
    const scores = Float64Array.from(found, (i) => sums[i]);
    for (const i of found) {
      sums[i] = 0;
      seen[i] = 0;
    }
    return { docs, scores };
  }

  /** The documents holding `term`, ascending (undefined when none does). */
  docsOf(term: string): Int32Array | undefined {
    return this.postings.get(term)?.docs;
  }

  /** Score of every document for the query tokens (0 where none of them occurs). */
  scores(query: string[], weight: (term: string) => number = () => 1): number[] {
    const out = new Array<number>(this.size).fill(0);
    const { docs, scores } = this.match(query, weight);
    docs.forEach((doc, j) => (out[doc] = scores[j]));
    return out;
  }
}

interface Postings {
  docs: Int32Array;
  tf: Uint32Array;
  filled: number;
}
