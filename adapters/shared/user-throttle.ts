/**
 * Per-user sliding-window limit, so one person flooding the bot is slowed without affecting others.
 */
export interface UserThrottleOptions {
  /** Messages allowed per user within the window. Defaults to 8. */
  limit?: number;
  /** Window length in milliseconds. Defaults to 60,000. */
  windowMs?: number;
  now?: () => number;
}

export type ThrottleDecision = "allow" | "warn" | "drop";

export class UserThrottle {
  private readonly hits = new Map<string, number[]>();
  private readonly warned = new Set<string>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: UserThrottleOptions = {}) {
    this.limit = options.limit ?? 8;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * "allow" to answer; "warn" the first time a user goes over (send one polite notice);
   * "drop" for further messages in the same window (sending more notices would itself flood).
   */
  check(userId: string): ThrottleDecision {
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length < this.limit) {
      recent.push(t);
      this.hits.set(userId, recent);
      this.warned.delete(userId);
      return "allow";
    }
    this.hits.set(userId, recent);
    if (this.warned.has(userId)) return "drop";
    this.warned.add(userId);
    return "warn";
  }
}

/** The polite notice for "warn". */
export const THROTTLE_NOTICE =
  "You're sending messages faster than I can answer them well. Please wait a minute and ask again. " +
  "If this is an emergency, call your local emergency number now (911, 999 or 112).";
