/**
 * Okapi BM25 over analyzed tokens (stems and concept ids). Written here rather than LangChain's
 * BM25Retriever because that one matches document text case-sensitively by substring and fills
 * its k with zero-score documents (see stack notes); Lumbar needs real scores for confidence.
 *
 * Stored as an inverted index (per term, the documents that hold it and how often), so a query
 * costs the length of its own terms' postings, not one look-up per document of the corpus.
 */
/**
 * The index as flat arrays, as saved with a version: per term (in `terms` order) its postings are
 * `docs`/`tf` from `starts[t]` to `starts[t + 1]`, documents ascending.
 */
export interface Bm25Parts {
  terms: string[];
  starts: Uint32Array;
  docs: Int32Array;
  tf: Uint32Array;
  /** Tokens per document. */
  lengths: Uint32Array;
  // docs and tf are empty when a version was loaded without its postings (see readAnalysis).
}

export class Bm25 {
  readonly idf = new Map<string, number>();
  readonly size: number;
  private readonly postings = new Map<string, { docs: Int32Array; tf: Uint32Array }>();
  private readonly avgLength: number;
  /** Scratch space of {@link match}, zero between calls (a query never awaits while it is in use). */
  private readonly sums: Float64Array;
  private readonly seen: Uint8Array;
  /** Scratch list of {@link match}: the documents reached, in the order first reached. */
  private readonly found: Int32Array;
  /**
   * Per document, the length part of BM25's denominator, `k1 * (1 - b + b * length / avgLength)`:
   * the same expression evaluated once per document instead of once per posting of every query
   * (the same double, so the same scores to the last bit).
   */
  private readonly lengthNorm: Float64Array;

  /** Indexes token lists, one per document. */
  static fromDocuments(documents: string[][], k1?: number, b?: number): Bm25 {
    const lengths = Uint32Array.from(documents, (d) => d.length);
    const byTerm = new Map<string, { docs: number[]; tf: number[] }>();
    documents.forEach((tokens, doc) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        const p = byTerm.get(t);
        if (p) {
          p.docs.push(doc);
          p.tf.push(f);
        } else byTerm.set(t, { docs: [doc], tf: [f] });
      }
    });
    const terms = [...byTerm.keys()];
    const starts = new Uint32Array(terms.length + 1);
    terms.forEach((t, i) => (starts[i + 1] = starts[i] + byTerm.get(t)!.docs.length));
    const docs = new Int32Array(starts[terms.length]);
    const tf = new Uint32Array(starts[terms.length]);
    terms.forEach((t, i) => {
      docs.set(byTerm.get(t)!.docs, starts[i]);
      tf.set(byTerm.get(t)!.tf, starts[i]);
    });
    return new Bm25({ terms, starts, docs, tf, lengths }, k1, b);
  }

  constructor(
    readonly parts: Bm25Parts,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    const { terms, starts, docs, tf, lengths } = parts;
    this.size = lengths.length;
    // Summed in document order, as an integer: the same average, to the bit, at build and at load.
    let total = 0;
    for (const d of lengths) total += d;
    this.avgLength = total / Math.max(1, lengths.length);
    const n = lengths.length;
    terms.forEach((t, i) => {
      const p = { docs: docs.subarray(starts[i], starts[i + 1]), tf: tf.subarray(starts[i], starts[i + 1]) };
      this.postings.set(t, p);
      // From the starts, not the postings: a load without postings (a red-flag worker's) has the same IDF.
      const d = starts[i + 1] - starts[i];
      this.idf.set(t, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
    });
    this.sums = new Float64Array(n);
    this.seen = new Uint8Array(n);
    this.found = new Int32Array(n);
    this.lengthNorm = Float64Array.from(lengths, (length) => this.k1 * (1 - this.b + (this.b * length) / this.avgLength));
  }

  /**
   * The documents holding at least one query term, in the order first reached, with their scores
   * (repeats in the query count once). `weight` scales a term's contribution (1 by default). Each
   * document's score adds its terms in query order, so it is the same number to the last bit as a
   * document-at-a-time loop gives.
   */
  match(query: string[], weight: (term: string) => number = () => 1): { docs: Int32Array; scores: Float64Array } {
    const { sums, seen, found, lengthNorm } = this;
    const k1Plus1 = this.k1 + 1;
    let count = 0;
    for (const t of new Set(query)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = (this.idf.get(t) ?? 0) * weight(t);
      const { docs, tf } = p;
      for (let j = 0; j < docs.length; j++) {
        const i = docs[j];
        const f = tf[j];
        // A document is listed when first reached; a term worth 0 still lists it, as a zero score.
        if (seen[i] === 0) {
          seen[i] = 1;
          found[count++] = i;
        }
        sums[i] += (idf * f * k1Plus1) / (f + lengthNorm[i]);
      }
    }
    const docs = found.slice(0, count);
    const scores = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      const i = docs[j];
      scores[j] = sums[i];
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
