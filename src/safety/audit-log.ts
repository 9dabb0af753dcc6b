import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { LumbarError } from "../core/errors.ts";
import type { EscalationEvent } from "../core/types.ts";

/** One escalation in the audit log. */
export interface AuditRecord extends EscalationEvent {
  /** Links the escalation to the outcome of its alert deliveries. */
  id?: string;
  /** Whether an operator alert was sent (false when throttled or no operator channel is set); its outcome follows in a delivery record. */
  alerted: boolean;
  indexVersion: string;
}

/** The outcome of delivering one escalation's alert to one operator channel, appended when known. */
export interface DeliveryRecord {
  kind: "alert-delivery";
  escalationId: string;
  /** The operator channel ("slack", "telegram"); absent in records written before targets were named, which then count for every channel. */
  target?: string;
  /** ISO 8601 time of the outcome. */
  time: string;
  outcome: "delivered" | "failed";
  attempts: number;
  /** The last failure, in one line, when it failed. */
  error?: string;
}

export type AuditLine = AuditRecord | DeliveryRecord;

export function isDelivery(line: AuditLine): line is DeliveryRecord {
  return (line as DeliveryRecord).kind === "alert-delivery";
}

/**
 * The outbox: escalations whose alert is still owed to some of `targets`, that is alerted, with no
 * final outcome (delivered, or failed after every retry) for that target. A crash while an alert
 * was being retried leaves it so.
 */
export function pendingAlerts(records: AuditRecord[], deliveries: DeliveryRecord[], targets: string[]): Array<{ record: AuditRecord; targets: string[] }> {
  const finished = new Map<string, Set<string | undefined>>();
  for (const d of deliveries) {
    let set = finished.get(d.escalationId);
    if (!set) finished.set(d.escalationId, (set = new Set()));
    set.add(d.target);
  }
  const owed: Array<{ record: AuditRecord; targets: string[] }> = [];
  for (const record of records) {
    if (!record.alerted || !record.id) continue;
    const done = finished.get(record.id);
    if (done?.has(undefined)) continue;
    const missing = targets.filter((t) => !done?.has(t));
    if (missing.length > 0) owed.push({ record, targets: missing });
  }
  return owed;
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
  append(record: AuditLine): Promise<void> {
    const run = this.queue.then(() => this.write(record));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(record: AuditLine): Promise<void> {
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
      // A failed write may have left part of a line: reopen next time, so the newline repair on open
      // runs and the next record starts on a line of its own.
      const handle = this.handle;
      this.handle = null;
      await handle?.close().catch(() => undefined);
      throw LumbarError.fromError("AUDIT_FAILED", `could not write the escalation audit log ${this.file}`, err);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = null;
  }
}

/**
 * Reads the whole log: escalations, and the delivery outcomes of their alerts. Lines that are not
 * complete JSON (a torn write) are counted, not returned.
 */
export async function readAuditLog(file: string): Promise<{ records: AuditRecord[]; deliveries: DeliveryRecord[]; skipped: number }> {
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return "";
    throw err;
  });
  const records: AuditRecord[] = [];
  const deliveries: DeliveryRecord[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let parsed: AuditLine;
    try {
      parsed = JSON.parse(line) as AuditLine;
    } catch {
      skipped++;
      continue;
    }
    if (isDelivery(parsed)) deliveries.push(parsed);
    else records.push(parsed);
  }
  return { records, deliveries, skipped };
}
