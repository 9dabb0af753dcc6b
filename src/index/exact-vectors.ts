import { open, readFile } from "node:fs/promises";
import { LumbarError } from "../core/errors.ts";

/** The file of an exact vector index in a version folder. */
export const EXACT_VECTORS_FILE = "vectors.bin";

const MAGIC = 0x5856_4d4c; // "LMVX" read little-endian
const FORMAT = 2;
const HEADER_WORDS = 4;

/**
 * Exact nearest neighbours by cosine, for vectors whose queries are sparse: the offline embedder's
 * hashed vectors. A question touches 10 to 40 of the 1,024 dimensions, so scoring every chunk
 * exactly costs one pass over those few dimensions' entries, stored dimension by dimension:
 * about 1 to 4 ms at 100,000 chunks, where HNSW needed ef 512 (30 to 50 ms a query on this
 * machine) for recall@10 0.97, and about 1 ms of insertion a vector a core to build. Building this
 * is a transpose, and its recall is 1 by construction.
 *
 * Stored per dimension: a bitmap of the chunks with a non-zero entry there, and those entries'
 * float32 values (as hnswlib kept them) in chunk order. A chunk's vector fills about half the
 * dimensions, so this is about 2.2 kB a chunk (224 MB at 100,000 chunks), against 4 kB dense and
 * about 4.3 kB in hnswlib with its links. (A byte per entry for the gap to the previous one, tried
 * first, took 4 times the bitmap's 13 MB.)
 */
export class ExactVectors {
  /** Per chunk, the query's dot product while a search runs; zero between searches. */
  private readonly scores: Float64Array;

  /** 32-bit words of one dimension's bitmap. */
  private readonly words: number;

  private constructor(
    readonly count: number,
    readonly dimensions: number,
    /** Dimension d's bitmap is bits[d * words .. (d + 1) * words): bit r of it set when chunk r has an entry there. */
    private readonly bits: Uint32Array,
    /** ...and its entries' values are values[valueStart[d] .. valueStart[d + 1]), in chunk order. */
    private readonly valueStart: Uint32Array,
    private readonly values: Float32Array,
  ) {
    this.scores = new Float64Array(count);
    this.words = wordsFor(count);
  }

  /**
   * The k nearest chunks by cosine distance (1 - dot product: the stored vectors are unit length),
   * nearest first, ties to the lower chunk index; as hnswlib answers: `neighbors` and `distances`.
   */
  search(query: ArrayLike<number>, k: number): { neighbors: number[]; distances: number[] } {
    const { scores, bits, valueStart, values, words } = this;
    // Unit length, as hnswlib's cosine space makes a query (the offline embedder's already is).
    let sum = 0;
    for (let d = 0; d < this.dimensions; d++) sum += query[d] * query[d];
    const norm = Math.sqrt(sum) || 1;
    for (let d = 0; d < this.dimensions; d++) {
      const q = query[d] / norm;
      if (q === 0) continue;
      let v = valueStart[d];
      for (let w = 0, at = d * words; w < words; w++, at++) {
        // Each set bit, lowest first: its chunk is the word's base plus the bit's position.
        for (let word = bits[at]; word !== 0; ) {
          const low = word & -word;
          scores[(w << 5) + 31 - Math.clz32(low)] += q * values[v++];
          word ^= low;
        }
      }
    }
    // The best k by bounded insertion (k is a few dozen, the chunks up to hundreds of thousands),
    // clearing the scores on the way.
    const want = Math.min(k, this.count);
    const best = new Int32Array(want);
    const bestScore = new Float64Array(want);
    let filled = 0;
    for (let i = 0; i < this.count; i++) {
      const s = scores[i];
      scores[i] = 0;
      if (filled === want && !(s > bestScore[want - 1])) continue;
      let at = filled < want ? filled++ : want - 1;
      while (at > 0 && s > bestScore[at - 1]) {
        best[at] = best[at - 1];
        bestScore[at] = bestScore[at - 1];
        at--;
      }
      best[at] = i;
      bestScore[at] = s;
    }
    return { neighbors: Array.from(best.subarray(0, filled)), distances: Array.from(bestScore.subarray(0, filled), (s) => 1 - s) };
  }

  /** One chunk's stored vector (a pass over every dimension's entries: for tests and the bench, not serving). */
  vectorOf(chunk: number): number[] {
    const out = new Array<number>(this.dimensions).fill(0);
    this.forEachEntry((row, d, value) => {
      if (row === chunk) out[d] = value;
    });
    return out;
  }

  /** Every stored vector, row after row (dense): one pass, for the bench's exact scan. */
  dense(): Float32Array {
    const out = new Float32Array(this.count * this.dimensions);
    this.forEachEntry((row, d, value) => (out[row * this.dimensions + d] = value));
    return out;
  }

  private forEachEntry(f: (row: number, dimension: number, value: number) => void): void {
    for (let d = 0; d < this.dimensions; d++) {
      let v = this.valueStart[d];
      for (let w = 0, at = d * this.words; w < this.words; w++, at++) {
        for (let word = this.bits[at]; word !== 0; ) {
          const low = word & -word;
          f((w << 5) + 31 - Math.clz32(low), d, this.values[v++]);
          word ^= low;
        }
      }
    }
  }

  /** Writes the index to `file` (little-endian, as the machines it runs on). */
  async write(file: string): Promise<void> {
    const header = Uint32Array.of(MAGIC, FORMAT, this.count, this.dimensions);
    const fh = await open(file, "w");
    try {
      for (const part of [header, this.valueStart, this.bits, this.values]) {
        await fh.write(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
      }
    } finally {
      await fh.close();
    }
  }

  /** Reads an index written by {@link write}; its arrays are views of the file's bytes. */
  static async read(file: string): Promise<ExactVectors> {
    let bytes: Uint8Array = await readFile(file);
    // Typed-array views need 4-byte alignment; a large read has its own buffer, a small one may not.
    if (bytes.byteOffset % 4 !== 0) bytes = new Uint8Array(bytes);
    const bad = (why: string) => new LumbarError("INDEX_INVALID", `exact vector index ${file}: ${why}`);
    if (bytes.byteLength < HEADER_WORDS * 4) throw bad("too short");
    const [magic, format, count, dimensions] = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
    if (magic !== MAGIC || format !== FORMAT) throw bad("not a vectors file of this format");
    let at = bytes.byteOffset + HEADER_WORDS * 4;
    const words = (n: number) => {
      if (at + n * 4 > bytes.byteOffset + bytes.byteLength) throw bad("truncated");
      const view = new Uint32Array(bytes.buffer, at, n);
      at += n * 4;
      return view;
    };
    const valueStart = words(dimensions + 1);
    const bits = words(dimensions * wordsFor(count));
    const valueCount = valueStart[dimensions];
    const values = new Float32Array(words(valueCount).buffer, at - valueCount * 4, valueCount);
    if (at !== bytes.byteOffset + bytes.byteLength) throw bad("its size does not match its header");
    // Every set bit needs a value: a count that disagrees would read past a dimension's values.
    let set = 0;
    for (const word of bits) set += popcount(word);
    if (set !== valueCount) throw bad(`its bitmaps mark ${set} entries where it holds ${valueCount} values`);
    return new ExactVectors(count, dimensions, bits, valueStart, values);
  }

  /**
   * Builds the index from chunks' sparse vectors, added in chunk order (dimensions ascending,
   * already unit length); they are kept as float32.
   */
  static builder(dimensions: number): ExactVectorsBuilder {
    return new ExactVectorsBuilder(dimensions, (count, bits, valueStart, values) => new ExactVectors(count, dimensions, bits, valueStart, values));
  }
}

function wordsFor(count: number): number {
  return Math.ceil(count / 32);
}

function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Collects sparse rows, then transposes them into an {@link ExactVectors}. */
export class ExactVectorsBuilder {
  private rowDims = new Uint16Array(1 << 16);
  private rowValues = new Float32Array(1 << 16);
  private rowStart: number[] = [0];
  private size = 0;

  constructor(
    private readonly dimensions: number,
    private readonly make: (count: number, bits: Uint32Array, valueStart: Uint32Array, values: Float32Array) => ExactVectors,
  ) {
    if (dimensions > 1 << 16) throw new LumbarError("INDEX_INVALID", `an exact vector index holds at most 65,536 dimensions, not ${dimensions}`);
  }

  get count(): number {
    return this.rowStart.length - 1;
  }

  /** Adds the next chunk's vector: its non-zero dimensions, ascending, and their values. */
  add(indices: ArrayLike<number>, values: ArrayLike<number>): void {
    const n = indices.length;
    if (this.size + n > this.rowDims.length) {
      const capacity = Math.max(this.size + n, this.rowDims.length * 2);
      const dims = new Uint16Array(capacity);
      dims.set(this.rowDims.subarray(0, this.size));
      const vals = new Float32Array(capacity);
      vals.set(this.rowValues.subarray(0, this.size));
      this.rowDims = dims;
      this.rowValues = vals;
    }
    // Unit length, as hnswlib's cosine space makes them (the offline embedder's already are).
    let norm = 0;
    for (let j = 0; j < n; j++) norm += values[j] * values[j];
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < n; j++) {
      if (values[j] === 0) continue;
      this.rowDims[this.size] = indices[j];
      this.rowValues[this.size++] = norm === 1 ? values[j] : values[j] / norm;
    }
    this.rowStart.push(this.size);
  }

  finish(): ExactVectors {
    const dims = this.dimensions;
    const count = this.count;
    const words = wordsFor(count);
    const valueCounts = new Uint32Array(dims);
    for (let j = 0; j < this.size; j++) valueCounts[this.rowDims[j]]++;
    const valueStart = new Uint32Array(dims + 1);
    for (let d = 0; d < dims; d++) valueStart[d + 1] = valueStart[d] + valueCounts[d];
    const bits = new Uint32Array(dims * words);
    const values = new Float32Array(valueStart[dims]);
    const valueAt = valueStart.slice(0, dims);
    // Chunks in order, so each dimension's values come out in chunk order, as its bitmap reads them.
    for (let r = 0; r < count; r++) {
      const word = r >>> 5;
      const bit = 1 << (r & 31);
      for (let j = this.rowStart[r]; j < this.rowStart[r + 1]; j++) {
        const d = this.rowDims[j];
        bits[d * words + word] |= bit;
        values[valueAt[d]++] = this.rowValues[j];
      }
    }
    return this.make(count, bits, valueStart, values);
  }
}
