import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/text/normalize.ts";

describe("normalizeText", () => {
  it("opens contractions, with or without the apostrophe", () => {
    expect(normalizeText("I can't feel it, it's numb")).toBe("i can not feel it, it is numb");
    expect(normalizeText("dont know")).toBe("do not know");
  });
  it("opens Scots and Northern negatives like any other denial", () => {
    expect(normalizeText("i cannae feel ma legs")).toBe("i can not feel ma legs");
    expect(normalizeText("it doesnae help and he disnae ken")).toBe("it does not help and he does not ken");
    expect(normalizeText("I didna wet myself")).toBe("i did not wet myself");
  });
  it("opens Caribbean 'doan' and 'cyan' like 'dont' and 'cyaan'", () => {
    expect(normalizeText("doan know, i cyan feel it")).toBe("do not know, i can not feel it");
  });

  it("leaves English words that merely end in -na alone", () => {
    expect(normalizeText("a sports arena in china")).toBe("a sports arena in china");
  });
});

describe("stem", () => {
  it("never turns a content word into a function word", async () => {
    const { stem, inflectionStem } = await import("../../src/text/normalize.ts");
    expect(inflectionStem("butt")).not.toBe(inflectionStem("but"));
    expect(inflectionStem("butts")).toBe(inflectionStem("butt"));
    expect(stem("butt")).not.toBe(stem("but"));
    // ...while a doubled consonant before -ing still meets its base.
    expect(inflectionStem("getting")).toBe(inflectionStem("get"));
    expect(stem("sitting")).toBe(stem("sit"));
  });
  it("meets an adjective in -ical and its noun in -ics ('the mechanical ones', 'Issues with mechanics')", async () => {
    const { stem } = await import("../../src/text/normalize.ts");
    expect(stem("mechanical")).toBe(stem("mechanics"));
    expect(stem("mechanical")).toBe(stem("mechanic"));
  });
});

describe("idioms", () => {
  it("reads 'get shot of' as get rid of, not an injection", () => {
    expect(normalizeText("how do I get shot of this backache")).toBe("how do i get rid of this backache");
  });
});
