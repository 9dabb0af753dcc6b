import pg from "pg";
import { LumbarError } from "../core/errors.ts";

export type { Pool } from "pg";

export interface PgPoolOptions {
  /** postgres:// URL (LUMBAR_DATABASE_URL). */
  connectionString: string;
  /**
   * Schema to work in instead of the URL's search_path (tests use one schema per run). The schema
   * must exist. Defaults to whatever the URL or the server says (normally `public`).
   */
  schema?: string;
  /** Connections per instance. Defaults to 10 (pg's default). */
  max?: number;
}

/**
 * A pg Pool for the shared store. Errors on idle connections (a database restart) are reported to
 * `onIdleError` instead of crashing the process: the next query reconnects.
 */
export function createPgPool(options: PgPoolOptions, onIdleError: (err: Error) => void = () => {}): pg.Pool {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/i.test(options.schema)) {
    throw new LumbarError("CONFIG_INVALID", `invalid schema name '${options.schema}': use letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    // A database that does not answer must fail the start, not hang it.
    connectionTimeoutMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on("error", onIdleError);
  return pool;
}

/** A connection failure in words an operator can act on, without the URL (it may hold a password). */
export function storeUnavailable(err: unknown): LumbarError {
  return LumbarError.fromError("STORE_UNAVAILABLE", "cannot reach the database in LUMBAR_DATABASE_URL", err);
}
