import hnswlib from "hnswlib-node";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { LumbarError } from "../core/errors.ts";
import { EXACT_VECTORS_FILE, ExactVectors } from "./exact-vectors.ts";

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
export type VectorIndexInfo = HnswInfo | ExactInfo;

export interface HnswInfo {
  kind?: "hnsw";
  m: number;
  efConstruction: number;
  /** Vectors per shard file, in chunk order: shard s holds the chunks after those of shards 0..s-1. */
  shards: number[];
}

/** An exact index of sparse-query vectors (the offline embedder's), in {@link EXACT_VECTORS_FILE}. */
export interface ExactInfo {
  kind: "exact";
  count: number;
}

/** Vectors per HNSW shard for a version of `count` chunks: one per core when there are enough. */
export function shardSizes(count: number): number[] {
  const shardCount = Math.max(1, Math.min(os.availableParallelism(), Math.floor(count / MIN_SHARD)));
  return Array.from({ length: shardCount }, (_, s) => Math.floor((count * (s + 1)) / shardCount) - Math.floor((count * s) / shardCount));
}

/** Shard file names; a version built before shards has one index under LangChain's name. */
export function shardFile(dir: string, shard: number): string {
  return path.join(dir, `hnsw-${shard}.index`);
}
export const LEGACY_INDEX_FILE = "hnswlib.index";

/** A shard searched on this thread, or on a worker thread of its own, or an exact index (on this thread). */
type Shard = { offset: number; count: number } & (
  | { index: hnswlib.HierarchicalNSW; worker?: undefined; exact?: undefined }
  | { worker: ShardWorker; index?: undefined; exact?: undefined }
  | { exact: ExactVectors; index?: undefined; worker?: undefined }
);

/**
 * The chunks' vectors: raw hnswlib indexes (LangChain's wrapper ignores M and efConstruction, never
 * sets ef, and keeps a second copy of every chunk's text in its docstore). Labels are chunk indices
 * within a shard; a search asks every shard and keeps the nearest. A version of several shards
 * (from 8,000 chunks) serves each shard from a worker thread of its own, so a query searches them
 * at once, one core each: the search is most of a message's time at 100,000 chunks.
 */
export class VectorIndex {
  private constructor(
    private readonly shards: Shard[],
    readonly dimensions: number,
  ) {
    const workers = shards.flatMap((s) => (s.worker ? [s.worker] : []));
    // A version nobody serves any more stops its threads when it is collected (close() stops them at once).
    if (workers.length > 0) unusedWorkers.register(this, workers, this);
  }

  /**
   * The k nearest chunks as [chunk index, cosine distance], nearest first. The shards' answers are
   * merged in shard order whichever answers first, so the result is the same as searching them in turn.
   */
  async search(query: number[], k: number): Promise<Array<[number, number]>> {
    const answers = await Promise.all(
      this.shards.map((shard) => {
        const wanted = Math.min(k, shard.count);
        return shard.exact ? shard.exact.search(query, wanted) : shard.worker ? shard.worker.request({ query, k: wanted }) : shard.index.searchKnn(query, wanted);
      }),
    );
    const found: Array<[number, number]> = [];
    answers.forEach(({ neighbors, distances }, s) => neighbors.forEach((label: number, j: number) => found.push([this.shards[s].offset + label, distances[j]])));
    return found.sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, k);
  }

  /** Search breadth; hnswlib's default of 10 loses most neighbours, and it is not saved with the index. */
  async setEf(ef: number): Promise<void> {
    // An exact index has no breadth: it always scores every chunk.
    await Promise.all(this.shards.map((shard) => (shard.exact ? undefined : shard.worker ? shard.worker.request({ ef }) : shard.index.setEf(ef))));
  }

  /** The stored vector of a chunk (as hnswlib keeps it: unit length for cosine). */
  async vectorOf(chunk: number): Promise<number[]> {
    const shard = this.shards.find((s) => chunk >= s.offset && chunk < s.offset + s.count)!;
    if (shard.exact) return shard.exact.vectorOf(chunk - shard.offset);
    return shard.worker ? (await shard.worker.request({ point: chunk - shard.offset })).point : shard.index.getPoint(chunk - shard.offset);
  }

  /** Every stored vector, row after row: for the bench's exact scan (one pass for an exact index, not one per chunk). */
  async allVectors(count: number): Promise<Float32Array> {
    if (this.shards.length === 1 && this.shards[0].exact) return this.shards[0].exact.dense();
    const matrix = new Float32Array(count * this.dimensions);
    for (let label = 0; label < count; label++) matrix.set(await this.vectorOf(label), label * this.dimensions);
    return matrix;
  }

  /** Whether searches are exact (and `setEf` does nothing). */
  get exact(): boolean {
    return this.shards.length > 0 && this.shards.every((s) => s.exact !== undefined);
  }

  /** Stops the shards' worker threads (a search after this fails). */
  async close(): Promise<void> {
    unusedWorkers.unregister(this);
    await Promise.all(this.shards.map((s) => s.worker?.terminate()));
  }

  /**
   * Builds the shards into `dir` (one per core when there are enough vectors, each on a worker
   * thread) and returns what the manifest must record.
   */
  static async build(vectors: Float32Array, count: number, dimensions: number, dir: string): Promise<HnswInfo> {
    const { m, efConstruction, seed } = HNSW_SETTINGS;
    const sizes = shardSizes(count);
    if (sizes.length === 1) {
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

  /** Writes an exact index into `dir` and returns what the manifest must record. */
  static async buildExact(vectors: ExactVectors, dir: string): Promise<ExactInfo> {
    await vectors.write(path.join(dir, EXACT_VECTORS_FILE));
    return { kind: "exact", count: vectors.count };
  }

  /** An index with no vectors, for a snapshot that never retrieves (a red-flag worker's). */
  static none(dimensions: number): VectorIndex {
    return new VectorIndex([], dimensions);
  }

  /**
   * Loads a version's vector index and sets its search breadth. Several shards load on worker
   * threads, one each (all at once), unless `workers` is false (the bench's recall measurement
   * reads every stored vector back, which is quicker on this thread).
   */
  static async load(dir: string, dimensions: number, info: VectorIndexInfo | undefined, efSearch: number, options: { workers?: boolean } = {}): Promise<VectorIndex> {
    if (info?.kind === "exact") {
      const exact = await ExactVectors.read(path.join(dir, EXACT_VECTORS_FILE));
      if (exact.count !== info.count || exact.dimensions !== dimensions) {
        throw new LumbarError("INDEX_INVALID", `exact vector index in ${dir} holds ${exact.count} vectors of ${exact.dimensions} dimensions where the manifest recorded ${info.count} of ${dimensions}`);
      }
      return new VectorIndex([{ exact, offset: 0, count: exact.count }], dimensions);
    }
    const files = info ? info.shards.map((_, s) => shardFile(dir, s)) : [path.join(dir, LEGACY_INDEX_FILE)];
    if (files.length > 1 && options.workers !== false) {
      const workers = await Promise.allSettled(files.map((file) => ShardWorker.start(file, dimensions, efSearch)));
      const failed = workers.find((w): w is PromiseRejectedResult => w.status === "rejected");
      if (failed) {
        await Promise.all(workers.map((w) => (w.status === "fulfilled" ? w.value.terminate() : undefined)));
        throw failed.reason;
      }
      let offset = 0;
      const shards = workers.map((w) => {
        const worker = (w as PromiseFulfilledResult<ShardWorker>).value;
        const shard = { worker, offset, count: worker.count };
        offset += worker.count;
        return shard;
      });
      return new VectorIndex(shards, dimensions);
    }
    const shards: Shard[] = [];
    let offset = 0;
    for (const file of files) {
      const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
      await index.readIndex(file);
      const count = index.getCurrentCount();
      shards.push({ index, offset, count });
      offset += count;
    }
    const vectors = new VectorIndex(shards, dimensions);
    await vectors.setEf(efSearch);
    return vectors;
  }
}

/** Worker threads of vector indexes that were collected without close(): stopped then. */
const unusedWorkers = new FinalizationRegistry<ShardWorker[]>((workers) => {
  for (const w of workers) void w.terminate();
});

/**
 * One shard on a worker thread (hnsw-search-worker.mjs). The thread keeps the process alive only
 * while a request is waiting for it, so an idle index never holds a finished command open.
 */
class ShardWorker {
  private readonly pending = new Map<number, { resolve: (reply: any) => void; reject: (err: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly count: number,
    private readonly file: string,
  ) {
    worker.on("message", (reply: { id: number; error?: string }) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error !== undefined) waiting.reject(new LumbarError("INDEX_INVALID", `HNSW shard ${file}: ${reply.error}`));
      else waiting.resolve(reply);
    });
    worker.on("error", (err) => this.fail(err));
    worker.on("exit", () => this.fail(new LumbarError("INDEX_INVALID", `the thread serving HNSW shard ${file} stopped`)));
    worker.unref();
  }

  static start(file: string, dimensions: number, ef: number): Promise<ShardWorker> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./hnsw-search-worker.mjs", import.meta.url), { workerData: { file, dimensions, ef } });
      const failed = (err: Error) => reject(new LumbarError("INDEX_INVALID", `loading HNSW shard ${file} failed: ${err.message}`));
      worker.once("error", failed);
      worker.once("message", (reply: { ready: boolean; count?: number; error?: string }) => {
        worker.off("error", failed);
        if (reply.ready) resolve(new ShardWorker(worker, reply.count!, file));
        else {
          void worker.terminate();
          failed(new Error(reply.error));
        }
      });
    });
  }

  request(message: { query: number[]; k: number } | { ef: number } | { point: number }): Promise<any> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...message, id });
    });
  }

  async terminate(): Promise<void> {
    this.failure ??= new LumbarError("INDEX_INVALID", `HNSW shard ${this.file} is closed`);
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
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
