import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { LumbarError } from "../core/errors.ts";
import type { EscalationEvent } from "../core/types.ts";

/** One line of the escalation audit log. */
export interface AuditRecord extends EscalationEvent {
  /** Whether an operator alert went out (false when throttled). */
  alerted: boolean;
  indexVersion: string;
}

/**
 * Append-only JSON-lines log of escalations, fsync'd before the reply is sent. A crash mid-write can
 * only leave a torn last line: appends never rewrite earlier bytes, the reader skips a torn tail, and
 * the next writer starts on a fresh line.
 */
export class AuditLog {
  private handle: FileHandle | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Appends and fsyncs one record; resolves only when it is on disk. Calls are serialised. */
  append(record: AuditRecord): Promise<void> {
    const run = this.queue.then(() => this.write(record));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(record: AuditRecord): Promise<void> {
    try {
      if (!this.handle) {
        await mkdir(path.dirname(this.file), { recursive: true });
        this.handle = await open(this.file, "a+");
        const { size } = await this.handle.stat();
        if (size > 0) {
          const last = Buffer.alloc(1);
          await this.handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) await this.handle.appendFile("\n");
        }
      }
      await this.handle.appendFile(JSON.stringify(record) + "\n");
      await this.handle.sync();
    } catch (err) {
      throw LumbarError.fromError("AUDIT_FAILED", `could not write the escalation audit log ${this.file}`, err);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = null;
  }
}

/** Reads the whole log; lines that are not complete JSON (a torn write) are counted, not returned. */
export async function readAuditLog(file: string): Promise<{ records: AuditRecord[]; skipped: number }> {
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return "";
    throw err;
  });
  const records: AuditRecord[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      records.push(JSON.parse(line) as AuditRecord);
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}
