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

  it("matches a phrasal verb with its object inside ('get him seen' is 'get seen')", () => {
    expect(analyzer.analyze("should i be getting him seen").concepts).toContain("doctor");
    expect(analyzer.analyze("get her checked out").concepts).toContain("doctor");
    // Only an object pronoun may sit inside: other words still break the phrase.
    expect(analyzer.analyze("get the bus seen").concepts).not.toContain("doctor");
  });

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
  it("reads a misspelt everyday word as that word, never as the nearest corpus word", () => {
    // "goldfsh" is one letter from "goldfish" and nothing in the corpus; "sholder" must stay a shoulder
    // (another body part, declined by scope) rather than drift towards a back word.
    expect(analyzer.correct("goldfsh")).toBe("goldfish");
    expect(analyzer.correct("sholder")).toBe("shoulder");
  });
  it("takes a dropped or swapped letter in a short word, by word frequency, but not a changed one", () => {
    const small = new Analyzer(new ConceptMatcher({ concepts: new Map(), kinds: new Map() }), ["back", "home", "pain", "legs", "giving"]);
    expect(small.correct("bak")).toBe("back");
    // "hom" and "pian" are in the dictionary but hardly ever said; "home" and "pain" are far commoner.
    expect(small.correct("hom")).toBe("home");
    expect(small.correct("pian")).toBe("pain");
    expect(small.correct("leggs")).toBe("legs");
    // Spellings of speech that subtitles use but no dictionary has are still typos.
    expect(small.correct("givin")).toBe("giving");
    // A changed letter in a short word is too likely another word or a dialect: left as typed.
    expect(small.correct("mri")).toBe("mri");
    expect(small.correct("gaun")).toBe("gaun");
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
