import type { EscalationTier } from "../core/types.ts";

/**
 * At most one operator alert per conversation and tier within a window, so a person repeating an
 * emergency does not flood the operators. The window starts only when an alert was delivered: a
 * failed delivery must never silence the next one. While an alert is still being delivered
 * (retrying), a repeat waits for it instead of starting a second. The person still gets the
 * guidance every time.
 */
export class AlertThrottle {
  private readonly delivered = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when an alert for this conversation and tier should go out now; it is then in flight. */
  begin(conversationKey: string, tier: EscalationTier): boolean {
    const key = keyOf(conversationKey, tier);
    const t = this.now();
    const last = this.delivered.get(key);
    if (last !== undefined && t - last < this.windowMs) return false;
    if ((this.inFlight.get(key) ?? 0) > 0) return false;
    this.inFlight.set(key, 1);
    if (this.delivered.size > 50_000) {
      for (const [k, at] of this.delivered) if (t - at >= this.windowMs) this.delivered.delete(k);
    }
    return true;
  }

  /** The alert begun for this key has finished: delivered (the window starts now) or not. */
  finish(conversationKey: string, tier: EscalationTier, delivered: boolean): void {
    const key = keyOf(conversationKey, tier);
    this.inFlight.delete(key);
    if (delivered) this.delivered.set(key, this.now());
  }
}

function keyOf(conversationKey: string, tier: EscalationTier): string {
  return `${conversationKey}\u0000${tier}`;
}
