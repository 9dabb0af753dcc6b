import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import type { Analysis, Analyzer } from "../text/analyzer.ts";

export interface HashedEmbeddingsOptions extends EmbeddingsParams {
  analyzer: Analyzer;
  /** Vector length. Defaults to 1024. */
  dimensions?: number;
  /** Inverse document frequency per stem or concept, fitted on the corpus at build time. */
  idf?: Map<string, number>;
}

/**
 * The offline default embedder: no model to download, the same vector for the same text on every
 * machine. It hashes three kinds of features into one L2-normalised vector:
 * - lay-lexicon concepts ("slipped disc" and "herniated disc" share one), weighted highest;
 * - word stems and stem pairs, weighted by corpus IDF so "pain" counts less than "piriformis";
 * - character 4-grams of each word, so a typo the spell-fixer missed still lands nearby.
 */
export class HashedEmbeddings extends Embeddings {
  readonly name = "hashed-lexicon-v1";
  readonly dimensions: number;
  private readonly analyzer: Analyzer;
  private readonly idf: Map<string, number>;
  private readonly defaultIdf: number;

  constructor(options: HashedEmbeddingsOptions) {
    super(options);
    this.analyzer = options.analyzer;
    this.dimensions = options.dimensions ?? 1024;
    this.idf = options.idf ?? new Map();
    const values = [...this.idf.values()];
    // A reduce, not Math.max(...values): one argument per distinct term overflows the stack on a large corpus.
    this.defaultIdf = values.length > 0 ? values.reduce((m, v) => (v > m ? v : m), -Infinity) : 1;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    // Queries arrive already respelled (the retriever and the red-flag tokenizer do it once).
    return this.vector(text);
  }

  vector(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    this.accumulate(this.analyzer.analyze(text), (i, w) => (v[i] += w));
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  /**
   * The same vector as {@link vector}, as its non-zero entries only (indices ascending): a clause of
   * ten words touches about forty of the 1024 dimensions, so comparing it with a few dozen example
   * phrases costs that many products instead of a dense search per clause.
   */
  sparseVector(text: string): { indices: Int32Array; values: Float64Array } {
    return this.sparseVectorOf(this.analyzer.analyze(text));
  }

  /**
   * {@link sparseVector} of a text already analysed by this embedder's analyzer: the build analyses
   * every chunk for the keyword index and embeds that same analysis instead of analysing it again.
   */
  sparseVectorOf(analysis: EmbeddedAnalysis): { indices: Int32Array; values: Float64Array } {
    // Summed in place in a dense scratch vector (each dimension's features in the same order as
    // before, so the sums are the same to the last bit), noting which dimensions were touched: a long
    // clause adds hundreds of thousands of features, too many for a map.
    const sums = (this.scratch ??= new Float64Array(this.dimensions));
    const touched = (this.touched ??= new Uint8Array(this.dimensions));
    const list: number[] = [];
    this.accumulate(analysis, (i, w) => {
      if (touched[i] === 0) {
        touched[i] = 1;
        list.push(i);
      }
      sums[i] += w;
    });
    const indices = Int32Array.from(list).sort();
    // Summed in index order, as the dense loop does, so the norm is the same to the last bit.
    let norm = 0;
    for (const i of indices) norm += sums[i] * sums[i];
    norm = Math.sqrt(norm) || 1;
    const values = Float64Array.from(indices, (i) => sums[i] / norm);
    for (const i of indices) {
      sums[i] = 0;
      touched[i] = 0;
    }
    return { indices, values };
  }

  /** Scratch space of {@link sparseVector}, zero between calls. */
  private scratch: Float64Array | undefined;
  private touched: Uint8Array | undefined;

  private weight(feature: string): number {
    return this.idf.get(feature) ?? this.defaultIdf;
  }

  /** Hands each feature's dimension and signed weight to `add`, in a fixed order. */
  private accumulate(a: EmbeddedAnalysis, add: (index: number, weight: number) => void): void {
    const feature = (h: number, weight: number) => {
      // A sign bit halves the bias that hash collisions add to cosine similarity.
      add((h >>> 1) % this.dimensions, h & 1 ? weight : -weight);
    };
    for (const c of a.concepts) feature(fnv1a(`c:${c}`), 2.5 * this.weight(`c:${c}`));
    a.stems.forEach((s, i) => {
      feature(this.stemHash(s), this.weight(s));
      // Hashed as one string "b:<previous>_<stem>", continued over its parts rather than built.
      if (i > 0) feature(fnv1aContinue(fnv1aContinue(fnv1aContinue(BIGRAM, a.stems[i - 1]), "_"), s), 0.5 * this.weight(s));
    });
    // The analysis's words are the text's normalized words.
    for (const w of a.words) {
      if (w.length < 5) continue;
      const grams = this.gramHashes(w);
      const weight = 0.6 / Math.sqrt(grams.length);
      for (const h of grams) feature(h, weight);
    }
  }

  // A long message repeats its words: the hashes of each stem and of each word's 4-grams are kept
  // (bounded), so embedding its clauses costs little more than reading them.
  private readonly stemHashes = new Map<string, number>();
  private readonly gramHashCache = new Map<string, Uint32Array>();

  private stemHash(stem: string): number {
    let h = this.stemHashes.get(stem);
    if (h === undefined) {
      if (this.stemHashes.size > HASH_CACHE_LIMIT) this.stemHashes.clear();
      this.stemHashes.set(stem, (h = fnv1a(`w:${stem}`)));
    }
    return h;
  }

  /** Hashes of "g:" and each 4-gram of "^word$". */
  private gramHashes(word: string): Uint32Array {
    let hashes = this.gramHashCache.get(word);
    if (!hashes) {
      // The hash of "g:" and four characters of "^word$", continued character by character rather
      // than built as a string per 4-gram.
      const n = word.length + 2;
      hashes = new Uint32Array(n - 3);
      for (let i = 0; i < hashes.length; i++) {
        let h = GRAM;
        for (let k = i; k < i + 4; k++) {
          h ^= k === 0 ? 94 /* ^ */ : k === n - 1 ? 36 /* $ */ : word.charCodeAt(k - 1);
          h = Math.imul(h, 0x01000193);
        }
        hashes[i] = h >>> 0;
      }
      if (this.gramHashCache.size > HASH_CACHE_LIMIT) this.gramHashCache.clear();
      this.gramHashCache.set(word, hashes);
    }
    return hashes;
  }
}

/** What of an analysis the vector is made of. */
export type EmbeddedAnalysis = Pick<Analysis, "concepts" | "stems" | "words">;

/**
 * Distinct words or stems whose hashes are kept before the cache starts over: above a large
 * corpus's vocabulary (about 50,000 words at 100,000 chunks), which the build embeds chunk after chunk.
 */
const HASH_CACHE_LIMIT = 120_000;

/** 32-bit FNV-1a: fast, stable across machines and Node versions. */
function fnv1a(s: string): number {
  return fnv1aContinue(0x811c9dc5, s);
}

/** FNV-1a carried on from the hash of a prefix: hashing "ab" is continuing the hash of "a" with "b". */
function fnv1aContinue(hash: number, s: string): number {
  let h = hash;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const BIGRAM = fnv1a("b:");
const GRAM = fnv1a("g:");
