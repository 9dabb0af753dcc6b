import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { detectRedFlags } from "../../src/safety/detect-red-flags.ts";
import { loadRules, type RuleSet } from "../../src/safety/rules.ts";

/**
 * Every ConText trigger type crossed with every red-flag concept (issue 11: tests as tables).
 * Each concept gives a first-person report, a denial of it, the same symptom in someone with the
 * writer now, and its clinical term; each trigger wraps them the way people write.
 */
const CONCEPTS = [
  { rule: "bladder-control-loss", tier: "emergency", report: "I wet myself", denied: "I haven't wet myself", other: "my husband wet himself", term: "urinary incontinence" },
  { rule: "urinary-retention", tier: "emergency", report: "I can't pee", denied: "I have no trouble peeing", other: "my dad can't pee", term: "urinary retention" },
  { rule: "bowel-control-loss", tier: "emergency", report: "I lost control of my bowels", denied: "no problems with my bowels", other: "my mum lost control of her bowels", term: "bowel incontinence" },
  { rule: "saddle-numbness", tier: "emergency", report: "I'm numb between my legs", denied: "I'm not numb between my legs", other: "my wife is numb between her legs", term: "saddle anaesthesia" },
  { rule: "sexual-function-loss", tier: "emergency", report: "I can't get an erection", denied: "no erection problems", other: "my partner can't get an erection", term: "erectile dysfunction" },
  { rule: "both-legs-weak", tier: "emergency", report: "both my legs are giving way", denied: "my legs aren't weak or numb", other: "both my son's legs are giving way", term: "bilateral leg weakness" },
  { rule: "bilateral-sciatica", tier: "emergency", report: "I have sciatica down both legs", denied: "no sciatica in both legs, just the left", other: "my brother has sciatica down both legs", term: "bilateral sciatica" },
  { rule: "leg-numbness", tier: "urgent", report: "my left foot is numb", denied: "my foot isn't numb", other: "my husband's left foot is numb", term: "paraesthesia in the foot" },
  { rule: "leg-weakness", tier: "urgent", report: "my right leg feels weak", denied: "my leg isn't weak", other: "my mum's right leg feels weak", term: "foot drop" },
  { rule: "fever", tier: "urgent", report: "I have a fever", denied: "no fever", other: "my dad has a fever", term: "a high temperature" },
] as const;

const lower = (s: string) => s[0].toLowerCase() + s.slice(1);

const REPORTED = [
  ["plain", (c: Concept) => `${c.report} since this morning`],
  ["followed by a question", (c: Concept) => `${c.report}, is that normal?`],
  ["run-on after a request (a new subject ends the scope)", (c: Concept) => `can you help ${lower(c.report)}`],
  ["after the pseudo-trigger 'don't know what's happening'", (c: Concept) => `I don't know what's happening, ${lower(c.report)}`],
  ["after 'no fever' denying something else", (c: Concept) => (c.rule === "fever" ? `no back injury but ${lower(c.report)}` : `no fever, ${lower(c.report)}`)],
  ["someone with the writer now", (c: Concept) => `${c.other} since yesterday`],
  ["with an unrelated past clause", (c: Concept) => `I had a cold last year. Today ${lower(c.report)}`],
] as const;

const NOT_NOW = [
  ["denied", (c: Concept) => c.denied],
  ["hypothetical", (c: Concept) => `what if ${lower(c.report)}?`],
  ["a worry about the future", (c: Concept) => `I'm scared that one day ${lower(c.report)}`],
  ["a definition question", (c: Concept) => `what does "${c.term}" mean?`],
  ["historical and resolved", (c: Concept) => `years ago ${lower(c.report)}, it's been fine ever since`],
  ["an animal", (c: Concept) => `my dog ${c.rule === "fever" ? "has a fever" : "can't walk properly"}`],
] as const;

type Concept = (typeof CONCEPTS)[number];

let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRules(path.join(PROJECT_ROOT, "corpus/red-flags.yml"));
});

describe.each(CONCEPTS)("$rule", (c) => {
  it.each(REPORTED)("escalates when %s", (_kind, make) => {
    const r = detectRedFlags(make(c), rules);
    expect(r.level, make(c)).toBe(c.tier);
    expect(r.reasons, make(c)).toContain(c.rule);
  });

  it.each(NOT_NOW)("does not escalate when %s", (_kind, make) => {
    const r = detectRedFlags(make(c), rules);
    expect(r.level, make(c)).toBe("none");
  });

  it("asks rather than escalates when the writer is unsure", () => {
    const text = `not sure if ${lower(c.report)}`;
    const r = detectRedFlags(text, rules);
    if (c.tier === "emergency") {
      expect(r.level, text).toBe("none");
      expect(r.check, text).toContain(c.rule);
    } else {
      expect(r.level, text).toBe("urgent");
    }
  });
});

describe("the failure classes seen on fresh messages (issue 11), each a general cause", () => {
  it.each([
    ["I can't walk, both my legs have gone numb", "emergency"],
    ["I didn't realise I'd wet myself", "emergency"],
    ["I don't know what's happening, I wet myself this morning", "emergency"],
    ["Does anyone know why I wet myself this morning?", "emergency"],
    ["can you help i cant control my bladder", "emergency"],
    ["my husband wet himself and it went everywhere", "emergency"],
    ["i dont get the urge to go anymore and i leaked in my pants today, lower back and both legs hurting", "emergency"],
    ["I'm 63 and suddenly have severe back pain, never had back problems", "urgent"],
    ["I was in a car crash last night and now my legs are tingling", "emergency"],
    ["fell off the roof on monday, numbness in my left leg now", "emergency"],
    ["got thrown from a horse and my feet are numb", "emergency"],
    ["hit by a forklift at work, tingling down my leg", "emergency"],
    ["both my feet have gone floppy and I keep tripping since this morning", "emergency"],
    ["my legs arent numb or weak, its just a dull ache", "none"],
    ["my legs are dead after a 20km hike", "none"],
    ["legs heavy after my run", "none"],
    ["legs weak from sitting all day", "none"],
    ["my toddler still wets the bed, unrelated, but my back hurts when i lift him", "none"],
    ["my notes say 'saddle anaesthesia', what does that mean?", "none"],
    ["my aunt had bone cancer years ago and now my back hurts", "none"],
    ["the biopsy came back benign, my back still aches", "none"],
    ["got the chills watching a horror film", "none"],
    ["pins and needles in my foot from crossing my legs", "none"],
  ])("%s -> %s", (text, expected) => {
    expect(detectRedFlags(text, rules).level).toBe(expected);
  });

  it.each(["it feels weird down there", "i leaked in my pants today", "both my legs feel like jelly"])("asks the check question: %s", (text) => {
    const r = detectRedFlags(text, rules);
    expect(r.level).toBe("none");
    expect(r.check.length).toBeGreaterThan(0);
  });
});
