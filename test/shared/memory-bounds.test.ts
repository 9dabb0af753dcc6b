import { describe, expect, it } from "vitest";
import { ExpiringMap } from "../../adapters/shared/expiring-map.ts";
import { RecentIds } from "../../adapters/shared/recent-ids.ts";
import { UserThrottle } from "../../adapters/shared/user-throttle.ts";

// Per-user throttles and the dedupe sets forget what is older than their window and never hold more
// than their cap, whatever the number of distinct users or deliveries.

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("UserThrottle memory", () => {
  it("does not keep 500,000 users once their window has passed", () => {
    const c = clock();
    const throttle = new UserThrottle({ limit: 8, windowMs: 60_000, maxUsers: 1_000_000, now: c.now });
    let allowed = 0;
    for (let i = 0; i < 500_000; i++) {
      if (throttle.check(`user-${i}`) === "allow") allowed++;
      if (i % 50_000 === 0) c.advance(1); // a little time passes while they write
    }
    expect(allowed).toBe(500_000);
    expect(throttle.size).toBe(500_000);
    c.advance(60_000);
    // One more person writes after everyone else's window passed: the rest are forgotten.
    expect(throttle.check("late-comer")).toBe("allow");
    expect(throttle.size).toBe(1);
  });

  it("never holds more users than its cap, forgetting the least recently active", () => {
    const c = clock();
    const throttle = new UserThrottle({ limit: 1, windowMs: 60_000, maxUsers: 1_000, now: c.now });
    for (let i = 0; i < 10_000; i++) throttle.check(`u${i}`);
    expect(throttle.size).toBe(1_000);
    // The most recent user is still throttled; the first one was forgotten and starts afresh.
    expect(throttle.check("u9999")).toBe("warn");
    expect(throttle.check("u0")).toBe("allow");
  });

  it("still limits within the window: allow up to the limit, one warning, then drop; a fresh window allows again", () => {
    const c = clock();
    const throttle = new UserThrottle({ limit: 2, windowMs: 10_000, now: c.now });
    expect(throttle.check("ann")).toBe("allow");
    expect(throttle.check("ann")).toBe("allow");
    expect(throttle.check("ann")).toBe("warn");
    expect(throttle.check("ann")).toBe("drop");
    expect(throttle.check("bob")).toBe("allow");
    c.advance(10_000);
    expect(throttle.check("ann")).toBe("allow");
    expect(throttle.check("ann")).toBe("allow");
    expect(throttle.check("ann")).toBe("warn");
  });
});

describe("RecentIds memory", () => {
  it("forgets 500,000 delivery ids after the dedupe window, and answers a repeat within it once", () => {
    const c = clock();
    const seen = new RecentIds(60 * 60 * 1000, 1_000_000, c.now);
    let claimed = 0;
    for (let i = 0; i < 500_000; i++) if (seen.claim(`Ev${i}`)) claimed++;
    expect(claimed).toBe(500_000);
    expect(seen.claim("Ev42")).toBe(false);
    expect(seen.size).toBe(500_000);
    c.advance(60 * 60 * 1000);
    expect(seen.claim("Ev-new")).toBe(true);
    expect(seen.size).toBe(1);
  });

  it("keeps at most its cap of ids", () => {
    const seen = new RecentIds(60_000, 100, clock().now);
    for (let i = 0; i < 1_000; i++) seen.claim(String(i));
    expect(seen.size).toBe(100);
    expect(seen.claim("999")).toBe(false);
    expect(seen.claim("0")).toBe(true);
  });

  it("counts the window from the first delivery, not from a repeat", () => {
    const c = clock();
    const seen = new RecentIds(1_000, 10, c.now);
    expect(seen.claim("a")).toBe(true);
    c.advance(900);
    expect(seen.claim("a")).toBe(false);
    c.advance(100);
    expect(seen.claim("a")).toBe(true);
  });
});

describe("ExpiringMap", () => {
  it("refuses a zero time to live or cap", () => {
    expect(() => new ExpiringMap(0, 10)).toThrow(RangeError);
    expect(() => new ExpiringMap(10, 0)).toThrow(RangeError);
  });

  it("re-setting a key restarts its time to live and moves it behind the others", () => {
    const c = clock();
    const m = new ExpiringMap<number>(1_000, 10, c.now);
    m.set("a", 1);
    c.advance(500);
    m.set("b", 2);
    m.set("a", 3);
    c.advance(600);
    m.set("c", 4);
    // "a" was re-set at 500, so like "b" it lives until 1,500; "c" (set at 1,100) lives on after.
    expect(m.get("a")).toBe(3);
    expect(m.get("b")).toBe(2);
    c.advance(400);
    expect(m.get("a")).toBeUndefined();
    expect(m.get("c")).toBe(4);
  });
});
