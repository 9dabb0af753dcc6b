import type { Pool } from "pg";
import { LumbarError } from "../core/errors.ts";
import { sortLine, type AuditContents, type AuditLine } from "../safety/audit-log.ts";
import type { AuditStore } from "./types.ts";

/**
 * The audit log and alert outbox in PostgreSQL, one row per record, shared by every instance: an
 * escalation recorded by one and the outcome of its alert appended by another read as one log.
 * Append-only (a trigger refuses updates and deletes); `append` resolves once the insert has
 * committed, which is as durable as the file log's fsync.
 */
export class PgAuditStore implements AuditStore {
  readonly where = "the audit_log table of LUMBAR_DATABASE_URL";

  constructor(private readonly pool: Pool) {}

  async append(record: AuditLine): Promise<void> {
    try {
      await this.pool.query("INSERT INTO audit_log (line) VALUES ($1)", [JSON.stringify(record)]);
    } catch (err) {
      throw LumbarError.fromError("AUDIT_FAILED", "could not write the escalation audit log to the database", err);
    }
  }

  async read(): Promise<AuditContents> {
    const { rows } = await this.pool.query<{ line: AuditLine }>("SELECT line FROM audit_log ORDER BY id");
    const contents: Omit<AuditContents, "skipped"> = { records: [], deliveries: [], states: [] };
    for (const { line } of rows) sortLine(line, contents);
    // Rows are whole or absent (a transaction commits or not): nothing is ever torn.
    return { ...contents, skipped: 0 };
  }

  /** The pool belongs to the stores, which close it. */
  async close(): Promise<void> {}
}
