import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import type { EscalationTier } from "../core/types.ts";
import type { AlertWindows } from "./types.ts";

/**
 * How long a claim to send an alert holds when its instance never finishes it (a crash mid-send).
 * It outlasts the default delivery policy (9 attempts with a 10 s timeout and backoff, about 8
 * minutes), so a slow but live delivery is never doubled.
 */
export const SENDING_LEASE_MS = 15 * 60 * 1000;

/**
 * Alert windows in PostgreSQL, one row per conversation and tier: "sending" while an instance
 * delivers (others wait), "delivered" for the window after. A row whose time is up can be claimed
 * again. Each claim carries an owner id, so an instance only ever finishes its own claim.
 */
export class PgAlertWindows implements AlertWindows {
  /** Owner ids of the claims this instance holds, by conversation and tier. */
  private readonly owned = new Map<string, string>();

  /**
   * @param windowMs the alert window in milliseconds.
   * @param now clock in epoch milliseconds, injectable for tests.
   */
  constructor(
    private readonly pool: Pool,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly leaseMs = SENDING_LEASE_MS,
  ) {}

  async begin(conversationKey: string, tier: EscalationTier): Promise<boolean> {
    const t = this.now();
    const owner = randomUUID();
    const { rowCount } = await this.pool.query(
      `INSERT INTO alert_windows (conversation_key, tier, state, owner, expires_at) VALUES ($1, $2, 'sending', $3, $4)
       ON CONFLICT (conversation_key, tier) DO UPDATE
         SET state = 'sending', owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE alert_windows.expires_at <= $5
       RETURNING owner`,
      [conversationKey, tier, owner, t + this.leaseMs, t],
    );
    if (rowCount !== 1) return false;
    this.owned.set(keyOf(conversationKey, tier), owner);
    return true;
  }

  async finish(conversationKey: string, tier: EscalationTier, delivered: boolean): Promise<void> {
    const key = keyOf(conversationKey, tier);
    const owner = this.owned.get(key);
    if (owner === undefined) return;
    this.owned.delete(key);
    if (delivered) {
      await this.pool.query(
        `UPDATE alert_windows SET state = 'delivered', expires_at = $4
         WHERE conversation_key = $1 AND tier = $2 AND owner = $3`,
        [conversationKey, tier, owner, this.now() + this.windowMs],
      );
    } else {
      // Released at once: the next red flag in this conversation must alert again.
      await this.pool.query("DELETE FROM alert_windows WHERE conversation_key = $1 AND tier = $2 AND owner = $3", [conversationKey, tier, owner]);
    }
  }
}

function keyOf(conversationKey: string, tier: EscalationTier): string {
  return `${conversationKey}\u0000${tier}`;
}
