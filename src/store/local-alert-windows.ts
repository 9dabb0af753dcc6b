import type { EscalationTier } from "../core/types.ts";
import { AlertThrottle } from "../safety/alert-throttle.ts";
import type { AlertWindows } from "./types.ts";

/** Alert windows kept in this process: the embedded default, the {@link AlertThrottle} behind the shared interface. */
export class LocalAlertWindows implements AlertWindows {
  private readonly throttle: AlertThrottle;

  /**
   * @param windowMs the alert window in milliseconds.
   * @param now clock in epoch milliseconds, injectable for tests.
   */
  constructor(windowMs: number, now: () => number = Date.now) {
    this.throttle = new AlertThrottle(windowMs, now);
  }

  async begin(conversationKey: string, tier: EscalationTier): Promise<boolean> {
    return this.throttle.begin(conversationKey, tier);
  }

  async finish(conversationKey: string, tier: EscalationTier, delivered: boolean): Promise<void> {
    this.throttle.finish(conversationKey, tier, delivered);
  }
}
