import type { Logger } from "../../src/log/logger.ts";
import type { FloodCounts } from "../../src/store/types.ts";
import { UserThrottle, type ThrottleDecision, type UserThrottleOptions } from "./user-throttle.ts";

/**
 * The flood limit a channel applies to each person: counted across every instance when they share
 * a database (a load balancer may send one person's messages to several), else in this process.
 * Shared counts use a fixed window; the count itself says whether to warn, so "told once" holds
 * across instances too: within the limit "allow", one over "warn", beyond that "drop".
 */
export class FloodLimit {
  private readonly local: UserThrottle;
  private readonly limit: number;
  private readonly windowMs: number;

  /**
   * @param namespace prefix of the shared keys ("slack", "telegram:<bot id>"), so channels never share a count.
   */
  constructor(
    options: UserThrottleOptions,
    private readonly shared: FloodCounts | null | undefined,
    private readonly namespace: string,
    private readonly logger?: Logger,
  ) {
    this.local = new UserThrottle(options);
    this.limit = options.limit ?? 8;
    this.windowMs = options.windowMs ?? 60_000;
  }

  async check(userId: string): Promise<ThrottleDecision> {
    if (!this.shared) return this.local.check(userId);
    try {
      const n = await this.shared.increment(`${this.namespace}:${userId}`, this.windowMs);
      return n <= this.limit ? "allow" : n === this.limit + 1 ? "warn" : "drop";
    } catch (err) {
      // A database that cannot be reached must not silence anyone: count in this process instead.
      this.logger?.error("flood_limit.store_unavailable", { error: err });
      return this.local.check(userId);
    }
  }
}
