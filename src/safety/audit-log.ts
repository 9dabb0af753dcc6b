import { readFile } from "node:fs/promises";
import path from "node:path";
import { LumbarError } from "../core/errors.ts";
import type { EscalationEvent } from "../core/types.ts";
import { DurableAppender } from "../log/durable-appender.ts";

/** Path of the escalation audit log under the data folder (the embedded default). */
export function auditLogPath(dataDir: string): string {
  return path.join(dataDir, "escalations.jsonl");
}

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

/** Where an escalation is in the operators' queue; "new" until a state record says otherwise. */
export type EscalationState = "new" | "acknowledged" | "resolved";

/**
 * An operator moved an escalation on (acknowledged or resolved it), appended like everything else:
 * the log is never rewritten, and an escalation's state is folded from its records (see
 * escalation-queue.ts), so every store that keeps lines keeps states with no schema change.
 */
export interface StateRecord {
  kind: "escalation-state";
  escalationId: string;
  state: Exclude<EscalationState, "new">;
  /** Who: the name an operator logged in to the console with, or their Slack or Telegram user id. */
  by: string;
  /** Through what: "console", "slack" or "telegram". */
  via: string;
  /** From where: the console client's address, or the chat the button was pressed in. */
  from: string;
  /** ISO 8601 time of the change. */
  time: string;
}

export type AuditLine = AuditRecord | DeliveryRecord | StateRecord;

/** What a whole audit log reads as, whichever store keeps it. */
export interface AuditContents {
  records: AuditRecord[];
  deliveries: DeliveryRecord[];
  /** Acknowledgements and resolutions, in the order written. */
  states: StateRecord[];
  /** Records that could not be read (a torn last line of a file). */
  skipped: number;
}

export function isDelivery(line: AuditLine): line is DeliveryRecord {
  return (line as DeliveryRecord).kind === "alert-delivery";
}

export function isStateChange(line: AuditLine): line is StateRecord {
  return (line as StateRecord).kind === "escalation-state";
}

/** Sorts one parsed line into its list. */
export function sortLine(line: AuditLine, into: Omit<AuditContents, "skipped">): void {
  if (isDelivery(line)) into.deliveries.push(line);
  else if (isStateChange(line)) into.states.push(line);
  else into.records.push(line);
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
 * the next writer starts on a fresh line. Records arriving together share one fsync.
 */
export class AuditLog {
  private readonly appender: DurableAppender;
  readonly where: string;

  constructor(readonly file: string) {
    this.where = file;
    this.appender = new DurableAppender(file, (err) => LumbarError.fromError("AUDIT_FAILED", `could not write the escalation audit log ${file}`, err));
  }

  /** Appends and fsyncs one record; resolves only when it is on disk. Records keep their order. */
  append(record: AuditLine): Promise<void> {
    return this.appender.append(JSON.stringify(record) + "\n");
  }

  /** The whole log, as {@link readAuditLog} reads it. */
  read(): ReturnType<typeof readAuditLog> {
    return readAuditLog(this.file);
  }

  async close(): Promise<void> {
    await this.appender.close();
  }
}

/**
 * Reads the whole log: escalations, and the delivery outcomes of their alerts. Lines that are not
 * complete JSON (a torn write) are counted, not returned.
 */
export async function readAuditLog(file: string): Promise<AuditContents> {
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return "";
    throw err;
  });
  const contents: Omit<AuditContents, "skipped"> = { records: [], deliveries: [], states: [] };
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
    sortLine(parsed, contents);
  }
  return { ...contents, skipped };
}
