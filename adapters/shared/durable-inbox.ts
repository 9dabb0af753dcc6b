import { mkdir, open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { LumbarError } from "../../src/core/errors.ts";
import { DurableAppender } from "../../src/log/durable-appender.ts";

/**
 * A durable inbox for messages a channel has acknowledged (a Telegram webhook update, a Slack HTTP
 * event). The platform does not send again what it got a 200 for, so a message must be on disk
 * before the acknowledgement and stay there until its reply has gone out; after a crash the
 * unfinished ones are processed again. Ids deduplicate: the same update or event delivered twice
 * (a platform retry, before or after a restart) is taken once.
 *
 * The file is JSON lines, appended and fsync'd through a {@link DurableAppender} (writes arriving
 * together share one fsync): `{"add":id,"at":ms,"payload":...}` and `{"done":id,"at":ms}`. A
 * crash can only tear the last line, which the reader skips. The file is bounded: on open, and
 * whenever enough entries are done, it is rewritten (temporary file, fsync, rename) with only the
 * unfinished entries and the ids of recently finished ones, whose payloads (the messages' text)
 * are dropped.
 *
 * Written by hand rather than on SQLite: better-sqlite3 compiles from source for a minute on every
 * install and segfaults in its newest version on Node 20 (see the stack notes), and an append-only
 * log with one reader and one writer needs no more than this.
 */

/** One unfinished message. */
export interface InboxEntry<T> {
  id: string;
  /** When it was first written, in ms since the epoch. */
  at: number;
  payload: T;
}

export interface DurableInboxOptions {
  /** Finished ids remembered for deduplication, newest kept. Defaults to 50,000. */
  maxDoneKept?: number;
  /**
   * How long a finished id is remembered, in ms. Defaults to 24 hours: Telegram re-sends an update
   * for a while and Slack retries an event for about 5 minutes.
   */
  doneTtlMs?: number;
  /** Rewrite the file once this many entries finished since the last rewrite. Defaults to 2,000. */
  compactAfterDone?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

interface AddLine<T> {
  add: string;
  at: number;
  payload: T;
}
interface DoneLine {
  done: string;
  at: number;
}
type Line<T> = AddLine<T> | DoneLine;

export class DurableInbox<T> {
  private readonly unfinished = new Map<string, InboxEntry<T>>();
  /** Finished ids and when they finished, oldest first (insertion order). */
  private readonly finished = new Map<string, number>();
  /** Ids being written now: a second copy arriving meanwhile is a duplicate. */
  private readonly writing = new Set<string>();
  private readonly appender: DurableAppender;
  private doneSinceCompaction = 0;
  private readonly maxDoneKept: number;
  private readonly doneTtlMs: number;
  private readonly compactAfterDone: number;
  private readonly now: () => number;

  private constructor(
    readonly file: string,
    options: DurableInboxOptions,
  ) {
    this.maxDoneKept = options.maxDoneKept ?? 50_000;
    this.doneTtlMs = options.doneTtlMs ?? 24 * 60 * 60 * 1000;
    this.compactAfterDone = options.compactAfterDone ?? 2_000;
    this.now = options.now ?? Date.now;
    this.appender = new DurableAppender(file, (err) => LumbarError.fromError("INBOX_FAILED", `could not write the message inbox ${file}`, err));
  }

  /** Reads the inbox file (creating it and its folder when missing) and rewrites it compacted. */
  static async open<T>(file: string, options: DurableInboxOptions = {}): Promise<DurableInbox<T>> {
    const inbox = new DurableInbox<T>(file, options);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return "";
        throw err;
      });
      inbox.load(text);
      await inbox.appender.exclusive(() => inbox.compact());
    } catch (err) {
      throw LumbarError.fromError("INBOX_FAILED", `could not open the message inbox ${file}`, err);
    }
    return inbox;
  }

  /**
   * Writes a message durably. Resolves "added" once it is on disk (acknowledge it then), or
   * "duplicate" at once when this id is already in the inbox, unfinished or recently finished.
   * Rejects when the disk write failed: do not acknowledge, so the platform delivers it again.
   */
  async add(id: string, payload: T): Promise<"added" | "duplicate"> {
    if (this.unfinished.has(id) || this.finished.has(id) || this.writing.has(id)) return "duplicate";
    this.writing.add(id);
    const at = this.now();
    try {
      await this.write({ add: id, at, payload }, () => this.unfinished.set(id, { id, at, payload }));
    } finally {
      this.writing.delete(id);
    }
    return "added";
  }

  /** Marks a message finished (its reply was sent). Its payload goes at the next rewrite; its id stays for deduplication. */
  async done(id: string): Promise<void> {
    if (!this.unfinished.has(id)) return;
    const at = this.now();
    await this.write({ done: id, at }, () => {
      if (!this.unfinished.delete(id)) return;
      this.remember(id, at);
      if (++this.doneSinceCompaction >= this.compactAfterDone) {
        this.doneSinceCompaction = 0;
        // After this batch, before the next: a failure leaves the old file, still correct, only longer.
        void this.appender.exclusive(() => this.compact()).catch(() => undefined);
      }
    });
  }

  /** The unfinished messages, oldest first: after a restart, process these again. */
  pending(): InboxEntry<T>[] {
    return [...this.unfinished.values()];
  }

  /** How many ids are remembered as finished (for tests and status). */
  get finishedCount(): number {
    return this.finished.size;
  }

  async close(): Promise<void> {
    await this.appender.close();
  }

  // === Reading and writing

  private load(text: string): void {
    for (const raw of text.split("\n")) {
      if (raw.trim() === "") continue;
      let line: Line<T>;
      try {
        line = JSON.parse(raw) as Line<T>;
      } catch {
        continue; // a torn last line: its message was never acknowledged
      }
      if ("add" in line && typeof line.add === "string") {
        if (!this.finished.has(line.add)) this.unfinished.set(line.add, { id: line.add, at: line.at, payload: line.payload });
      } else if ("done" in line && typeof line.done === "string") {
        this.unfinished.delete(line.done);
        this.remember(line.done, line.at);
      }
    }
  }

  private remember(id: string, at: number): void {
    this.finished.delete(id);
    this.finished.set(id, at);
    const cutoff = this.now() - this.doneTtlMs;
    for (const [old, when] of this.finished) {
      if (this.finished.size <= this.maxDoneKept && when >= cutoff) break;
      this.finished.delete(old);
    }
  }

  private write(line: Line<T>, apply: () => void): Promise<void> {
    return this.appender.append(JSON.stringify(line) + "\n", apply);
  }

  /** Rewrites the file with the unfinished entries and the remembered finished ids. */
  private async compact(): Promise<void> {
    const lines: string[] = [];
    for (const [id, at] of this.finished) lines.push(JSON.stringify({ done: id, at } satisfies DoneLine));
    for (const e of this.unfinished.values()) lines.push(JSON.stringify({ add: e.id, at: e.at, payload: e.payload } satisfies AddLine<T>));
    const tmp = `${this.file}.tmp`;
    const out = await open(tmp, "w");
    try {
      await out.writeFile(lines.length > 0 ? lines.join("\n") + "\n" : "");
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, this.file);
    // The rename itself must survive a crash too.
    const dir = await open(path.dirname(this.file), "r");
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}

/** Path of a channel's inbox under the data folder. */
export function inboxPath(dataDir: string, channel: string): string {
  return path.join(dataDir, `inbox-${channel}.jsonl`);
}
