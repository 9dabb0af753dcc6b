import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/text/normalize.ts";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// General causes found by reading blind44 and blind45 (scored first, then read): each beside a
// control that must not move.
const ask = askingLumbar("unnamed");
const first = async (text: string) => (await ask(text)).sources[0]?.section;
const topThree = async (text: string) => (await ask(text)).sources.slice(0, 3).map((s) => s.section);

describe("an ailment asked about without being named", () => {
  it("reads 'how do I stop it coming back' and 'will this ever get better' as about the pain the service is for", async () => {
    expect(await first("the pain's gone at last, how do I keep it from coming back?")).toBe("Preventing Back and Leg Pain");
    expect(await first("how do i stop it coming back")).toBe("Preventing Back and Leg Pain");
    expect(await first("will this ever get better or am I stuck with it")).toBe("Conclusion on Back Pain");
  });

  it("still declines the same question about something else", async () => {
    expect((await ask("how do i stop the weeds coming back in my garden")).outOfScope).toBe(true);
    expect((await ask("how do i stop the mould coming back in the bathroom")).outOfScope).toBe(true);
  });
});

describe("what doctors do for it, and what was tried and did nothing", () => {
  it("answers what a doctor would do with the medical treatments, not with when to see one", async () => {
    expect(await first("physio and heat did nothing, what would a specialist actually do next?")).toBe("Medical Treatments and Therapies");
    expect(await first("tried rest, ice and stretching for weeks. nothing. what comes next")).toBe("Medical Treatments and Therapies");
  });

  it("does not read someone who did nothing to hurt it as a treatment that did nothing", async () => {
    expect(await first("I did nothing to hurt it, why does my back ache")).not.toBe("Medical Treatments and Therapies");
  });

  it("still answers when to see a doctor, also when the GP 'don't' do something", async () => {
    expect(await first("should I see a doctor about my back pain")).toBe("When to See a Doctor");
    // "the GP don't want" is the doctor's, not a doctor doing something.
    const sections = await topThree("how bad does back n leg pain have to be before its worth seeing the GP, dont want to waste their time");
    expect(sections[0]).not.toBe("Medical Treatments and Therapies");
    expect(sections).toContain("When to See a Doctor");
  });
});

describe("how trouble in the back reaches the legs", () => {
  it("reads 'how can a bad back make your leg hurt' as asking the cause", async () => {
    expect(await first("how can a bad back make your leg hurt?")).toBe("Q. What is the reason for back pain and leg pain?");
    expect(await topThree("why does a sore back end up in your legs")).toEqual(expect.arrayContaining(["7 Reasons Back Pain Causes Leg Pain", "Q. What is the reason for back pain and leg pain?"]));
  });

  it("does not read making the back and legs stronger as a cause", async () => {
    expect(await first("how can I make my back and legs stronger")).toBe("Core Strengthening");
  });
});

describe("'in the first place' says neither cause nor prevention", () => {
  it("answers the cause question with the condition and the prevention question with prevention", async () => {
    expect(await first("what makes a disc slip in the first place")).toBe("2. Herniated Disc");
    expect(await first("how do I stop back pain happening in the first place")).toBe("Preventing Back and Leg Pain");
  });
});

describe("words people use for medicines and wear", () => {
  it("knows co-codamol as a medicine and discs wearing away as degeneration", async () => {
    expect(await first("been on co-codamol for weeks for my sciatica, is that safe long term")).toBe("Medications");
    expect(await topThree("the scan says my discs are wearing away, what does that mean")).toContain("6. Degenerative Disc Disease");
  });

  it("reads y'all as 'you all' and Yorkshire t' as 'the'", () => {
    expect(normalizeText("how do y'all ease it")).toContain("you all ease");
    expect(normalizeText("a bit round t'middle")).toContain("round the middle");
    expect(normalizeText("I can't")).toBe("i can not");
  });
});

describe("declined although they look covered", () => {
  it("declines a yes-or-no diagnosis, an animal's back legs, a bank account, blood sugar and carer's allowance", async () => {
    for (const text of [
      "do I have spondylitis yes or no",
      "the cat is dragging its back legs",
      "my back account is locked",
      "my blood sugar is running high, is tea ok",
      "can I claim carers allowance for looking after my husband with sciatica",
    ]) {
      expect((await ask(text)).outOfScope, text).toBe(true);
    }
  });

  it("still answers the back of the legs, sugar in a drink and what the condition is", async () => {
    expect((await ask("the back of my legs ache after sitting, why")).outOfScope).toBe(false);
    expect((await ask("is tea with sugar in ok to drink for back pain")).outOfScope).toBe(false);
    expect((await ask("what is spondylitis")).outOfScope).toBe(false);
  });
});
