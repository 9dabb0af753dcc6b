import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { Analyzer } from "../../src/text/analyzer.ts";
import { ConceptMatcher, loadLexicon, parseLexicon } from "../../src/text/lexicon.ts";
import { normalizeText } from "../../src/text/normalize.ts";
import { DataFileError } from "../../src/core/errors.ts";

let analyzer: Analyzer;
beforeAll(async () => {
  const lexicon = await loadLexicon(path.join(PROJECT_ROOT, "corpus/lay-terms.yml"));
  analyzer = new Analyzer(new ConceptMatcher(lexicon), ["sciatica", "herniated", "stenosis", "piriformis", "buttocks"]);
});

describe("lay language", () => {
  const same = (a: string, b: string, concept: string) =>
    it(`"${a}" and "${b}" share the concept ${concept}`, () => {
      expect(analyzer.analyze(a).concepts).toContain(concept);
      expect(analyzer.analyze(b).concepts).toContain(concept);
    });
  same("my slipped disc", "a herniated disc", "herniated_disc");
  same("pinched nerve", "nerve compression", "nerve_pressure");
  same("pain in my bum", "the buttocks", "buttock");
  same("physio", "physical therapy", "physical_therapy");
  same("can I take paracetamol", "acetaminophen or ibuprofen", "pain_medicine");

  it("matches lay phrases through inflections, not derivations", () => {
    expect(analyzer.analyze("she was stretching").concepts).toContain("stretch");
    expect(analyzer.analyze("two injections").concepts).toContain("injection");
    // Full stems merge these; a concept must not: "medical advice" is not medication, "wat" not water.
    expect(analyzer.analyze("get medical advice").concepts).not.toContain("pain_medicine");
    expect(analyzer.analyze("wat").concepts).not.toContain("drink");
  });

  it("merges a concept's words so synonyms compare equal", () => {
    const a = analyzer.analyze("how do i get rid of back pain");
    const b = analyzer.analyze("how do I remove back pain");
    expect(a.concepts.sort()).toEqual(b.concepts.sort());
    expect(a.residual).toEqual(b.residual);
  });
});

describe("spelling", () => {
  it("fixes typos towards words the corpus knows", () => {
    expect(analyzer.correct("sciatia")).toBe("sciatica");
    expect(analyzer.correct("stenossis")).toBe("stenosis");
  });
  it("leaves real English words alone", () => {
    expect(analyzer.correct("dragging")).toBe("dragging");
    expect(analyzer.correct("nearly")).toBe("nearly");
  });
  it("opens contractions, including ones typed without an apostrophe", () => {
    expect(normalizeText("I can't, I dont, it’s")).toBe("i can not, i do not, it is");
  });
});

describe("lexicon file", () => {
  it("names the file and line of a bad entry", () => {
    expect(() => parseLexicon("concepts:\n  good: [a, b]\n  Bad Name: [c]\n", "lay.yml")).toThrow(DataFileError);
    expect(() => parseLexicon("concepts:\n  good: [a, b]\n  Bad Name: [c]\n", "lay.yml")).toThrow(/^lay\.yml:3:/);
  });
});
