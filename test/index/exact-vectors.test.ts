import { mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExactVectors } from "../../src/index/exact-vectors.ts";
import { VectorIndex } from "../../src/index/vector-index.ts";

const DIMS = 64;
// Many bitmap words, and a dimension used only now and then (every 397th chunk).
const COUNT = 20_000;

let dir: string;

/** A deterministic pseudo-random sequence in [0, 1), so the vectors are the same on every run. */
function sequence(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Sparse vectors as the offline embedder makes them: some dimensions common, one rare (every ~400th chunk), unit length. */
function sparseRows(): Array<{ indices: number[]; values: number[] }> {
  const next = sequence(5);
  return Array.from({ length: COUNT }, (_, r) => {
    const indices: number[] = [];
    const values: number[] = [];
    for (let d = 0; d < DIMS; d++) {
      const used = d === DIMS - 1 ? r % 397 === 3 : next() < 0.3;
      if (!used) continue;
      indices.push(d);
      values.push(next() - 0.5);
    }
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
    return { indices, values: values.map((v) => v / norm) };
  });
}

/** Cosine nearest by brute force over the same float32 values, ties to the lower chunk. */
function bruteForce(rows: Array<{ indices: number[]; values: number[] }>, query: number[], k: number): number[] {
  const norm = Math.sqrt(query.reduce((s, v) => s + v * v, 0));
  const scored = rows.map((row, i) => {
    let dot = 0;
    row.indices.forEach((d, j) => (dot += (query[d] / norm) * Math.fround(row.values[j])));
    return [i, dot] as const;
  });
  return scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k).map(([i]) => i);
}

let rows: Array<{ indices: number[]; values: number[] }>;
let built: ExactVectors;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-exact-vectors-"));
  rows = sparseRows();
  const builder = ExactVectors.builder(DIMS);
  for (const row of rows) builder.add(row.indices, row.values);
  built = builder.finish();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ExactVectors", () => {
  it("finds exactly the nearest chunks by cosine, nearest first, with 1 - dot product as the distance", () => {
    const next = sequence(9);
    for (let q = 0; q < 30; q++) {
      // Sparse queries, as a question's: a few dimensions, the rare one included now and then.
      const query = Array.from({ length: DIMS }, (_, d) => (next() < 0.15 || (d === DIMS - 1 && q % 3 === 0) ? next() - 0.5 : 0));
      const { neighbors, distances } = built.search(query, 10);
      expect(neighbors).toEqual(bruteForce(rows, query, 10));
      for (let j = 1; j < distances.length; j++) expect(distances[j]).toBeGreaterThanOrEqual(distances[j - 1]);
      const norm = Math.sqrt(query.reduce((s, v) => s + v * v, 0));
      const first = rows[neighbors[0]];
      const dot = first.indices.reduce((s, d, j) => s + (query[d] / norm) * Math.fround(first.values[j]), 0);
      expect(distances[0]).toBeCloseTo(1 - dot, 12);
    }
  });

  it("gives every chunk back as stored (float32), the rarely used dimension included", () => {
    const dense = built.dense();
    for (const r of [0, 3, 400, 1_591, 16_384, COUNT - 1]) {
      const want = new Array<number>(DIMS).fill(0);
      rows[r].indices.forEach((d, j) => (want[d] = Math.fround(rows[r].values[j])));
      expect(built.vectorOf(r)).toEqual(want);
      expect(Array.from(dense.subarray(r * DIMS, (r + 1) * DIMS))).toEqual(want);
    }
  });

  it("reads back what it wrote, and the vector index serves it with the same answers", async () => {
    const info = await VectorIndex.buildExact(built, dir);
    expect(info).toEqual({ kind: "exact", count: COUNT });
    const index = await VectorIndex.load(dir, DIMS, info, 64);
    expect(index.exact).toBe(true);
    const next = sequence(21);
    const query = Array.from({ length: DIMS }, () => (next() < 0.2 ? next() - 0.5 : 0));
    const { neighbors, distances } = built.search(query, 50);
    expect(await index.search(query, 50)).toEqual(neighbors.map((n, j) => [n, distances[j]]));
    expect(await index.vectorOf(1_591)).toEqual(built.vectorOf(1_591));
    await index.close();
  });

  it("refuses a truncated or mismatched file instead of serving it", async () => {
    const file = path.join(dir, "vectors.bin");
    const bytes = await readFile(file);
    await expect(VectorIndex.load(dir, DIMS, { kind: "exact", count: COUNT + 1 }, 64)).rejects.toThrow(/manifest recorded/);
    await writeFile(file, bytes.subarray(0, bytes.length - 10));
    await expect(ExactVectors.read(file)).rejects.toThrow(/does not match its header|truncated/);
    await writeFile(file, bytes);
  });

  it("answers k nearest even when fewer chunks share a dimension with the query", () => {
    const query = new Array<number>(DIMS).fill(0);
    query[DIMS - 1] = 1;
    const { neighbors } = built.search(query, 20);
    expect(neighbors).toHaveLength(20);
    expect(neighbors).toEqual(bruteForce(rows, query, 20));
  });
});
