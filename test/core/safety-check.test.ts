import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EscalationEvent } from "../../src/core/types.ts";
import { readCheckAnswer } from "../../src/safety/safety-check.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

let t: TestLumbar;
let alerts: EscalationEvent[];
beforeEach(async () => {
  t = await makeTestLumbar();
  alerts = [];
  t.lumbar.onEscalation((e) => void alerts.push(e));
});
afterEach(async () => {
  await t.cleanup();
});

const say = (text: string, conversationId = "c1") => t.lumbar.handle({ channel: "test", conversationId, userId: "u1", text });
const auditLines = async () => (await readFile(path.join(t.dataDir, "escalations.jsonl"), "utf8").catch(() => "")).split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.kind !== "alert-delivery");
const settle = () => new Promise((r) => setTimeout(r, 20));

describe("the safety check question", () => {
  it("asks, without escalating or alerting, when a message comes close to a red flag the words cannot settle", async () => {
    const reply = await say("i leaked in my pants today, my back hurts");
    expect(reply.escalation.level).toBe("none");
    expect(reply.check).not.toBeNull();
    expect(reply.check!.options[0]).toMatch(/yes/i);
    expect(reply.check!.options.at(-1)).toMatch(/^no/i);
    expect(reply.check!.reasons).toContain("bladder-control-loss");
    expect(reply.text).toContain(reply.check!.question);
    await settle();
    expect(alerts).toEqual([]);
    expect(await auditLines()).toEqual([]);
  });

  it.each(["yes", "Yes, this is happening now", "yeah it is", "YES"])("'%s' escalates at once in the same conversation, with an audit record and an alert", async (yes) => {
    await say("i leaked in my pants today, my back hurts");
    const reply = await say(yes);
    expect(reply.escalation.level).toBe("emergency");
    expect(reply.escalation.reasons).toContain("bladder-control-loss");
    expect(reply.guidance).toMatch(/emergency/i);
    expect(reply.check).toBeNull();
    await settle();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ tier: "emergency", conversationId: "c1" });
    const audit = await auditLines();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tier: "emergency", ruleIds: expect.arrayContaining(["bladder-control-loss"]), alerted: true });
  });

  it("a report that asks nothing gets the question alone, and 'no' goes on to answer it", async () => {
    const first = await say("i leaked in my pants today, my back hurts");
    expect(first.check).not.toBeNull();
    expect(first.sources).toEqual([]);
    const reply = await say("No");
    expect(reply.escalation.level).toBe("none");
    expect(reply.check).toBeNull();
    expect(reply.sources.length).toBeGreaterThan(0);
    await settle();
    expect(alerts).toEqual([]);
    expect(await auditLines()).toEqual([]);
  });

  it("a question that raised the check is answered below it, and 'no' then is thanked, not answered twice", async () => {
    const first = await say("both my legs feel like jelly, what exercises help back pain?");
    expect(first.check).not.toBeNull();
    expect(first.text.indexOf(first.check!.question)).toBeLessThan(first.text.indexOf(first.answer));
    expect(first.sources.map((s) => s.section)).toContain("Exercises to Stretch and Strengthen");
    const reply = await say("No");
    expect(reply.escalation.level).toBe("none");
    expect(reply.check).toBeNull();
    expect(reply.sources).toEqual([]);
    expect(reply.answer).toMatch(/thank/i);
    // The topic of the answered message carries on: "what about heat" is about the same back.
    const next = await say("and is heat any good for it?");
    expect(next.sources[0]?.section).toBe("Ice and Heat Therapy");
    // The question was closed by the "no": a second "no" is not read as its answer again.
    expect((await say("no")).answer).not.toMatch(/reassuring/);
    await settle();
    expect(alerts).toEqual([]);
  });

  it("'yes' to a question asked beside an answer escalates with the guidance alone", async () => {
    await say("both my legs feel like jelly, what exercises help back pain?");
    const yes = await say("yes");
    expect(yes.escalation.level).toBe("emergency");
    expect(yes.sources).toEqual([]);
    await settle();
    expect(alerts).toHaveLength(1);
  });

  it("a 'yes' in another conversation, or with no question pending, escalates nothing", async () => {
    await say("i leaked in my pants today, my back hurts", "c1");
    expect((await say("yes", "c2")).escalation.level).toBe("none");
    expect((await say("yes", "c3")).check).toBeNull();
    await settle();
    expect(alerts).toEqual([]);
  });

  it("a real report in reply to the question escalates on its own words", async () => {
    await say("something feels weird down there");
    const reply = await say("I can't feel anything when I wipe");
    expect(reply.escalation.level).toBe("emergency");
  });

  it("an urgent message close to an emergency gets the urgent guidance and the question", async () => {
    const reply = await say("I fell off a ladder yesterday and both my legs feel heavy and wobbly");
    expect(reply.escalation.level).toBe("urgent");
    expect(reply.check?.reasons).toContain("both-legs-weak");
    const yes = await say("yes");
    expect(yes.escalation.level).toBe("emergency");
  });
});

describe("answers that are easy to lose", () => {
  it("a yes with detail escalates", async () => {
    await say("i leaked in my pants today, my back hurts");
    expect((await say("yes since this morning")).escalation.level).toBe("emergency");
  });

  it("in a group chat, another person's 'no' does not answer someone else's question", async () => {
    await t.lumbar.handle({ channel: "test", conversationId: "group", userId: "alice", text: "i leaked in my pants today, my back hurts" });
    const bob = await t.lumbar.handle({ channel: "test", conversationId: "group", userId: "bob", text: "no" });
    expect(bob.escalation.level).toBe("none");
    const alice = await t.lumbar.handle({ channel: "test", conversationId: "group", userId: "alice", text: "yes" });
    expect(alice.escalation.level).toBe("emergency");
  });

  it("in a group chat, another person's question in between leaves the first person's safety question open", async () => {
    await t.lumbar.handle({ channel: "test", conversationId: "group-2", userId: "alice", text: "i leaked in my pants today, my back hurts" });
    const bob = await t.lumbar.handle({ channel: "test", conversationId: "group-2", userId: "bob", text: "what is sciatica?" });
    expect(bob.sources.length).toBeGreaterThan(0);
    const alice = await t.lumbar.handle({ channel: "test", conversationId: "group-2", userId: "alice", text: "yes" });
    expect(alice.escalation.level).toBe("emergency");
  });

  it("the yes button's text escalates even when the question is no longer held (a restart)", async () => {
    const reply = await say("Yes, this is happening now", "fresh");
    expect(reply.escalation.level).toBe("emergency");
    await settle();
    expect(alerts).toHaveLength(1);
  });

  it("a reply that does not answer is answered, and the question asked again once", async () => {
    const first = await say("both my legs feel like jelly");
    expect(first.check).not.toBeNull();
    const second = await say("what stretches help sciatica?");
    expect(second.check?.question).toBe(first.check!.question);
    expect(second.sources.length).toBeGreaterThan(0);
    expect((await say("yes")).escalation.level).toBe("emergency");
  });
});

describe("reading an answer to the check question", () => {
  const options = ["Yes, this is happening now", "No"];
  it.each([
    ["yes", "yes"], ["y", "yes"], ["Yep", "yes"], ["yes it is", "yes"], ["Yes, this is happening now", "yes"], ["sadly yes", "yes"],
    ["no", "no"], ["No", "no"], ["nope", "no"], ["no not at all", "no"], ["nah", "no"],
    ["yes since this morning", "yes"], ["yes both legs", "yes"], ["sadly no", "no"], ["unfortunately not", "no"], ["si", "yes"], ["haan", "yes"],
    ["what is sciatica", null], ["yes and no", null], ["no, it's my dad", null], ["no idea what you mean by that really honestly", null],
  ])("%s -> %s", (text, expected) => {
    expect(readCheckAnswer(text, options)).toBe(expected);
  });
});

describe("a message the check could not read for being in another language", () => {
  it("hears what Lumbar can read, not an English refusal, when the articles cannot answer it", async () => {
    const r = await say("Me duele la espalda cuando paso mucho tiempo sentada en la oficina. ¿Qué ejercicios puedo hacer?", "es");
    expect(r.check?.reasons).toContain("message-not-in-english");
    expect(r.answer).toMatch(/only read English/i);
  });
});
