import hnswlib from "hnswlib-node";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { LumbarError } from "../core/errors.ts";

/**
 * HNSW settings, chosen by measured recall@10 against an exact scan of the same vectors
 * (`bench --chunks N` and a tuning run on its corpus; hashed 1024-dimension vectors). At 10,000 chunks in one graph,
 * M=16/efConstruction=200 reached 0.78 at ef 128 and 0.89 at ef 256; M=32/efConstruction=100 0.90
 * at ef 128, 0.97 at ef 256 and 0.997 at ef 512. In two shards of 5,000: 0.93 / 0.98 / 0.999 at
 * ef 64 / 128 / 256. In two shards of 50,000 (100,000 chunks): 0.79 / 0.86 / 0.93 / 0.973 at ef
 * 64 / 128 / 256 / 512, each doubling of ef doubling the search time. Hence ef 128 up to shards of
 * 5,000, 256 up to 25,000 and 512 above: the least measured to keep recall@10 at 0.97 or more.
 */
export const HNSW_SETTINGS = { m: 32, efConstruction: 100, seed: 100 } as const;

/** Search breadth for shards of this many vectors: the least measured to keep recall@10 >= 0.97. */
export function efSearchFor(largestShard: number): number {
  return largestShard > 25_000 ? 512 : largestShard > 5_000 ? 256 : 128;
}
const MIN_SHARD = 4_000;

/** What the manifest records of the vector index, so a load reads it back the same way. */
export interface VectorIndexInfo {
  m: number;
  efConstruction: number;
  /** Vectors per shard file, in chunk order: shard s holds the chunks after those of shards 0..s-1. */
  shards: number[];
}

/** Shard file names; a version built before shards has one index under LangChain's name. */
export function shardFile(dir: string, shard: number): string {
  return path.join(dir, `hnsw-${shard}.index`);
}
export const LEGACY_INDEX_FILE = "hnswlib.index";

/**
 * The chunks' vectors: raw hnswlib indexes (LangChain's wrapper ignores M and efConstruction, never
 * sets ef, and keeps a second copy of every chunk's text in its docstore). Labels are chunk indices
 * within a shard; a search asks every shard and keeps the nearest.
 */
export class VectorIndex {
  private constructor(
    private readonly shards: Array<{ index: hnswlib.HierarchicalNSW; offset: number; count: number }>,
    readonly dimensions: number,
  ) {}

  /** The k nearest chunks as [chunk index, cosine distance], nearest first. */
  search(query: number[], k: number): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (const shard of this.shards) {
      const { neighbors, distances } = shard.index.searchKnn(query, Math.min(k, shard.count));
      neighbors.forEach((label, j) => found.push([shard.offset + label, distances[j]]));
    }
    return found.sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, k);
  }

  /** Search breadth; hnswlib's default of 10 loses most neighbours, and it is not saved with the index. */
  setEf(ef: number): void {
    for (const shard of this.shards) shard.index.setEf(ef);
  }

  /** The stored vector of a chunk (as hnswlib keeps it: unit length for cosine). */
  vectorOf(chunk: number): number[] {
    const shard = this.shards.find((s) => chunk >= s.offset && chunk < s.offset + s.count)!;
    return shard.index.getPoint(chunk - shard.offset);
  }

  /**
   * Builds the shards into `dir` (one per core when there are enough vectors, each on a worker
   * thread) and returns what the manifest must record.
   */
  static async build(vectors: Float32Array, count: number, dimensions: number, dir: string): Promise<VectorIndexInfo> {
    const { m, efConstruction, seed } = HNSW_SETTINGS;
    const shardCount = Math.max(1, Math.min(os.availableParallelism(), Math.floor(count / MIN_SHARD)));
    const sizes = Array.from({ length: shardCount }, (_, s) => Math.floor((count * (s + 1)) / shardCount) - Math.floor((count * s) / shardCount));
    if (shardCount === 1) {
      const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
      index.initIndex(Math.max(1, count), m, efConstruction, seed);
      for (let i = 0; i < count; i++) index.addPoint(Array.from(vectors.subarray(i * dimensions, (i + 1) * dimensions)), i);
      await index.writeIndex(shardFile(dir, 0));
    } else {
      let offset = 0;
      await Promise.all(
        sizes.map((size, s) => {
          const part = vectors.slice(offset * dimensions, (offset + size) * dimensions);
          offset += size;
          return buildShard({ vectors: part, count: size, dimensions, m, efConstruction, seed, file: shardFile(dir, s) });
        }),
      );
    }
    return { m, efConstruction, shards: sizes };
  }

  /** An index with no vectors, for a snapshot that never retrieves (a red-flag worker's). */
  static none(dimensions: number): VectorIndex {
    return new VectorIndex([], dimensions);
  }

  /** Loads a version's vector index and sets its search breadth. */
  static async load(dir: string, dimensions: number, info: VectorIndexInfo | undefined, efSearch: number): Promise<VectorIndex> {
    const files = info ? info.shards.map((_, s) => shardFile(dir, s)) : [path.join(dir, LEGACY_INDEX_FILE)];
    const shards = [];
    let offset = 0;
    for (const file of files) {
      const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
      await index.readIndex(file);
      const count = index.getCurrentCount();
      shards.push({ index, offset, count });
      offset += count;
    }
    const vectors = new VectorIndex(shards, dimensions);
    vectors.setEf(efSearch);
    return vectors;
  }
}

function buildShard(job: { vectors: Float32Array; count: number; dimensions: number; m: number; efConstruction: number; seed: number; file: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./hnsw-shard-worker.mjs", import.meta.url));
    worker.once("message", (reply: { ok: boolean; error?: string }) => {
      void worker.terminate();
      if (reply.ok) resolve();
      else reject(new LumbarError("INDEX_INVALID", `building HNSW shard ${job.file} failed: ${reply.error}`));
    });
    worker.once("error", reject);
    worker.postMessage(job, [job.vectors.buffer as ArrayBuffer]);
  });
}
