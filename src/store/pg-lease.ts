import type { Pool } from "pg";
import type { Logger } from "../log/logger.ts";
import type { Lease } from "./types.ts";

/**
 * A named lock across every instance on the database: a PostgreSQL session advisory lock on a
 * connection this process keeps for as long as it holds the lock. A process that dies, or loses its
 * connection, releases it, so a crashed holder never blocks the next start.
 *
 * @returns the lease, or null when another session holds the lock.
 */
export async function takePgLease(pool: Pool, name: string, logger: Logger): Promise<Lease | null> {
  const key = `lumbar:${name}`;
  const client = await pool.connect();
  // A checked-out client's connection error must not crash the process; the lock is then gone.
  const onError = (err: Error) => logger.error("store.lease_connection_lost", { lease: name, error: err });
  client.on("error", onError);
  let held = false;
  try {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY_SQL}) AS ok`, [key]);
    held = rows[0]?.ok === true;
  } finally {
    if (!held) {
      client.off("error", onError);
      client.release();
    }
  }
  if (!held) return null;
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY_SQL})`, [key]);
        client.off("error", onError);
        client.release();
      } catch (err) {
        // The connection is gone (and the lock with it): drop it rather than return it to the pool.
        client.release(err as Error);
      }
    },
  };
}

/**
 * The 64-bit advisory lock key of a name: advisory locks are per database, not per schema, so the
 * schema is part of the key (two deployments in two schemas of one database do not block each other).
 */
const LOCK_KEY_SQL = "hashtextextended($1 || '@' || current_schema(), 0)";
