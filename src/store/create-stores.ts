import type { LumbarConfig } from "../config/config.ts";
import { LumbarError } from "../core/errors.ts";
import { silentLogger, type Logger } from "../log/logger.ts";
import { InMemoryConversationMemory } from "../memory/conversation-memory.ts";
import { AuditLog, auditLogPath } from "../safety/audit-log.ts";
import { LocalAlertWindows } from "./local-alert-windows.ts";
import type { Stores } from "./types.ts";

export interface CreateStoresOptions {
  logger?: Logger;
  /** Schema to use instead of the URL's (tests use one per run). */
  schema?: string;
  /** Clock in epoch milliseconds, injectable for tests. */
  now?: () => number;
}

/**
 * The one place that chooses where shared state lives: in this process (LUMBAR_DATABASE_URL unset,
 * the zero-setup default) or in PostgreSQL, shared by every instance on that database. With a
 * database it connects and runs the migrations before returning, so a wrong URL fails the start
 * with a clear error instead of the first message.
 *
 * @throws LumbarError STORE_UNAVAILABLE when the database cannot be reached, MIGRATION_FAILED when the schema cannot be brought up to date.
 */
export async function createStores(config: LumbarConfig, options: CreateStoresOptions = {}): Promise<Stores> {
  const now = options.now ?? Date.now;
  const memory = { maxTurns: config.memoryTurns, ttlMs: config.memoryTtlMinutes * 60_000, now };
  const windowMs = config.alertWindowMinutes * 60_000;
  if (!config.databaseUrl) {
    return {
      kind: "embedded",
      conversations: new InMemoryConversationMemory(memory),
      alertWindows: new LocalAlertWindows(windowMs, now),
      deliveries: null,
      floods: null,
      audit: new AuditLog(auditLogPath(config.dataDir)),
      indexPointer: null,
      exclusive: async () => ({ release: async () => {} }),
      ping: async () => {},
      close: async () => {},
    };
  }
  const logger = options.logger ?? silentLogger;
  // Loaded only with a database, so the embedded default never pays for the driver.
  const [{ createPgPool, storeUnavailable }, { runMigrations }, { PgConversationStore }, { PgAlertWindows }, { PgDeliveryClaims }, { PgAuditStore }, { PgIndexPointer }, { takePgLease }, { PgFloodCounts }] = await Promise.all([
    import("./pg-pool.ts"),
    import("./pg-migrations.ts"),
    import("./pg-conversation-store.ts"),
    import("./pg-alert-windows.ts"),
    import("./pg-delivery-claims.ts"),
    import("./pg-audit-store.ts"),
    import("./pg-index-pointer.ts"),
    import("./pg-lease.ts"),
    import("./pg-flood-counts.ts"),
  ]);
  const pool = createPgPool({ connectionString: config.databaseUrl, schema: options.schema }, (err) => logger.error("store.connection_lost", { error: err }));
  try {
    const migrated = await runMigrations(pool);
    logger.info("store.ready", { kind: "postgres", schemaVersion: migrated.version, applied: migrated.applied });
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof LumbarError) throw err;
    throw storeUnavailable(err);
  }
  return {
    kind: "postgres",
    conversations: new PgConversationStore(pool, memory),
    alertWindows: new PgAlertWindows(pool, windowMs, now),
    deliveries: new PgDeliveryClaims(pool, 60_000, now),
    floods: new PgFloodCounts(pool, 60_000, now),
    audit: new PgAuditStore(pool),
    indexPointer: new PgIndexPointer(pool),
    exclusive: (name) => takePgLease(pool, name, logger),
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: () => pool.end(),
  };
}
