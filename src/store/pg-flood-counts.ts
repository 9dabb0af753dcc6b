import type { Pool } from "pg";
import { SweepSchedule } from "./sweep-schedule.ts";
import type { FloodCounts } from "./types.ts";

/**
 * Flood counts in PostgreSQL: one row per person, a fixed window restarted by the first message
 * after it ends. The upsert is one statement, so two instances counting the same person at once
 * both see their own increment. Rows of windows long over are swept now and then.
 */
export class PgFloodCounts implements FloodCounts {
  private readonly sweeps: SweepSchedule;

  constructor(
    private readonly pool: Pool,
    sweepEveryMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeps = new SweepSchedule(sweepEveryMs);
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const t = this.now();
    const { rows } = await this.pool.query<{ count: number }>(
      `INSERT INTO flood_counts (key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN flood_counts.window_start <= $2 - $3 THEN 1 ELSE flood_counts.count + 1 END,
         window_start = CASE WHEN flood_counts.window_start <= $2 - $3 THEN $2 ELSE flood_counts.window_start END
       RETURNING count`,
      [key, t, windowMs],
    );
    if (this.sweeps.due(t)) await this.pool.query("DELETE FROM flood_counts WHERE window_start <= $1", [t - 10 * windowMs]);
    return Number(rows[0]?.count ?? 1);
  }
}
