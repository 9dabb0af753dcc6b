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

  it("still declines the same question about something else, named in the question or in a clause or turn before it", async () => {
    expect((await ask("how do i stop the weeds coming back in my garden")).outOfScope).toBe(true);
    expect((await ask("how do i stop the mould coming back in the bathroom")).outOfScope).toBe(true);
    expect((await ask("the traffic round here is awful, will it ever get better")).outOfScope).toBe(true);
    expect((await ask("my wifi keeps dropping, how do i stop it happening")).outOfScope).toBe(true);
    expect((await ask("my shoes are wearing away, how do i stop it")).outOfScope).toBe(true);
    await ask("i get really bad migraines", "unnamed-after-other");
    expect((await ask("how do i stop it coming back", "unnamed-after-other")).outOfScope).toBe(true);
  });

  it("does not answer a message that may be a crisis with back-pain text: it asks about thoughts of suicide, alone", async () => {
    for (const text of ["is there any point carrying on with this", "i cant live with this anymore"]) {
      const r = await ask(text);
      expect(r.sources).toEqual([]);
      expect(r.answer).toBe("");
      expect(r.check?.reasons).toEqual(["thoughts-of-suicide-or-self-harm"]);
    }
  });

  it("remembers back pain as the topic of an admitted unnamed question, for the next turn", async () => {
    await ask("will it ever get better", "unnamed-next");
    expect((await ask("what can i do for it", "unnamed-next")).outOfScope).toBe(false);
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

  it("does not admit what doctors do for another complaint, nor read 'which doctor do I go to' as treatment", async () => {
    expect((await ask("what do doctors do for hiccups")).outOfScope).toBe(true);
    expect(await first("which doctor do i go to for a slipped disc")).not.toBe("Medical Treatments and Therapies");
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

  it("does not read making the back and legs stronger, or stop hurting, as a cause", async () => {
    expect(await first("how can I make my back and legs stronger")).toBe("Core Strengthening");
    expect(await first("how do i make my back and legs stop hurting")).not.toMatch(/Reason/);
  });
});

describe("'in the first place' says neither cause nor prevention", () => {
  it("answers the cause question with the condition and the prevention question with prevention", async () => {
    expect(await first("what makes a disc slip in the first place")).toBe("2. Herniated Disc");
    expect(await first("how do I stop back pain happening in the first place")).toBe("Preventing Back and Leg Pain");
    expect(await topThree("how do i not get sciatica in the first place")).toContain("Preventing Back and Leg Pain");
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

  it("still answers 'do I have to ... or no', children's legs and a weight allowance at work", async () => {
    expect((await ask("do i have to rest or no, my sciatica")).outOfScope).toBe(false);
    expect((await ask("the kids complain of aches in their back legs after football")).outOfScope).toBe(false);
    expect((await ask("is there a weight allowance for lifting at work with a bad back")).outOfScope).toBe(false);
  });

  it("still answers the back of the legs, sugar in a drink and what the condition is", async () => {
    expect((await ask("the back of my legs ache after sitting, why")).outOfScope).toBe(false);
    expect((await ask("is tea with sugar in ok to drink for back pain")).outOfScope).toBe(false);
    expect((await ask("what is spondylitis")).outOfScope).toBe(false);
  });
});

describe("a conversation that changes subject and comes back", () => {
  it("answers a turn that says it is a different question about what it names, not the topic before", async () => {
    await ask("my sciatica shoots down my leg when I sit at work", "shift-1");
    expect((await ask("different question, my wife says I'm overweight and that's why my back hurts, is she right", "shift-1")).sources[0]?.section).toBe("Keeping a Healthy Weight");
  });

  it("goes back to the topic before an aside when told 'back to me'", async () => {
    await ask("the doctor says I have spinal stenosis, my legs ache when I walk far", "shift-2");
    await ask("unrelated, does yoga actually help backs", "shift-2");
    expect((await ask("ok back to me, why does sitting down help", "shift-2")).sources[0]?.section).toBe("3. Spinal Stenosis");
    // With nothing to go back past, "back to me" keeps the one topic there is.
    await ask("what is a herniated disc", "shift-3");
    expect((await ask("ok back to me, how do they treat it", "shift-3")).sources.slice(0, 3).map((s) => s.section)).toContain("Discectomy");
  });

  it("still carries the topic through a turn that only asks 'in general'", async () => {
    await ask("what is piriformis syndrome", "shift-4");
    expect((await ask("in general is it common", "shift-4")).sources[0]?.section).toBe("5. Piriformis Syndrome");
  });
});

describe("blind47 (scored first, then read): an idiom, a pregnancy told in weeks, a grade asked, staying in bed", () => {
  it("does not read 'doing my head in' as a head complaint", async () => {
    expect((await ask("how do I ease back and leg pain together, it's doing my head in")).outOfScope).toBe(false);
    expect((await ask("I have a headache, what helps")).outOfScope).toBe(true);
  });

  it("declines a medicine for someone '28 weeks', not for someone three weeks into physio", async () => {
    expect((await ask("can my wife take ibuprofen for her back? shes 28 weeks")).outOfScope).toBe(true);
    expect((await ask("I am 3 weeks into physio, can I take ibuprofen too")).outOfScope).toBe(false);
  });

  it("declines reading a report for its grade, and reads 'stop in bed' as staying in bed", async () => {
    expect((await ask("my scan says disc protrusion, please explain exactly what is my condition and what grade it is")).outOfScope).toBe(true);
    expect((await ask("should I just stop in bed till it goes, mother says lie flat for a week")).sources[0]?.section).toBe("Rest");
  });
});

describe("blind47's follow-ups (scored first, then read): time off, stopping classes, a gut", () => {
  it("reads taking the week off and stopping classes as rest, and a gut as weight", async () => {
    await ask("my back's stiff after a week of plastering, ice or heat?", "f47-1");
    expect((await ask("should I take the week off or keep going", "f47-1")).sources[0]?.section).toBe("Rest");
    await ask("my 15 year old does ballet and has back pain now", "f47-2");
    expect((await ask("should she stop classes for a bit", "f47-2")).sources[0]?.section).toBe("Rest");
    await ask("what is sciatica", "f47-3");
    expect((await ask("I've got a bit of a gut on me, does that matter", "f47-3")).sources[0]?.section).toBe("Keeping a Healthy Weight");
  });
});
