import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { moduleWorker } from "../core/module-worker.ts";
import type { ProviderConfig } from "../config/config.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { silentLogger, type Logger } from "../log/logger.ts";
import { checkRedFlags } from "./check-red-flags.ts";
import type { RedFlagResult } from "./detect-red-flags.ts";
import type { WorkerReply, WorkerRequest } from "./red-flag-worker.ts";

/** Messages at least this long are checked in a worker thread; shorter ones take a few milliseconds at most. */
export const WORKER_MIN_CHARS = 8_000;

export interface RedFlagWorkersOptions {
  /** The data folder the index versions live in (the worker loads the serving version itself). */
  dataDir: string;
  /** The embedder configuration, for the worker's copy of the index. */
  embeddings: ProviderConfig | null;
  /** Worker threads. Defaults to the cores less one (at least 1, at most 4). */
  size?: number;
  /** Shorter messages are checked on the calling thread. Defaults to {@link WORKER_MIN_CHARS}. */
  minChars?: number;
  logger?: Logger;
}

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * The red-flag check of long messages, run in a small pool of worker threads so that one person's
 * pasted wall of text never holds up another person's acknowledgement or answer. The check is the
 * part whose cost grows with the message (the answer reads only its start), so it is what moves.
 *
 * Safety first: if a worker cannot start, crashes or fails, the message is checked on the calling
 * thread instead, so a message is never left unchecked.
 */
export class RedFlagWorkers {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (r: RedFlagResult) => void; reject: (e: Error) => void; slot: Slot }>();
  private readonly size: number;
  private readonly minChars: number;
  private readonly logger: Logger;
  private nextId = 1;
  /** Set after workers failed to start: everything is then checked on the calling thread. */
  private disabled = false;
  private failures = 0;

  constructor(private readonly options: RedFlagWorkersOptions) {
    this.size = Math.max(1, options.size ?? Math.min(4, availableParallelism() - 1));
    this.minChars = options.minChars ?? WORKER_MIN_CHARS;
    this.logger = options.logger ?? silentLogger;
  }

  /** Checks a message against the snapshot: long ones in a worker, short ones (or all, if workers fail) here. */
  async check(snapshot: IndexSnapshot, text: string): Promise<RedFlagResult> {
    if (text.length < this.minChars || this.disabled) return checkRedFlags(snapshot, text);
    try {
      return await this.inWorker(snapshot, text);
    } catch (err) {
      this.logger.warn("red_flag_worker.failed_checking_here", { error: err });
      if (++this.failures >= 3) this.disabled = true;
      return checkRedFlags(snapshot, text);
    }
  }

  /** Stops the worker threads; later checks run on the calling thread. */
  async close(): Promise<void> {
    this.disabled = true;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private inWorker(snapshot: IndexSnapshot, text: string): Promise<RedFlagResult> {
    const slot = this.leastBusy();
    const id = this.nextId++;
    const request: WorkerRequest = { id, dataDir: this.options.dataDir, version: snapshot.manifest.version, embeddings: this.options.embeddings, text, spellingBytes: snapshot.spellingBytes };
    return new Promise<RedFlagResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.busy++;
      // A busy worker keeps the process alive; an idle one does not (a CLI run may end at any time).
      slot.worker.ref();
      slot.worker.postMessage(request);
    });
  }

  private leastBusy(): Slot {
    if (this.slots.length < this.size && (this.slots.length === 0 || this.slots.every((s) => s.busy > 0))) this.slots.push(this.spawn());
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private spawn(): Slot {
    const worker = moduleWorker(new URL("./red-flag-worker", import.meta.url));
    const slot: Slot = { worker, busy: 0 };
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.settled(slot);
      if (reply.ok) {
        this.failures = 0;
        // The words stay in the worker: nothing after the check reads them.
        waiting.resolve({ ...reply.result, tokens: [] });
      } else waiting.reject(new Error(`red-flag worker: ${reply.error}`));
    });
    const fail = (err: Error) => {
      // Whatever the worker held is checked again on the calling thread by check().
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const [id, waiting] of this.pending) {
        if (waiting.slot !== slot) continue;
        this.pending.delete(id);
        waiting.reject(err);
      }
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`red-flag worker exited with code ${code}`)));
    return slot;
  }

  private settled(slot: Slot): void {
    slot.busy--;
    if (slot.busy === 0) slot.worker.unref();
  }
}
