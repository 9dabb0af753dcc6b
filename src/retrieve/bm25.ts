/**
 * Okapi BM25 over analyzed tokens (stems and concept ids). Written here rather than LangChain's
 * BM25Retriever because that one matches document text case-sensitively by substring and fills
 * its k with zero-score documents (see stack notes); Lumbar needs real scores for confidence.
 */
export class Bm25 {
  private readonly docs: Array<Map<string, number>>;
  private readonly lengths: number[];
  private readonly avgLength: number;
  readonly idf = new Map<string, number>();

  constructor(
    documents: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = documents.map((tokens) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      return tf;
    });
    this.lengths = documents.map((d) => d.length);
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
    const df = new Map<string, number>();
    for (const tf of this.docs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = documents.length;
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  }

  /**
   * Score of every document for the query tokens (repeats in the query count once). `weight` scales
   * a term's contribution (1 for every term by default).
   */
  scores(query: string[], weight: (term: string) => number = () => 1): number[] {
    const terms = [...new Set(query)];
    return this.docs.map((tf, i) => {
      let s = 0;
      for (const t of terms) {
        const f = tf.get(t);
        if (!f) continue;
        const idf = (this.idf.get(t) ?? 0) * weight(t);
        s += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * this.lengths[i]) / this.avgLength));
      }
      return s;
    });
  }
}
