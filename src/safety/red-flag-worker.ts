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
  /** The serving thread's spelling tables of this version (shared memory, not copied), when it has them. */
  spellingBytes?: SharedArrayBuffer;
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
    if (loaded?.key !== key) loaded = { key, snapshot: loadIndex(request.dataDir, request.version, request.embeddings, { redFlagsOnly: true, spellingBytes: request.spellingBytes }) };
    const snapshot = await loaded.snapshot;
    const { tokens: _words, ...decision } = await checkRedFlags(snapshot, request.text);
    parentPort!.postMessage({ id: request.id, ok: true, result: decision } satisfies WorkerReply);
    warmUp(snapshot);
  } catch (err) {
    if (loaded?.key === key) loaded = null;
    parentPort!.postMessage({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
  }
});

/** Rounds of the warm-up check, and its length in characters. */
const WARM_UP_ROUNDS = 8;
const WARM_UP_CHARS = 16_000;
let warmed = false;

/**
 * After its first check, a worker checks a built-in text a few times, one round at a time between
 * requests, so that the next long messages find the check's code compiled and its spelling tables
 * built: without it the first long messages after a start took two to three times as long. The
 * text is the rules' own example phrases, the same with a letter dropped, and made-up words (the
 * three kinds of word the check handles differently). Its results are thrown away.
 */
function warmUp(snapshot: IndexSnapshot): void {
  if (warmed) return;
  warmed = true;
  const phrases = snapshot.rules.rules.flatMap((r) => r.exemplars);
  if (phrases.length === 0) return;
  let seed = 1;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed / 2 ** 32);
  // Each round its own made-up words: words already seen would be answered from the caches.
  const text = () => {
    const parts: string[] = [];
    for (let length = 0, k = 0; length < WARM_UP_CHARS; k++) {
      const phrase = phrases[k % phrases.length];
      const cut = Math.floor(next() * phrase.length);
      const made = Array.from({ length: 6 }, () => "bcdfghklmnprstvz"[Math.floor(next() * 16)]).join("");
      const part = `${phrase}. ${phrase.slice(0, cut)}${phrase.slice(cut + 1)} ${made}, `;
      parts.push(part);
      length += part.length;
    }
    return parts.join("");
  };
  let left = WARM_UP_ROUNDS;
  const round = () => {
    if (left-- <= 0) return;
    // setImmediate: a request that arrives meanwhile is taken between two rounds.
    checkRedFlags(snapshot, text()).then(() => setImmediate(round), () => undefined);
  };
  setImmediate(round);
}
