import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { detectRedFlags } from "../../src/safety/detect-red-flags.ts";
import { loadRules, type RuleSet } from "../../src/safety/rules.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

let rules: RuleSet;
let t: TestLumbar;
beforeAll(async () => {
  rules = await loadRules(path.join(PROJECT_ROOT, "corpus/red-flags.yml"));
  t = await makeTestLumbar();
});
afterAll(async () => t.cleanup());
const detect = (text: string) => detectRedFlags(text, rules);

// Found reviewing 26ea11f..HEAD: emergencies the round silenced and alarms it raised.
describe("review of the changes since 26ea11f", () => {
  it.each([
    // "number 1" with "do": the narrowed euphemism list lost it.
    ["I haven't been able to do number 1 properly for a day, lower back is killing me", "emergency", "urinary-retention"],
    ["cant do number one at all since yesterday, back and both legs aching", "emergency", "urinary-retention"],
    // A "..." after a whole sentence still ends it: the denial does not reach the saddle.
    ["nothing wrong with my legs... numb between my legs since this morning", "emergency", "saddle-numbness"],
    ["my legs just... went", "emergency", "both-legs-weak"],
    // A stretch excuses one leg's tingle, never both legs.
    ["both legs go numb and weak when I stretch and stay numb for hours", "emergency", "both-legs-numb"],
    ["numb between my legs when i do my stretches and i haven't peed since morning", "emergency", "both-legs-numb"],
    // A relative's account passed on in the third person singular is a report.
    ["my wife says 'she can't pee and her bum is numb'", "emergency", "urinary-retention"],
    ["my mum rang and said 'we can't get her to pee and she can't feel her legs'", "emergency", "both-legs-numb"],
    // The writer's own words, written or told.
    ["I wrote to 111 'I have not had a wee since yesterday and my legs are weak'", "emergency", "urinary-retention"],
    ["I told someone at work 'my legs just gave way and I cant feel my bum'", "emergency", "saddle-numbness"],
    ["I've been hot and cold all day with this back pain and feel rough", "urgent", "fever"],
  ])("escalates: %s", (text, level, reason) => {
    const r = detect(text);
    expect(r.level).toBe(level);
    expect(r.reasons).toContain(reason);
  });

  it.each([
    "the pain in my legs just went away after physio, amazing",
    "the ache in both legs just went after I took ibuprofen",
    "the tingling in my legs just went overnight, is that good",
    "I get tingling down my leg when I stretch my hamstrings",
    "I read a post that said 'I couldn't pee and my legs went numb' which scared me",
  ])("does not escalate: %s", (text) => {
    expect(detect(text).level).toBe("none");
  });

  it("asking whether to see a specialist or a physio first is answered", async () => {
    const r = await t.lumbar.handle({ channel: "cli", conversationId: "spec", userId: "u", text: "would you recommend a specialist or a physio first for sciatica?" });
    expect(r.outOfScope).toBe(false);
    const r2 = await t.lumbar.handle({ channel: "cli", conversationId: "spec2", userId: "u", text: "can you recommend a good neurosurgeon in Leeds" });
    expect(r2.outOfScope).toBe(true);
  });
});

describe("night pain no position eases is judged within its clause", () => {
  it("does not reach across 'but', nor read 'whatever position' as no relief", () => {
    expect(detect("it hurts whatever position I'm in during the day, but at night it's fine").level).toBe("none");
    expect(detect("what position is best for sleeping at night, whatever position I choose my leg aches").level).toBe("none");
    expect(detect("the pain is worst at night and no matter what position I lie in it won't ease").level).toBe("urgent");
  });
});
