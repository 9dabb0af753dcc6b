// Prometheus metrics measured around the real core: messages, escalations by tier, failed alert
// deliveries (an operator channel that is down, the outside world, fails once), latency, index version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EscalationEvent, Lumbar } from "../../src/core/types.ts";
import { HourlyCounts } from "../../src/metrics/hourly-counts.ts";
import { createMetrics, type LumbarMetrics } from "../../src/metrics/lumbar-metrics.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { waitFor } from "../telegram/support/emulator.ts";

let core: TestLumbar;
let metrics: LumbarMetrics;
let lumbar: Lumbar;

beforeAll(async () => {
  core = await makeTestLumbar({}, { alertDelivery: { timeoutMs: 1_000, backoffMs: [10, 10] } });
  metrics = createMetrics({ defaultMetrics: false });
  lumbar = metrics.instrument(core.lumbar);
});
afterAll(async () => {
  await core?.cleanup();
});

describe("lumbar metrics", () => {
  it("counts messages, escalations by tier and failed alert attempts, times answers, and names the index version", async () => {
    const delivered: EscalationEvent[] = [];
    let calls = 0;
    lumbar.onEscalation(async (event) => {
      calls++;
      if (calls === 1) throw new Error("operator channel down");
      delivered.push(event);
    });
    await lumbar.handle({ channel: "slack", conversationId: "m1", userId: "u", text: "what is sciatica" });
    await lumbar.handle({ channel: "slack", conversationId: "m2", userId: "u", text: "what is the capital of France" });
    const emergency = await lumbar.handle({ channel: "telegram", conversationId: "m3", userId: "u", text: "I've lost control of my bladder and my back is killing me" });
    expect(emergency.escalation.level).toBe("emergency");
    await waitFor(() => delivered.length === 1, 5_000, "the retried alert");

    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('lumbar_messages_total{channel="slack",outcome="answered"} 1');
    expect(body).toContain('lumbar_messages_total{channel="slack",outcome="out-of-scope"} 1');
    expect(body).toContain('lumbar_messages_total{channel="telegram",outcome="answered"} 1');
    expect(body).toContain('lumbar_escalations_total{tier="emergency"} 1');
    expect(body).toContain('lumbar_alert_delivery_failures_total{tier="emergency"} 1');
    expect(body).toContain('lumbar_answer_duration_seconds_count{channel="slack"} 2');
    expect(body).toContain(`lumbar_index_info{version="${emergency.indexVersion}"} 1`);
    // Labels carry no ids or message text.
    expect(body).not.toMatch(/m1|m3|sciatica|bladder/);

    // The console's hourly counts: the same events in the current clock hour, 24 hours kept.
    const hours = metrics.hourly();
    expect(hours).toHaveLength(24);
    expect(hours.at(-1)!.counts).toEqual({ answered: 2, "out-of-scope": 1, emergency: 1, "alert-failed": 1 });
    expect(hours.slice(0, -1).every((h) => Object.keys(h.counts).length === 0)).toBe(true);
  });

  it("keeps hourly counts for a day, by clock hour", () => {
    let t = Date.parse("2026-11-27T10:59:00.000Z");
    const counts = new HourlyCounts(24, () => t);
    counts.add("answered");
    t += 2 * 60_000; // 11:01, the next hour
    counts.add("answered");
    counts.add("out-of-scope");
    const hours = counts.series();
    expect(hours).toHaveLength(24);
    expect(hours.at(-1)).toEqual({ hour: "2026-11-27T11:00:00.000Z", counts: { answered: 1, "out-of-scope": 1 } });
    expect(hours.at(-2)).toEqual({ hour: "2026-11-27T10:00:00.000Z", counts: { answered: 1 } });
    t += 24 * 3_600_000; // a day later the 10:00 and 11:00 hours have gone
    counts.add("answered");
    expect(counts.series().filter((h) => Object.keys(h.counts).length > 0)).toEqual([{ hour: "2026-11-28T11:00:00.000Z", counts: { answered: 1 } }]);
  });
});
