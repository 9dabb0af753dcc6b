import type { Pool } from "pg";
import { SweepSchedule } from "./sweep-schedule.ts";
import type { DeliveryClaims } from "./types.ts";

/**
 * Delivery dedupe in PostgreSQL: the first instance to insert a key wins; an expired key can be
 * claimed again. Expired rows are swept in bulk now and then so the table stays small.
 */
export class PgDeliveryClaims implements DeliveryClaims {
  private readonly sweeps: SweepSchedule;

  /**
   * @param sweepEveryMs how often this instance deletes expired claims, in ms. Defaults to 1 minute.
   * @param now clock in epoch milliseconds, injectable for tests.
   */
  constructor(
    private readonly pool: Pool,
    sweepEveryMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeps = new SweepSchedule(sweepEveryMs);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const t = this.now();
    // ON CONFLICT ... WHERE: a live claim makes the update a no-op, so no row comes back; the row
    // lock PostgreSQL takes on conflict makes two racing claims of one key resolve to one winner.
    const { rowCount } = await this.pool.query(
      `INSERT INTO delivery_claims (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at
       WHERE delivery_claims.expires_at <= $3
       RETURNING key`,
      [key, t + ttlMs, t],
    );
    if (this.sweeps.due(t)) await this.pool.query("DELETE FROM delivery_claims WHERE expires_at <= $1", [t]);
    return rowCount === 1;
  }
}
