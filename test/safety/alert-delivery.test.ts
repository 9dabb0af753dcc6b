import { afterEach, describe, expect, it } from "vitest";
import type { EscalationEvent } from "../../src/core/types.ts";
import { deliverWithRetry } from "../../src/safety/alert-delivery.ts";
import { readAuditLog } from "../../src/safety/audit-log.ts";
import { auditLogPath } from "../../src/core/create-lumbar.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

const FAST = { timeoutMs: 200, backoffMs: [20, 20, 20, 20, 20, 20, 20, 20, 20, 20] };

describe("delivering an operator alert", () => {
  it("retries until the channel answers, and says how many attempts it took", async () => {
    let calls = 0;
    const outcome = await deliverWithRetry(async () => {
      if (++calls < 4) throw new Error("503 Service Unavailable");
    }, FAST);
    expect(outcome).toEqual({ delivered: true, attempts: 4 });
  });

  it("counts a channel that never answers as failed after its timeout, with the reason", async () => {
    const outcome = await deliverWithRetry(() => new Promise<void>(() => undefined), { timeoutMs: 30, backoffMs: [5] });
    expect(outcome.delivered).toBe(false);
    expect(outcome.attempts).toBe(2);
    expect(outcome.error).toMatch(/no answer within 30 ms/);
  });
});

describe("operator alerts through an outage", () => {
  let t: TestLumbar;
  afterEach(async () => {
    await t.cleanup();
  });
  const emergency = (lumbar: TestLumbar["lumbar"]) => lumbar.handle({ channel: "test", conversationId: "c1", userId: "u1", text: "I wet myself and can't feel my bum" });
  const until = async (ok: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it("an operator channel that is down and then recovers gets the alert, and the log says when", async () => {
    t = await makeTestLumbar({}, { alertDelivery: FAST });
    // Down for its first three calls, then back: counted, not timed, so a busy machine cannot make
    // the outage end before the first attempt.
    let calls = 0;
    const received: EscalationEvent[] = [];
    t.lumbar.onEscalation(async (e) => {
      if (++calls <= 3) throw new Error("connect ECONNREFUSED 127.0.0.1:443");
      received.push(e);
    });
    await emergency(t.lumbar);
    await until(async () => (await readAuditLog(auditLogPath(t.dataDir))).deliveries.length > 0);
    const { records, deliveries } = await readAuditLog(auditLogPath(t.dataDir));
    expect(received).toHaveLength(1);
    expect(records[0]).toMatchObject({ alerted: true });
    expect(deliveries).toEqual([expect.objectContaining({ escalationId: records[0].id, outcome: "delivered" })]);
    expect(deliveries[0].attempts).toBe(4);
    expect(Date.parse(deliveries[0].time)).toBeGreaterThanOrEqual(Date.parse(records[0].time));
  });

  it("a failed alert is recorded as failed and does not silence the person repeating the emergency", async () => {
    t = await makeTestLumbar({}, { alertDelivery: { timeoutMs: 100, backoffMs: [10] } });
    let down = true;
    let attempts = 0;
    t.lumbar.onEscalation(async () => {
      attempts++;
      if (down) throw new Error("500 Internal Server Error");
    });
    await emergency(t.lumbar);
    await until(async () => (await readAuditLog(auditLogPath(t.dataDir))).deliveries.length === 1);
    await emergency(t.lumbar);
    await until(async () => (await readAuditLog(auditLogPath(t.dataDir))).deliveries.length === 2);
    down = false;
    await emergency(t.lumbar);
    await until(async () => (await readAuditLog(auditLogPath(t.dataDir))).deliveries.length === 3);
    // Delivered now: a fourth report within the window is throttled.
    await emergency(t.lumbar);
    const { records, deliveries } = await readAuditLog(auditLogPath(t.dataDir));
    expect(records.map((r) => r.alerted)).toEqual([true, true, true, false]);
    expect(deliveries.map((d) => d.outcome)).toEqual(["failed", "failed", "delivered"]);
    expect(deliveries[0].error).toBe("500 Internal Server Error");
    expect(attempts).toBe(5);
  });
});
