import type { EscalationTier } from "../core/types.ts";

/**
 * At most one operator alert per conversation and tier within a window, so a person repeating an
 * emergency does not flood the operators. The person still gets the guidance every time.
 */
export class AlertThrottle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when an alert for this conversation and tier should go out now (and records it). */
  shouldAlert(conversationKey: string, tier: EscalationTier): boolean {
    const key = `${conversationKey}\u0000${tier}`;
    const t = this.now();
    const prev = this.last.get(key);
    if (prev !== undefined && t - prev < this.windowMs) return false;
    this.last.set(key, t);
    if (this.last.size > 50_000) {
      for (const [k, at] of this.last) if (t - at >= this.windowMs) this.last.delete(k);
    }
    return true;
  }
}
