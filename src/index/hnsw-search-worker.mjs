// Holds one HNSW shard on a worker thread and answers searches on it: hnswlib-node searches on the
// calling thread, so with the shards on threads of their own a query searches them all at once
// (one core each) instead of one after the other. Plain JavaScript: it needs nothing of Lumbar's
// TypeScript, only the native index. Replies carry the request's id.
import hnswlib from "hnswlib-node";
import { parentPort, workerData } from "node:worker_threads";

const { file, dimensions, ef } = workerData;
const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
try {
  await index.readIndex(file);
  index.setEf(ef);
  parentPort.postMessage({ ready: true, count: index.getCurrentCount() });
} catch (err) {
  parentPort.postMessage({ ready: false, error: err instanceof Error ? err.message : String(err) });
}

parentPort.on("message", (request) => {
  try {
    if (request.ef !== undefined) {
      index.setEf(request.ef);
      parentPort.postMessage({ id: request.id });
    } else if (request.point !== undefined) {
      parentPort.postMessage({ id: request.id, point: index.getPoint(request.point) });
    } else {
      const { neighbors, distances } = index.searchKnn(request.query, request.k);
      parentPort.postMessage({ id: request.id, neighbors, distances });
    }
  } catch (err) {
    parentPort.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
});
