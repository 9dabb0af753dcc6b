/**
 * Remembers ids seen within a time window, to answer each delivery once. Slack retries an event
 * up to about 5 minutes later and Telegram can resend an update, so the window must outlast both.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  /**
   * @param ttlMs how long an id is remembered, in milliseconds. Defaults to 1 hour.
   * @param maxSize the most ids kept; the oldest are forgotten first. Defaults to 100,000.
   * @param now clock, injectable for tests.
   */
  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxSize = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns true the first time an id is claimed within the window, false for a repeat. */
  claim(id: string): boolean {
    const t = this.now();
    this.evict(t);
    const at = this.seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.set(id, t);
    return true;
  }

  /** Forgets an id, so its next claim succeeds (a message being processed again on purpose). */
  release(id: string): void {
    this.seen.delete(id);
  }

  private evict(t: number): void {
    for (const [id, at] of this.seen) {
      if (t - at < this.ttlMs && this.seen.size <= this.maxSize) break;
      this.seen.delete(id);
    }
  }
}
