import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { detectRedFlags } from "../../src/safety/detect-red-flags.ts";
import { loadRules, type RuleSet } from "../../src/safety/rules.ts";

/**
 * The error classes of the blind11 set, each fixed at its cause (a context modifier or a concept),
 * tested here on new messages of our own: what the fix must catch, and ordinary speech it must not.
 */
let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRules(path.join(PROJECT_ROOT, "corpus/red-flags.yml"));
});
const level = (text: string) => detectRedFlags(text, rules).level;
const outcome = (text: string) => {
  const r = detectRedFlags(text, rules);
  return r.level === "none" && r.check.length > 0 ? "check" : r.level;
};

describe("a sensation that resolved, is improving, or has always been there is not a red flag now", () => {
  it.each([
    // Gone once its cause was removed.
    "my foot tingled after kneeling to weed the garden, normal as soon as I got up",
    "pins and needles in my calf on the train, gone as soon as I walked about",
    "my backside went numb on the coach trip, fine once I got off",
    // Improving.
    "the numbness in my shin is much better than last week",
    "tingling in my toes is fading now the physio is helping",
    "my foot was numb after the op but it's improving every day",
    // Long-standing, a baseline.
    "my husband has been incontinent since birth with spina bifida, how do I lift him safely?",
    "I've had a numb patch on my thigh my whole life, is that to do with sciatica?",
    "my toes go white and numb with Raynaud's, always have been like that",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });

  it.each([
    ["my leg is numb and not improving", "urgent"],
    ["tingling in my foot, not getting better at all", "urgent"],
    ["my toes are numb, the pain is fading though", "urgent"],
    ["I wet myself today, my back pain is much better though", "emergency"],
    ["numb down there and it is not going away", "emergency"],
    ["I've always had a bad back but today I wet myself", "emergency"],
    ["I wet the bed last night, it hasn't happened since I was a child", "emergency"],
  ])("the improvement or baseline of something else, or a denied improvement, does not hide it: %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
});
