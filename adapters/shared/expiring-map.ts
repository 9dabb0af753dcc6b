/**
 * A Map whose entries expire a fixed time after they were last set, with a size cap that forgets the
 * least recently set entries first. The channels keep per-user and per-delivery state in it, so
 * memory follows recent traffic instead of every id ever seen.
 *
 * Hand-written rather than a dependency: no LRU package is installed, and this needs only one
 * property of JavaScript's Map (iteration in insertion order). Re-setting a key moves it to the end,
 * so with one TTL for every entry, insertion order is expiry order and the sweep stops at the first
 * live entry: each entry is visited about once, O(1) amortised per set.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  /**
   * @param ttlMs how long an entry lives after it was last set, in milliseconds.
   * @param maxSize the most entries kept; beyond it the least recently set are forgotten.
   * @param now clock, injectable for tests.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxSize: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ttlMs > 0) || !(maxSize >= 1)) throw new RangeError("ExpiringMap needs a positive ttlMs and a maxSize of at least 1");
  }

  /** The live value for `key`, or undefined when it was never set or has expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Sets `key` and restarts its time to live; forgets what has expired and what is over the cap. */
  set(key: string, value: V): void {
    const t = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: t + this.ttlMs });
    this.sweep(t);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Entries held, live or not yet swept. */
  get size(): number {
    return this.entries.size;
  }

  private sweep(t: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > t && this.entries.size <= this.maxSize) break;
      this.entries.delete(key);
    }
  }
}
