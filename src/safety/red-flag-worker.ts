import { parentPort } from "node:worker_threads";
import type { ProviderConfig } from "../config/config.ts";
import { loadIndex } from "../index/load-index.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { checkRedFlags } from "./check-red-flags.ts";
import type { RedFlagResult } from "./detect-red-flags.ts";

/** A red-flag check asked of a worker: the index version to check against and the message. */
export interface WorkerRequest {
  id: number;
  dataDir: string;
  version: string;
  embeddings: ProviderConfig | null;
  text: string;
}

/** The decision, without the message's words (nothing after the check needs them). */
export type WorkerDecision = Omit<RedFlagResult, "tokens">;

export type WorkerReply = { id: number; ok: true; result: WorkerDecision } | { id: number; ok: false; error: string };

// The worker loads the serving index version itself (once per version) rather than receive it: a
// snapshot holds native vector stores that cannot cross threads.
let loaded: { key: string; snapshot: Promise<IndexSnapshot> } | null = null;

parentPort?.on("message", async (request: WorkerRequest) => {
  const key = `${request.dataDir}\u0000${request.version}`;
  try {
    if (loaded?.key !== key) loaded = { key, snapshot: loadIndex(request.dataDir, request.version, request.embeddings) };
    const { tokens: _words, ...decision } = await checkRedFlags(await loaded.snapshot, request.text);
    parentPort!.postMessage({ id: request.id, ok: true, result: decision } satisfies WorkerReply);
  } catch (err) {
    if (loaded?.key === key) loaded = null;
    parentPort!.postMessage({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
  }
});
