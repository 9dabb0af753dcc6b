// Builds one HNSW shard on a worker thread and writes it to a file: hnswlib-node inserts on one
// thread, so a corpus split in shards is built on every core. Plain JavaScript: it needs nothing
// of Lumbar's TypeScript, only the native index.
import hnswlib from "hnswlib-node";
import { parentPort } from "node:worker_threads";

parentPort.once("message", async ({ vectors, count, dimensions, m, efConstruction, seed, file }) => {
  try {
    const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
    index.initIndex(Math.max(1, count), m, efConstruction, seed);
    for (let i = 0; i < count; i++) index.addPoint(Array.from(vectors.subarray(i * dimensions, (i + 1) * dimensions)), i);
    await index.writeIndex(file);
    parentPort.postMessage({ ok: true });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
