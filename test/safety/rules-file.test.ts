import { describe, expect, it } from "vitest";
import { DataFileError } from "../../src/core/errors.ts";
import { parseRules } from "../../src/safety/rules.ts";

const VALID = `guidance:
  emergency: Call now.
  urgent: See a doctor today.
  informational: Worth knowing.
terms:
  bladder: [bladder, pee]
rules:
  - id: bladder-loss
    tier: emergency
    says: loss of bladder control
    reference: NICE NG59
    patterns:
      - "lost control ~ {bladder}"
`;

describe("red-flag rules file", () => {
  it("parses a valid file", () => {
    const set = parseRules(VALID, "red-flags.yml");
    expect(set.rules[0].id).toBe("bladder-loss");
    expect(set.guidance.emergency).toBe("Call now.");
  });

  it.each([
    ["an unknown term group", VALID.replace("{bladder}", "{bowel}"), 13, /unknown term group \{bowel\}/],
    ["a bad tier", VALID.replace("tier: emergency", "tier: soon"), 9, /tier must be emergency or urgent/],
    ["a duplicate id", VALID + VALID.slice(VALID.indexOf("  - id:")), 14, /used twice/],
    ["missing guidance text", VALID.replace("  urgent: See a doctor today.\n", ""), 2, /'urgent'/],
    ["broken YAML", VALID.replace("rules:", "rules: [\n"), 9, /./],
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
