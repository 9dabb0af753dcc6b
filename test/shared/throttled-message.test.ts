import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerThrottled } from "../../adapters/shared/throttled-message.ts";
import { THROTTLE_NOTICE } from "../../adapters/shared/user-throttle.ts";
import { auditLogPath } from "../../src/core/create-lumbar.ts";
import type { EscalationEvent, IncomingMessage } from "../../src/core/types.ts";
import { createLogger, silentLogger } from "../../src/log/logger.ts";
import { readAuditLog } from "../../src/safety/audit-log.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// A message over the flood limit through the real core: only the red-flag check runs, an emergency
// still gets its guidance, audit record and operator alert, anything else the throttle notice once.

let t: TestLumbar;
const alerts: EscalationEvent[] = [];

beforeAll(async () => {
  t = await makeTestLumbar();
  t.lumbar.onEscalation((e) => void alerts.push(e));
});
afterAll(async () => {
  await t?.cleanup();
});

let n = 0;
const msg = (text: string, userId = "flooder"): IncomingMessage => ({ channel: "test", conversationId: `c${++n}`, userId, text });

describe("answerThrottled", () => {
  it("sends the emergency guidance and alerts operators for a throttled red flag, without answering from the corpus", async () => {
    const handle = vi.spyOn(t.lumbar, "handle");
    const message = msg("help i have wet myself and cant feel my bum");
    const outcome = await answerThrottled(t.lumbar, message, "drop", silentLogger);
    expect(handle).not.toHaveBeenCalled();
    handle.mockRestore();
    expect(outcome.kind).toBe("reply");
    if (outcome.kind !== "reply") return;
    expect(outcome.reply.escalation.level).toBe("emergency");
    expect(outcome.reply.guidance).toMatch(/999/);
    expect(outcome.reply.answer).toBe("");
    expect(outcome.reply.sources).toEqual([]);
    expect(alerts.find((a) => a.conversationId === message.conversationId)?.tier).toBe("emergency");
    const { records } = await readAuditLog(auditLogPath(t.dataDir));
    expect(records.find((r) => r.conversationId === message.conversationId)).toMatchObject({ tier: "emergency", channel: "test", alerted: true });
  });

  it("gives an ordinary throttled question the notice on the first throttled message and nothing after, never an answer", async () => {
    const screen = vi.spyOn(t.lumbar, "screen");
    const handle = vi.spyOn(t.lumbar, "handle");
    expect(await answerThrottled(t.lumbar, msg("what is sciatica"), "warn", silentLogger)).toEqual({ kind: "notice", text: THROTTLE_NOTICE });
    expect(await answerThrottled(t.lumbar, msg("what is sciatica again"), "drop", silentLogger)).toEqual({ kind: "none" });
    // The red-flag check ran on both; the answering pipeline on neither.
    expect(screen).toHaveBeenCalledTimes(2);
    expect(handle).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    const screened = await t.lumbar.screen(msg("what is sciatica"));
    expect(screened).toMatchObject({ answer: "", sources: [], suggestions: [], check: null, escalation: { level: "none" } });
  });

  it("asks a throttled near miss the safety check question, and a throttled 'yes' escalates it", async () => {
    const first = msg("I leaked in my pants today");
    const asked = await answerThrottled(t.lumbar, first, "drop", silentLogger);
    expect(asked.kind).toBe("reply");
    if (asked.kind !== "reply") return;
    expect(asked.reply.check?.options.length).toBeGreaterThanOrEqual(2);
    const yes = await answerThrottled(t.lumbar, { ...first, text: asked.reply.check!.options[0]! }, "drop", silentLogger);
    expect(yes.kind).toBe("reply");
    if (yes.kind === "reply") expect(yes.reply.escalation.level).not.toBe("none");
  });

  it("sends the notice, with its emergency line, when the red-flag check itself fails", async () => {
    vi.spyOn(t.lumbar, "screen").mockRejectedValueOnce(new Error("index unreadable"));
    const lines: string[] = [];
    const outcome = await answerThrottled(t.lumbar, msg("anything"), "drop", createLogger("error", (l) => lines.push(l)));
    expect(outcome).toEqual({ kind: "notice", text: THROTTLE_NOTICE });
    expect(THROTTLE_NOTICE).toMatch(/911, 999 or 112/);
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(["throttled.screen_failed"]);
    vi.restoreAllMocks();
  });
});
