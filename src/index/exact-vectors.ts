import { open, readFile } from "node:fs/promises";
import { LumbarError } from "../core/errors.ts";

/** The file of an exact vector index in a version folder. */
export const EXACT_VECTORS_FILE = "vectors.bin";

const MAGIC = 0x5856_4d4c; // "LMVX" read little-endian
const FORMAT = 1;
const HEADER_WORDS = 4;

/**
 * Exact nearest neighbours by cosine, for vectors whose queries are sparse: the offline embedder's
 * hashed vectors. A question touches 10 to 40 of the 1,024 dimensions, so scoring every chunk
 * exactly costs one pass over those few dimensions' entries, stored dimension by dimension:
 * about 1 to 4 ms at 100,000 chunks, where HNSW needed ef 512 (30 to 50 ms a query on this
 * machine) for recall@10 0.97, and about 1 ms of insertion a vector a core to build. Building this
 * is a transpose, and its recall is 1 by construction.
 *
 * Stored per dimension, in chunk order: each non-zero entry's float32 value (as hnswlib kept them)
 * and the gap in chunks since the previous one as a byte (0 means "255 further, no entry here").
 * A chunk's vector fills about half the dimensions, so this is about 5 bytes an entry, 2.6 kB a
 * chunk, against 4 kB dense and about 4.3 kB in hnswlib with its links.
 */
export class ExactVectors {
  /** Per chunk, the query's dot product while a search runs; zero between searches. */
  private readonly scores: Float64Array;

  private constructor(
    readonly count: number,
    readonly dimensions: number,
    /** Per dimension d, its gap bytes are gaps[gapStart[d] .. gapStart[d + 1]). */
    private readonly gapStart: Uint32Array,
    /** ...and its values values[valueStart[d] .. valueStart[d + 1]). */
    private readonly valueStart: Uint32Array,
    private readonly gaps: Uint8Array,
    private readonly values: Float32Array,
  ) {
    this.scores = new Float64Array(count);
  }

  /**
   * The k nearest chunks by cosine distance (1 - dot product: the stored vectors are unit length),
   * nearest first, ties to the lower chunk index; as hnswlib answers: `neighbors` and `distances`.
   */
  search(query: ArrayLike<number>, k: number): { neighbors: number[]; distances: number[] } {
    const { scores, gapStart, valueStart, gaps, values } = this;
    // Unit length, as hnswlib's cosine space makes a query (the offline embedder's already is).
    let sum = 0;
    for (let d = 0; d < this.dimensions; d++) sum += query[d] * query[d];
    const norm = Math.sqrt(sum) || 1;
    for (let d = 0; d < this.dimensions; d++) {
      const q = query[d] / norm;
      if (q === 0) continue;
      let row = -1;
      let v = valueStart[d];
      for (let g = gapStart[d], end = gapStart[d + 1]; g < end; g++) {
        const gap = gaps[g];
        if (gap === 0) {
          row += 255;
          continue;
        }
        row += gap;
        scores[row] += q * values[v++];
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
      let row = -1;
      let v = this.valueStart[d];
      for (let g = this.gapStart[d]; g < this.gapStart[d + 1]; g++) {
        const gap = this.gaps[g];
        if (gap === 0) row += 255;
        else f((row += gap), d, this.values[v++]);
      }
    }
  }

  /** Writes the index to `file` (little-endian, as the machines it runs on). */
  async write(file: string): Promise<void> {
    const header = Uint32Array.of(MAGIC, FORMAT, this.count, this.dimensions);
    const fh = await open(file, "w");
    try {
      for (const part of [header, this.gapStart, this.valueStart, this.values, this.gaps]) {
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
    const gapStart = words(dimensions + 1);
    const valueStart = words(dimensions + 1);
    const valueCount = valueStart[dimensions];
    const values = new Float32Array(words(valueCount).buffer, at - valueCount * 4, valueCount);
    const gapCount = gapStart[dimensions];
    if (at + gapCount !== bytes.byteOffset + bytes.byteLength) throw bad("its size does not match its header");
    const gaps = new Uint8Array(bytes.buffer, at, gapCount);
    return new ExactVectors(count, dimensions, gapStart, valueStart, gaps, values);
  }

  /**
   * Builds the index from chunks' sparse vectors, added in chunk order (dimensions ascending,
   * already unit length); they are kept as float32.
   */
  static builder(dimensions: number): ExactVectorsBuilder {
    return new ExactVectorsBuilder(dimensions, (count, gapStart, valueStart, gaps, values) => new ExactVectors(count, dimensions, gapStart, valueStart, gaps, values));
  }
}

/** Collects sparse rows, then transposes them into an {@link ExactVectors}. */
export class ExactVectorsBuilder {
  private rowDims = new Uint16Array(1 << 16);
  private rowValues = new Float32Array(1 << 16);
  private rowStart: number[] = [0];
  private size = 0;

  constructor(
    private readonly dimensions: number,
    private readonly make: (count: number, gapStart: Uint32Array, valueStart: Uint32Array, gaps: Uint8Array, values: Float32Array) => ExactVectors,
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
    // First pass: each dimension's entries and gap bytes (a gap over 255 takes extra bytes).
    const valueCounts = new Uint32Array(dims);
    const gapCounts = new Float64Array(dims);
    const last = new Int32Array(dims).fill(-1);
    for (let r = 0; r < count; r++) {
      for (let j = this.rowStart[r]; j < this.rowStart[r + 1]; j++) {
        const d = this.rowDims[j];
        valueCounts[d]++;
        gapCounts[d] += 1 + Math.floor((r - last[d] - 1) / 255);
        last[d] = r;
      }
    }
    const gapStart = new Uint32Array(dims + 1);
    const valueStart = new Uint32Array(dims + 1);
    for (let d = 0; d < dims; d++) {
      gapStart[d + 1] = gapStart[d] + gapCounts[d];
      valueStart[d + 1] = valueStart[d] + valueCounts[d];
    }
    const gaps = new Uint8Array(gapStart[dims]);
    const values = new Float32Array(valueStart[dims]);
    const gapAt = gapStart.slice(0, dims);
    const valueAt = valueStart.slice(0, dims);
    last.fill(-1);
    for (let r = 0; r < count; r++) {
      for (let j = this.rowStart[r]; j < this.rowStart[r + 1]; j++) {
        const d = this.rowDims[j];
        let gap = r - last[d];
        // A gap of g > 255 is written as zeros (255 each) then the remainder, 1 to 255.
        while (gap > 255) {
          gaps[gapAt[d]++] = 0;
          gap -= 255;
        }
        gaps[gapAt[d]++] = gap;
        values[valueAt[d]++] = this.rowValues[j];
        last[d] = r;
      }
    }
    return this.make(count, gapStart, valueStart, gaps, values);
  }
}
