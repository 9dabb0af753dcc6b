import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VectorIndex, type HnswInfo } from "../../src/index/vector-index.ts";

// Enough vectors for two shards (MIN_SHARD is 4,000), small enough to build in seconds.
const COUNT = 8_200;
const DIMS = 16;

let dir: string;
let info: HnswInfo;
let vectors: Float32Array;

/** A deterministic pseudo-random sequence, so the vectors are the same on every run. */
function sequence(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-vector-index-"));
  const next = sequence(7);
  vectors = Float32Array.from({ length: COUNT * DIMS }, next);
  info = await VectorIndex.build(vectors, COUNT, DIMS, dir);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("VectorIndex", () => {
  it("answers the same from shards on worker threads as from shards on this thread", async () => {
    const onThreads = await VectorIndex.load(dir, DIMS, info, 64);
    const here = await VectorIndex.load(dir, DIMS, info, 64, { workers: false });
    try {
      const next = sequence(11);
      for (let q = 0; q < 20; q++) {
        const query = Array.from({ length: DIMS }, next);
        // Two searches at once on the threads, as a follow-up's two queries are.
        const [a, b] = await Promise.all([onThreads.search(query, 50), onThreads.search(query.map((x) => -x), 50)]);
        expect(a).toEqual(await here.search(query, 50));
        expect(b).toEqual(await here.search(query.map((x) => -x), 50));
        expect(a).toHaveLength(50);
      }
      expect(await onThreads.vectorOf(COUNT - 1)).toEqual(await here.vectorOf(COUNT - 1));
      await onThreads.setEf(128);
      await here.setEf(128);
      const query = Array.from({ length: DIMS }, next);
      expect(await onThreads.search(query, 10)).toEqual(await here.search(query, 10));
    } finally {
      await onThreads.close();
    }
  }, 60_000);

  it("fails a search on a closed index instead of waiting for it", async () => {
    const index = await VectorIndex.load(dir, DIMS, info, 64);
    await index.close();
    if (info.shards.length > 1) await expect(index.search(Array.from({ length: DIMS }, () => 0.1), 5)).rejects.toThrow(/closed|stopped/);
  });

  it("fails to load a missing shard with the file's name", async () => {
    await expect(VectorIndex.load(path.join(dir, "missing"), DIMS, info, 64)).rejects.toThrow(/hnsw-0\.index|missing/);
  });
});
