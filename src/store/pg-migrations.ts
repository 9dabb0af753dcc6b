import type { Pool, PoolClient } from "pg";
import { LumbarError } from "../core/errors.ts";

/** One schema change. Versions only grow; a released migration is never edited, only followed by another. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The shared store's schema. Times are epoch milliseconds from the instances' clocks (bigint), the
 * same clock the core uses for its turns and windows; instances must keep their clocks in sync
 * (NTP), which matters little for windows of minutes.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "conversations, delivery claims, alert windows",
    sql: `
      CREATE TABLE conversation_turns (
        id bigserial PRIMARY KEY,
        conversation_id text NOT NULL,
        at bigint NOT NULL,
        turn jsonb NOT NULL
      );
      CREATE INDEX conversation_turns_by_conversation ON conversation_turns (conversation_id, id);
      CREATE INDEX conversation_turns_by_time ON conversation_turns (at);

      CREATE TABLE delivery_claims (
        key text PRIMARY KEY,
        expires_at bigint NOT NULL
      );
      CREATE INDEX delivery_claims_by_expiry ON delivery_claims (expires_at);

      CREATE TABLE alert_windows (
        conversation_key text NOT NULL,
        tier text NOT NULL,
        state text NOT NULL CHECK (state IN ('sending', 'delivered')),
        owner uuid NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (conversation_key, tier)
      );
    `,
  },
  {
    version: 2,
    name: "audit log, serving index version",
    sql: `
      -- The escalation audit log and alert outbox of every instance: escalation records and the
      -- outcomes of their alert deliveries, in the order they were written. Append-only: the
      -- trigger refuses updates and deletes, as the file log never rewrites a line.
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        written_at timestamptz NOT NULL DEFAULT now(),
        line jsonb NOT NULL
      );
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only';
        END
      $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

      -- The index version every instance serves (one row); its files are in the shared data folder.
      CREATE TABLE index_serving (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 3,
    name: "flood counts",
    sql: `
      -- Messages per person in a fixed window, shared by the instances for flood limits.
      CREATE TABLE flood_counts (
        key text PRIMARY KEY,
        window_start bigint NOT NULL,
        count integer NOT NULL
      );
    `,
  },
];

/**
 * Key of the advisory lock that serialises migrations: instances starting together take turns, and
 * the second finds the work done. Any fixed 64-bit number works; this one spells "lumbar".
 */
export const MIGRATION_LOCK_KEY = 0x6c756d626172n;

export interface MigrationResult {
  /** Versions this call applied (empty when another instance, or an earlier start, had applied them). */
  applied: number[];
  /** The schema version now in the database. */
  version: number;
}

/**
 * Brings the schema up to date. Holds a session advisory lock for the whole run so two instances
 * starting at once never apply a migration twice; each migration and its record commit together.
 *
 * @throws LumbarError MIGRATION_FAILED naming the migration that failed (its transaction is rolled back).
 */
export async function runMigrations(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}

async function applyPending(client: PoolClient, migrations: readonly Migration[]): Promise<MigrationResult> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    try {
      await client.query("BEGIN");
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw LumbarError.fromError("MIGRATION_FAILED", `database migration ${m.version} (${m.name}) failed and was rolled back`, err);
    }
    applied.push(m.version);
    done.add(m.version);
  }
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...done);
  if (newest > known) {
    // A newer Lumbar migrated this database: this older one may misread the tables.
    throw new LumbarError("MIGRATION_FAILED", `the database schema is at version ${newest}, newer than this Lumbar knows (${known}); upgrade this instance`);
  }
  return { applied, version: newest };
}
