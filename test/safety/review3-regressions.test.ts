import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { detectRedFlags } from "../../src/safety/detect-red-flags.ts";
import { loadRules, type RuleSet } from "../../src/safety/rules.ts";

let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRules(path.join(PROJECT_ROOT, "corpus/red-flags.yml"));
});
const detect = (text: string) => detectRedFlags(text, rules);

// Found reviewing fa4b69d..HEAD: the narrowed urge terms, the bare "like a drip", "whatever i do",
// the clothing concept and the saddle doubts "from sitting" / "after ~3 ride".
describe("review of the red-flag changes since fa4b69d", () => {
  it.each([
    ["he doesn't get the feeling he needs to go anymore and his back is killing him", "emergency", "bladder-control-loss"],
    ["my bum has been numb from sitting since Tuesday even when I stand up, and my back hurts", "emergency", "saddle-numbness"],
    ["numb saddle area after a 3 hour ride, still numb the next day and I can't feel when I wipe", "emergency", "saddle-numbness"],
    ["my wee comes out like a drip", "emergency", "urinary-retention"],
    ["I need to wee but it only comes like a drip", "emergency", "urinary-retention"],
    ["my trousers are hanging off me and my back hurts all the time", "urgent", "weight-loss"],
    // A phone is not a spill: a crash with it in hand is still an accident.
    ["I had a car accident with my phone in my hand and my back hurts", "urgent", "serious-injury"],
    ["I had an accident with the drink driver, back hurts", "urgent", "serious-injury"],
  ])("escalates: %s", (text, level, reason) => {
    const r = detect(text);
    expect(r.level).toBe(level);
    expect(r.reasons).toContain(reason);
  });

  it.each([
    "had an accident with a glass of wine, my back aches",
    "I had an accident with the drink on the carpet, back is sore",
    "my upper back pain comes and goes whatever i do",
    "the pain between my shoulder blades gets better or worse whatever i do",
    "my jeans don't fit any more since I put on weight with the back pain",
    "my new trousers don't fit, too short, and my back hurts",
    "my pants are hanging off the line, back hurts when I hang washing",
  ])("does not escalate: %s", (text) => {
    expect(detect(text).level).toBe("none");
  });

  it.each(["the tap is like a drip, my back hurts bending to fix it", "my nose is like a drip with this cold and my back aches"])(
    "asks nothing about the bladder: %s",
    (text) => {
      expect(detect(text).check).not.toContain("urinary-retention");
    },
  );
});
