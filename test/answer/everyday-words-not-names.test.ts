import { describe, expect, it } from "vitest";
import { isEverydayCompound } from "../../src/text/english-words.ts";
import { wordFrequencies } from "../../src/text/word-frequency.ts";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// A word nobody knows in the asking clause is taken for a drug or brand the articles cannot speak
// of. Two kinds of word were wrongly taken so (blind35/36, read after their first scores): a closed
// compound of everyday words, and a term split by a hyphen.
const ask = askingLumbar("names");

describe("everyday compounds and split terms are not unknown names", () => {
  const count = (w: string) => wordFrequencies().count(w);
  it("tells a compound of common words from a drug name that splits into rare ones", () => {
    for (const w of ["breathwork", "bodyweight", "footwear"]) expect(isEverydayCompound(w, count, 150)).toBe(true);
    for (const w of ["codeine", "voltaren", "celebrex", "tramadol", "naproxen"]) expect(isEverydayCompound(w, count, 150)).toBe(false);
  });

  it("answers a question that names a practice in a compound", async () => {
    const r = await ask("how do i know when its time to see a doctor instead of just doing my stretches and breathwork");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]?.section).toBe("When to See a Doctor");
  });

  it("answers a condition written with a hyphen inside it", async () => {
    const r = await ask("the physio said my son has spondylo-listhesis, how does that happen?");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]?.section).toBe("4. Spondylolisthesis");
  });

  it("still declines a medicine the articles never name", async () => {
    expect((await ask("is voltarol gel any good for sciatica")).outOfScope).toBe(true);
  });

  it("declines a dose asked with a hedge between 'can I' and 'take' ('can i actually take'), and answers an amount of exercise", async () => {
    expect((await ask("how many ibuprofen can i actually take in a day for my back")).outOfScope).toBe(true);
    expect((await ask("how much walking should i really do for sciatica")).outOfScope).toBe(false);
  });
});
