import { randomBytes } from "node:crypto";
import pg from "pg";

/** The project's machines run PostgreSQL here (trust authentication); override to point elsewhere. */
export const TEST_DATABASE_URL = process.env.LUMBAR_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** Whether PostgreSQL answers, and if not, why (for the one skip line). */
export async function probePostgres(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema of one test run's own, dropped afterwards, so runs never see each other's rows. */
export interface TestSchema {
  name: string;
  /** The test database's URL with this schema as search_path, as LUMBAR_DATABASE_URL for child processes. */
  url: string;
  /** Runs one query as the admin connection (outside the schema's search_path unless qualified). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const name = `lumbar_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    query: (sql, params) => admin.query(sql, params as unknown[]),
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}
