import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EscalationEvent } from "../../src/core/types.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

/** The other languages' lexicon through the whole core: built into the index, escalated and alerted like any emergency. */
let t: TestLumbar;
const alerts: EscalationEvent[] = [];
beforeAll(async () => {
  t = await makeTestLumbar();
  t.lumbar.onEscalation((e) => void alerts.push(e));
});
afterAll(async () => {
  await t.cleanup();
});
const say = (text: string, conversationId: string) => t.lumbar.handle({ channel: "test", conversationId, userId: "u1", text });

describe("a reply to an emergency in another language", () => {
  it("escalates with the English guidance and the language's own line, and alerts", async () => {
    const reply = await say("no siento nada entre las piernas y casi no puedo orinar", "es");
    expect(reply.escalation.level).toBe("emergency");
    expect(reply.escalation.reasons).toEqual(expect.arrayContaining(["saddle-numbness", "urinary-retention"]));
    expect(reply.check).toBeNull();
    expect(reply.guidance).toMatch(/Please get medical help now/);
    expect(reply.guidance).toMatch(/vaya a urgencias/);
    await new Promise((r) => setTimeout(r, 20));
    expect(alerts.map((a) => a.ruleIds)).toEqual([expect.arrayContaining(["saddle-numbness"])]);
  });

  it("asks the check question, as before, for a denial in another language", async () => {
    const reply = await say("No tengo problemas para orinar, solo un dolor de espalda muy fuerte desde el lunes", "es-2");
    expect(reply.escalation.level).toBe("none");
    expect(reply.check?.reasons).toContain("message-not-in-english");
  });
});

describe("other languages' words in quotation marks", () => {
  it("are mentioned, not reported: a quoted phrase asked about in English does not escalate; the same words said do", async () => {
    const asked = await say("what does 'no puedo orinar' mean? my Spanish teacher said it in class", "quoted-1");
    expect(asked.escalation.level).toBe("none");
    const said = await say("tengo dolor de espalda y no puedo orinar desde ayer", "quoted-2");
    expect(said.escalation.level).toBe("emergency");
  });
});
