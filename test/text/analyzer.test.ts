import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { Analyzer, COMMON_WORD_COUNT } from "../../src/text/analyzer.ts";
import { wordFrequencies } from "../../src/text/word-frequency.ts";
import { ConceptMatcher, loadLexicon, parseLexicon } from "../../src/text/lexicon.ts";
import { normalizeText } from "../../src/text/normalize.ts";
import { editDistance, typoBudget } from "../../src/text/edit-distance.ts";
import { isEnglishWord } from "../../src/text/english-words.ts";
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

  it("reads an article inside a verb phrase ('slip a disc' is 'slip disc')", () => {
    expect(analyzer.analyze("how do you slip a disc").concepts).toContain("herniated_disc");
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
  it("keeps a rare form of a word it knows rather than turn it into a commoner word ('paining' is not 'painting')", () => {
    expect(analyzer.correct("paining")).toBe("paining");
    expect(analyzer.analyze(analyzer.correctText("my legs are paining me")).concepts).not.toContain("painting");
  });
  it("restores a short word's lost first letter only for a common word ('egs' is legs; 'wid' is not 'pwid')", () => {
    const own = new Analyzer(new ConceptMatcher(parseLexicon("concepts: {}\n", "empty.yml")), ["pwid", "back", "pain", "legs"]);
    expect(own.correct("bak")).toBe("back");
    expect(own.correct("pian")).toBe("pain");
    // Caribbean "wid" (with) is not "pwid" (people who inject drugs) missing its "p".
    expect(own.correct("wid")).toBe("wid");
    expect(own.correct("egs")).toBe("legs");
  });
  it("reads a long term with a syllable lost in the middle as the one term with the same ends", () => {
    const own = new Analyzer(new ConceptMatcher(parseLexicon("concepts: {}\n", "empty.yml")), ["spondylolisthesis", "spondylosis", "degenerative"]);
    expect(own.correct("spondylothesis")).toBe("spondylolisthesis");
    // Two words with the same ends would be a guess: none is made.
    const two = new Analyzer(new ConceptMatcher(parseLexicon("concepts: {}\n", "empty.yml")), ["spondylolisthesis", "spondylosynthesis"]);
    expect(two.correct("spondylothesis")).toBe("spondylothesis");
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

describe("spelling correction over a deletion index", () => {
  /** The full scan the index replaced: every known word of four letters or more, compared one by one. */
  const fullScan = (a: Analyzer, word: string): string[] => {
    const found: string[] = [];
    for (const candidate of a.knownWords()) {
      if (candidate.length < 4 || Math.abs(candidate.length - word.length) > 2) continue;
      const d = editDistance(word, candidate, 2);
      if (d > 2) continue;
      if (d === 2 && typoBudget(word.length) < 2 && candidate.slice(0, 3) !== word.slice(0, 3)) continue;
      found.push(`${candidate}:${d}`);
    }
    return found.sort();
  };

  it("finds exactly the known words within two edits that comparing with every known word finds", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const known = [...analyzer.knownWords()].filter((w) => w.length >= 6);
    const typo = (w: string): string => {
      const i = rand(w.length);
      switch (rand(4)) {
        case 0: return w.slice(0, i) + w.slice(i + 1);
        case 1: return w.slice(0, i) + letters[rand(26)] + w.slice(i);
        case 2: return w.slice(0, i) + letters[rand(26)] + w.slice(i + 1);
        default: return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w;
      }
    };
    const words: string[] = [];
    for (let k = 0; k < 1000; k++) {
      const w = known[rand(known.length)];
      words.push(typo(w), typo(typo(w)));
      words.push(Array.from({ length: 5 + rand(6) }, () => letters[rand(26)]).join(""));
    }
    const asFound = (w: string) => analyzer.knownWithin(w).map((c) => `${c.word}:${c.distance}`).sort();
    const differing = words.filter((w) => w.length >= 5 && JSON.stringify(asFound(w)) !== JSON.stringify(fullScan(analyzer, w)));
    expect(differing).toEqual([]);
    // The check is not vacuous: most typos have candidates.
    expect(words.filter((w) => w.length >= 5 && asFound(w).length > 0).length).toBeGreaterThan(1000);
  });
});

describe("spelling correction against common English, one edit away", () => {
  it("finds exactly the common and known words one edit away that comparing with each of them finds (its key filter turns none away)", () => {
    const pool = [...new Set([...wordFrequencies().commonWords(COMMON_WORD_COUNT).filter((w) => isEnglishWord(w)), ...[...analyzer.knownWords()].filter((w) => /^[a-z]+$/.test(w))])].filter((w) => w.length >= 3);
    const fullScan = (word: string) => pool.filter((c) => Math.abs(c.length - word.length) <= 1 && editDistance(word, c, 1) <= 1).sort();
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const words: string[] = [];
    for (let k = 0; k < 300; k++) {
      const w = pool[rand(pool.length)];
      const i = rand(w.length);
      words.push(w.slice(0, i) + w.slice(i + 1), w.slice(0, i) + letters[rand(26)] + w.slice(i), w.slice(0, i) + letters[rand(26)] + w.slice(i + 1));
      words.push(Array.from({ length: 3 + rand(9) }, () => letters[rand(26)]).join(""));
    }
    const differing = words.filter((w) => JSON.stringify([...analyzer.withinOne(w)].sort()) !== JSON.stringify(fullScan(w)));
    expect(differing).toEqual([]);
    // Not vacuous: most typos have a word one edit away.
    expect(words.filter((w) => analyzer.withinOne(w).length > 0).length).toBeGreaterThan(600);
  });
});

describe("normalizing text that is already plain", () => {
  it("gives what the full set of replacements gives", () => {
    // A capital letter at the end sends the text through every replacement; " X" becomes " x".
    const full = (t: string) => normalizeText(`${t} X`).slice(0, -2);
    const pieces = ["i", "im", "ive", "cant", "cannot", "dont", "mustnt", "neednt", "shant", "wont", "aint", "isnt", "back", "pain", "my", "leg", "2", "-", ",", ".", "?", "\n", '"', "imx", "xim", "can", "not"];
    let seed = 3;
    const pick = () => pieces[((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % pieces.length)];
    for (let k = 0; k < 3000; k++) {
      const text = Array.from({ length: 1 + (k % 9) }, pick).join(k % 2 ? " " : "");
      expect(normalizeText(text)).toBe(full(text));
    }
  });
});

describe("concepts described rather than named", () => {
  it("reads walking that brings on leg symptoms, eased by sitting, as spinal stenosis", () => {
    const has = (t: string) => analyzer.analyze(t).concepts.includes("stenosis");
    expect(has("my mum can walk to the bus stop and then her legs ache so she sits on the bench and after a bit it goes away")).toBe(true);
    expect(has("after ten minutes walking my calves burn, it eases as soon as I sit down")).toBe(true);
    // The opposite pattern (sitting brings it on, walking eases it) is not stenosis.
    expect(has("my legs hurt when i sit and feel better when i walk")).toBe(false);
    // Relief said of the back, not of sitting's effect on walking legs, is not the pattern.
    expect(has("I walk to work every day and my legs are fine, then I sit at my desk and my lower back feels better")).toBe(false);
    // Walking and legs without the relief of sitting are not enough.
    expect(has("my legs ache when i walk the dog and when i sit at my desk")).toBe(false);
  });

  it("names the file and line of a malformed described concept", () => {
    const bad = "concepts:\n  stenosis: [stenosis]\ndescribed:\n  - concept: stenosis\n    why: walking then sitting\n    window: 10\n    groups:\n      - [walk]\n";
    expect(() => parseLexicon(bad, "lay.yml")).toThrow(/^lay\.yml:8:.*two or more 'groups:'/);
    const misspelt = "concepts:\n  stenosis: [stenosis]\ndescribed:\n  - concept: stenosis\n    why: x\n    window: 10\n    groups: [[a], [b]]\n    befor: [0, 1]\n";
    expect(() => parseLexicon(misspelt, "lay.yml")).toThrow(/^lay\.yml:8:.*unknown key 'befor'/);
    const vacuous = "concepts:\n  stenosis: [stenosis]\ndescribed:\n  - concept: stenosis\n    why: x\n    window: 10\n    groups: [[a], [b]]\n    near:\n      groups: [1, 1]\n      within: 3\n";
    expect(() => parseLexicon(vacuous, "lay.yml")).toThrow(/two different group numbers/);
    const unknown = "concepts:\n  stenosis: [stenosis]\ndescribed:\n  - concept: nothing\n    why: x\n    window: 10\n    groups: [[a], [b]]\n";
    expect(() => parseLexicon(unknown, "lay.yml")).toThrow(/^lay\.yml:4:.*not a concept/);
  });
});

describe("a term dictated in pieces or written by ear", () => {
  it.each([
    ["what causes spinal steno sis", "what causes spinal stenosis"],
    ["the lamb in ectomy op", "the laminectomy op"],
    ["pear a formis syndrome", "piriformis syndrome"],
    ["can a cairo practor help", "can a chiropractor help"],
    ["is sigh attica serious", "is sciatica serious"],
  ])("%s -> %s", (typed, meant) => {
    expect(analyzer.correctText(typed)).toBe(meant);
  });

  it.each(["my back is some times sore", "a head injury last week", "best month to visit cebu want to avoid rain", "i went in to hospital"])("leaves real words alone: %s", (typed) => {
    expect(analyzer.correctText(typed)).toBe(typed);
  });
});
