// Prometheus metrics measured around the real core: messages, escalations by tier, failed alert
// deliveries (an operator channel that is down, the outside world, fails once), latency, index version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EscalationEvent, Lumbar } from "../../src/core/types.ts";
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
  });
});
