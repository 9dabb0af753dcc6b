/** Counts per clock hour for the last `hours` hours, by name (e.g. "messages", "out-of-scope"). */
export interface HourCounts {
  /** Start of the hour, ISO 8601. */
  hour: string;
  counts: Record<string, number>;
}

const HOUR_MS = 3_600_000;

/**
 * Event counts in clock-hour buckets, kept for a day: what the console's "messages per hour" shows.
 * Prometheus counters only grow since start, and the console must not need a Prometheus server to
 * show a rate, so this keeps 24 small buckets beside them. Names are outcomes, never ids or text.
 */
export class HourlyCounts {
  private readonly buckets = new Map<number, Record<string, number>>();

  constructor(
    private readonly hours = 24,
    private readonly now: () => number = Date.now,
  ) {}

  add(name: string, n = 1): void {
    const hour = Math.floor(this.now() / HOUR_MS);
    const bucket = this.buckets.get(hour) ?? {};
    bucket[name] = (bucket[name] ?? 0) + n;
    this.buckets.set(hour, bucket);
    for (const h of this.buckets.keys()) if (h <= hour - this.hours) this.buckets.delete(h);
  }

  /** The last `hours` hours, oldest first, the current (partial) hour last; empty hours have empty counts. */
  series(): HourCounts[] {
    const current = Math.floor(this.now() / HOUR_MS);
    const out: HourCounts[] = [];
    for (let h = current - this.hours + 1; h <= current; h++) out.push({ hour: new Date(h * HOUR_MS).toISOString(), counts: { ...(this.buckets.get(h) ?? {}) } });
    return out;
  }
}
