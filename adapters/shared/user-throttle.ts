import { ExpiringMap } from "./expiring-map.ts";

/**
 * Per-user sliding-window limit, so one person flooding the bot is slowed without affecting others.
 * A user is forgotten once a window has passed since their last message (their state then equals a
 * newcomer's), and at most `maxUsers` are held, so memory follows recent traffic, not every user ever seen.
 */
export interface UserThrottleOptions {
  /** Messages allowed per user within the window. Defaults to 8. */
  limit?: number;
  /** Window length in milliseconds. Defaults to 60,000. */
  windowMs?: number;
  /**
   * Most users held at once. Defaults to 100,000. Beyond it the least recently active are forgotten
   * (at worst such a user gets a fresh allowance early), so a crowd of ids cannot exhaust memory.
   */
  maxUsers?: number;
  now?: () => number;
}

export type ThrottleDecision = "allow" | "warn" | "drop";

interface UserState {
  /** Times of the messages answered within the window. */
  hits: number[];
  /** Whether this user was already told they are over the limit in this window. */
  warned: boolean;
}

export class UserThrottle {
  private readonly users: ExpiringMap<UserState>;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: UserThrottleOptions = {}) {
    this.limit = options.limit ?? 8;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.users = new ExpiringMap(this.windowMs, options.maxUsers ?? 100_000, this.now);
  }

  /**
   * "allow" to answer; "warn" the first time a user goes over (send one polite notice);
   * "drop" for further messages in the same window (sending more notices would itself flood).
   * A message that is not allowed still gets the red-flag check: see {@link answerThrottled}.
   */
  check(userId: string): ThrottleDecision {
    const t = this.now();
    const state = this.users.get(userId) ?? { hits: [], warned: false };
    const hits = state.hits.filter((at) => t - at < this.windowMs);
    if (hits.length < this.limit) {
      hits.push(t);
      this.users.set(userId, { hits, warned: false });
      return "allow";
    }
    this.users.set(userId, { hits, warned: true });
    return state.warned ? "drop" : "warn";
  }

  /** Users held now (for tests and memory checks). */
  get size(): number {
    return this.users.size;
  }
}

/** The polite notice for "warn". */
export const THROTTLE_NOTICE =
  "You're sending messages faster than I can answer them well. Please wait a minute and ask again. " +
  "If this is an emergency, call your local emergency number now (911, 999 or 112).";
