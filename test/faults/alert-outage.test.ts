// An operator channel that fails and then recovers, with the real delivery schedule on a fake clock,
// and alerts left pending by a crash, sent again by the next process. The core is real; only the
// operator channel (the outside world) and the clock are stand-ins.
import { afterEach, describe, expect, it } from "vitest";
import { auditLogPath, createLumbar } from "../../src/core/create-lumbar.ts";
import type { EscalationEvent, Lumbar } from "../../src/core/types.ts";
import { DEFAULT_DELIVERY } from "../../src/safety/alert-delivery.ts";
import { readAuditLog } from "../../src/safety/audit-log.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

const EMERGENCY = "I wet myself and can't feel my bum";
const START = Date.parse("2026-03-01T09:00:00Z");

/** A clock that moves only when the test says so; sleeps resolve when it passes their end. */
function fakeClock() {
  let t = START;
  const sleeping: Array<{ until: number; resolve: () => void }> = [];
  return {
    now: () => new Date(t),
    get ms() {
      return t - START;
    },
    sleep: (ms: number) => new Promise<void>((resolve) => sleeping.push({ until: t + ms, resolve })),
    /** Moves time forward a second at a time, letting the code under test run in between. */
    async advanceTo(msFromStart: number) {
      while (t < START + msFromStart) {
        t = Math.min(t + 1_000, START + msFromStart);
        for (const s of sleeping.filter((x) => x.until <= t)) {
          sleeping.splice(sleeping.indexOf(s), 1);
          s.resolve();
        }
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      }
    },
  };
}

async function until(ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 10));
}

let t: TestLumbar | undefined;
const extra: Lumbar[] = [];
afterEach(async () => {
  for (const l of extra.splice(0)) await l.close();
  await t?.cleanup();
  t = undefined;
});

describe("an operator channel that fails for 2 minutes, on the real delivery schedule", () => {
  it("gets the alert after it recovers, the log says when, and the person repeating meanwhile gets the guidance every time", async () => {
    const clock = fakeClock();
    t = await makeTestLumbar({}, { now: clock.now, sleep: clock.sleep, alertDelivery: DEFAULT_DELIVERY });
    const received: Array<{ at: number; event: EscalationEvent }> = [];
    t.lumbar.onEscalation(async (event) => {
      if (clock.ms < 120_000) throw new Error("connect ECONNREFUSED 127.0.0.1:443");
      received.push({ at: clock.ms, event });
    }, "slack");
    const say = () => t!.lumbar.handle({ channel: "telegram", conversationId: "c1", userId: "u1", text: EMERGENCY });

    const first = await say();
    expect(first.escalation.level).toBe("emergency");
    await clock.advanceTo(30_000);
    const repeat = await say();
    await clock.advanceTo(90_000);
    const again = await say();
    for (const r of [repeat, again]) {
      expect(r.escalation.level).toBe("emergency");
      expect(r.guidance).toBe(first.guidance);
    }
    await clock.advanceTo(480_000);
    const log = await readAuditLog(auditLogPath(t.dataDir));

    // The schedule 1, 5, 15, 30, 60, 60 s: attempts at 0, 1, 6, 21, 51, 111 s fail; the 7th, at
    // 171 s, is the first after the 2-minute outage.
    expect(received).toHaveLength(1);
    expect(received[0]!.at).toBe(171_000);
    expect(log.deliveries).toEqual([expect.objectContaining({ escalationId: log.records[0]!.id, target: "slack", outcome: "delivered", attempts: 7 })]);
    expect(Date.parse(log.deliveries[0]!.time) - Date.parse(log.records[0]!.time)).toBe(171_000);
    // The repeats during the outage waited for that alert (one alert for one emergency), and were
    // recorded; none was answered less than the first.
    expect(log.records.map((r) => r.alerted)).toEqual([true, false, false]);
  });

  it("after an outage longer than every retry, the failed alert does not silence the next report", async () => {
    const clock = fakeClock();
    t = await makeTestLumbar({}, { now: clock.now, sleep: clock.sleep, alertDelivery: DEFAULT_DELIVERY });
    const received: number[] = [];
    t.lumbar.onEscalation(async () => {
      if (clock.ms < 600_000) throw new Error("502 Bad Gateway");
      received.push(clock.ms);
    }, "telegram");
    const say = () => t!.lumbar.handle({ channel: "slack", conversationId: "c2", userId: "u2", text: EMERGENCY });
    await say();
    // Every attempt of the real schedule (491 s in all) falls inside the 10-minute outage.
    await clock.advanceTo(500_000);
    await until(async () => (await readAuditLog(auditLogPath(t!.dataDir))).deliveries.length === 1);
    await clock.advanceTo(610_000);
    await say();
    await clock.advanceTo(612_000);
    await until(async () => (await readAuditLog(auditLogPath(t!.dataDir))).deliveries.length === 2);
    const log = await readAuditLog(auditLogPath(t.dataDir));
    expect(log.deliveries.map((d) => [d.outcome, d.attempts])).toEqual([["failed", 9], ["delivered", 1]]);
    expect(log.deliveries[0]!.error).toBe("502 Bad Gateway");
    expect(log.records.map((r) => r.alerted)).toEqual([true, true]);
    expect(received).toEqual([610_000]);
  });
});

describe("the escalation outbox across a restart", () => {
  it("sends an alert left pending by a crash again, only to the channels that never got it, and only once", async () => {
    const never = () => new Promise<void>(() => undefined);
    // The first process: Slack takes the alert, Telegram is down and the retry is still waiting when it dies.
    t = await makeTestLumbar({}, { sleep: never });
    const firstSlack: EscalationEvent[] = [];
    t.lumbar.onEscalation((e) => void firstSlack.push(e), "slack");
    t.lumbar.onEscalation(() => Promise.reject(new Error("socket hang up")), "telegram");
    const reply = await t.lumbar.handle({ channel: "slack", conversationId: "c3", userId: "u3", text: EMERGENCY });
    expect(reply.escalation.level).toBe("emergency");
    await until(async () => (await readAuditLog(auditLogPath(t!.dataDir))).deliveries.length === 1);
    expect(firstSlack).toHaveLength(1);
    // (no close(): a crash)

    const second = createLumbar({ config: t.config });
    extra.push(second);
    const slack: EscalationEvent[] = [];
    const telegram: EscalationEvent[] = [];
    second.onEscalation((e) => void slack.push(e), "slack");
    second.onEscalation((e) => void telegram.push(e), "telegram");
    expect(await second.resumePendingAlerts()).toBe(1);
    await until(async () => (await readAuditLog(auditLogPath(t!.dataDir))).deliveries.length === 2);
    expect(slack).toHaveLength(0);
    expect(telegram).toEqual([expect.objectContaining({ tier: "emergency", conversationId: "c3", userId: "u3", channel: "slack" })]);
    const log = await readAuditLog(auditLogPath(t.dataDir));
    expect(log.deliveries.map((d) => [d.target, d.outcome])).toEqual([["slack", "delivered"], ["telegram", "delivered"]]);

    // A third start owes nothing.
    const third = createLumbar({ config: t.config });
    extra.push(third);
    third.onEscalation(() => undefined, "slack");
    third.onEscalation(() => undefined, "telegram");
    expect(await third.resumePendingAlerts()).toBe(0);
  });
});
