import { describe, expect, it } from "vitest";
import { DataFileError } from "../../src/core/errors.ts";
import { parseRules } from "../../src/safety/rules.ts";

const CONTEXT = ["terminators", "negation_before", "negation_after", "negation_adjacent", "pseudo", "uncertain_before", "hypothetical_before", "hypothetical_after", "history_before", "history_after", "child_subject", "animal_subject", "animal_cue", "relative_past", "family_risk", "at_ease", "care_recipient", "care_task", "baseline_after"]
  .map((k) => `  ${k}:\n    - why: a reason\n      terms: [zzz${k.replace(/_/g, "")}]\n`)
  .join("");
const VALID = `guidance:
  emergency: Call now.
  urgent: See a doctor today.
  informational: Worth knowing.
  check_question: Is this happening now?
  check_options: ["Yes", "No"]
concepts:
  bladder:
    - why: words for the bladder
      terms: [bladder, pee]
rules:
  - id: bladder-loss
    tier: emergency
    says: loss of bladder control
    reference: NICE NG59
    patterns:
      - "lost control ~ {bladder}"
context:
${CONTEXT}`;

describe("red-flag rules file", () => {
  it("parses a valid file", () => {
    const set = parseRules(VALID, "red-flags.yml");
    expect(set.rules[0].id).toBe("bladder-loss");
    expect(set.guidance.emergency).toBe("Call now.");
  });

  it.each([
    ["an unknown concept", VALID.replace("{bladder}", "{bowel}"), 17, /unknown concept \{bowel\}/],
    ["a bad tier", VALID.replace("tier: emergency", "tier: soon"), 13, /tier must be emergency or urgent/],
    ["a duplicate id", VALID.replace("context:", VALID.slice(VALID.indexOf("  - id:"), VALID.indexOf("context:")) + "context:"), 18, /used twice/],
    ["missing guidance text", VALID.replace("  urgent: See a doctor today.\n", ""), 2, /'urgent'/],
    ["a concept group without its why", VALID.replace("    - why: words for the bladder\n      terms", "    - terms"), 9, /'why'/],
    ["a missing context list", VALID.replace(/  pseudo:\n.*\n.*\n/, ""), 19, /'context' needs 'pseudo'/],
    ["broken YAML", VALID.replace("rules:", "rules: [\n"), 13, /./],
    ["a misspelt rule key", VALID.replace("    reference: NICE NG59\n", "    reference: NICE NG59\n    doubt_mesage: [\"x\"]\n"), 16, /unknown rule key 'doubt_mesage'/],
    ["and_in_sentence without an 'and'", VALID.replace("    reference: NICE NG59\n", "    reference: NICE NG59\n    and_in_sentence: true\n"), 16, /needs an 'and:' list/],
  ])("rejects %s with the file and line", (_name, text, line, message) => {
    let error: unknown;
    try {
      parseRules(text, "corpus/red-flags.yml");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).message).toMatch(message);
    expect((error as DataFileError).line).toBe(line);
    expect((error as DataFileError).message.startsWith(`corpus/red-flags.yml:${line}:`)).toBe(true);
  });
});
