// Hashes files (sha256) on a worker thread and replies with their hex digests in order, so a load
// can check a version's large files on another core while its own thread reads and parses them.
// Plain JavaScript: it needs nothing of Lumbar's TypeScript. Each file is read piece by piece into
// one buffer: a read stream's new buffer per piece made hashing three times slower (page faults).
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

const digests = [];
const piece = Buffer.allocUnsafe(1 << 22);
try {
  for (const file of workerData.files) {
    const hash = createHash("sha256");
    const fd = openSync(file, "r");
    try {
      for (let n; (n = readSync(fd, piece, 0, piece.length, null)) > 0; ) hash.update(piece.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    digests.push(hash.digest("hex"));
  }
  parentPort.postMessage({ digests });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err), digests });
}
