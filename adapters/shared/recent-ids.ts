import { ExpiringMap } from "./expiring-map.ts";

/**
 * Remembers ids seen within a time window, to answer each delivery once. Slack retries an event
 * up to about 5 minutes later and Telegram can resend an update, so the window must outlast both.
 * Memory is bounded twice: ids expire after the window, and at most `maxSize` are kept.
 */
export class RecentIds {
  private readonly seen: ExpiringMap<true>;

  /**
   * @param ttlMs how long an id is remembered, in milliseconds. Defaults to 1 hour.
   * @param maxSize the most ids kept; the oldest are forgotten first. Defaults to 100,000.
   * @param now clock, injectable for tests.
   */
  constructor(ttlMs = 60 * 60 * 1000, maxSize = 100_000, now: () => number = Date.now) {
    this.seen = new ExpiringMap(ttlMs, maxSize, now);
  }

  /** Returns true the first time an id is claimed within the window, false for a repeat. */
  claim(id: string): boolean {
    // A repeat does not restart the window: it is counted from the first delivery.
    if (this.seen.get(id)) return false;
    this.seen.set(id, true);
    return true;
  }

  /** Ids held now (for tests and memory checks). */
  get size(): number {
    return this.seen.size;
  }

  /** Forgets an id, so its next claim succeeds (a message being processed again on purpose). */
  release(id: string): void {
    this.seen.delete(id);
  }
}
