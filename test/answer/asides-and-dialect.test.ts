import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";
import { spokenSpellings } from "../../src/answer/domain-vocabulary.ts";

// blind41 (read after its first score): an everyday name of the internet era said in passing, a term
// half-remembered, Caribbean English, an embedded question's word order, a trip's "leg", and a
// condition the articles never cover asked beside a word they do.
const ask = askingLumbar("asides");

describe("asides, dialect and word order", () => {
  it("answers a stretching question that calls yoga an instagram thing", async () => {
    const r = await ask("what muscles should i be stretching every day so my back doesnt go stiff on me. is yoga any use or just for instagram");
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Daily Stretching");
  });

  it("still declines a brand nobody knows", async () => {
    const r = await ask("is zorvexil any good for the pain down my leg");
    expect(r.outOfScope).toBe(true);
  });

  it("reads a half-remembered term as the term, not an unknown name", async () => {
    const r = await ask("years ago a doctor said i had thinning bones osteo something and now my back hurts, could that be why");
    expect(r.outOfScope).toBe(false);
  });

  it("reads Caribbean 'lie dung inna bed' as lying down to rest", async () => {
    const r = await ask("Mi granny seh fi lie dung inna bed one whole week when yuh back hurt. Is dat right or is too long?");
    expect(r.sources[0]?.section).toBe("Rest");
  });

  it("reads 'fi good' as for ever, not as good posture", async () => {
    const r = await ask("How mi fi get rid a dis back pain fi good? Tired a it now");
    expect(r.sources[0]?.section).not.toBe("Good Posture and Ergonomics");
  });

  it("reads 'how I should sit' as a posture question", async () => {
    const r = await ask("i work at nail salon bending over customer all day, how i should sit so my back not hurt so much after");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Good Posture and Ergonomics");
  });

  it("declines a trip's leg, dementia beside tablets, and being told what disease one has", async () => {
    expect((await ask("the leg of my trip from hanoi to sapa, is train or bus better?")).outOfScope).toBe(true);
    expect((await ask("dad keeps forgetting his tablets, any tips for looking after someone with dementia")).outOfScope).toBe(true);
    expect((await ask("L4/5 disc bulge on my MRI. Please tell me exactly what disease I have")).outOfScope).toBe(true);
  });

  it("keeps 'wi fi' as the wireless", async () => {
    expect((await ask("my wi fi keeps dropping out, how do i fix it")).outOfScope).toBe(true);
  });

  it("reads a knee or ankle at the end of a pain running down the leg as how far it goes", async () => {
    const r = await ask("pain shoots from my bum all the way down to my ankle only on the left side, feels like electric and then goes numb. which nerve is that");
    expect(r.outOfScope).toBe(false);
    const patois = await ask("mi do night shift security, siddung inna di booth 12 hour straight, an now mi batty a hurt mi an di pain run dung mi leg to mi knee. a wah dis?");
    expect(patois.sources.slice(0, 3).map((s) => s.section)).toContain("5. Piriformis Syndrome");
    // The knee as the complaint is still the knee's.
    expect((await ask("pain down my leg and my knee is swollen too, what is it")).outOfScope).toBe(true);
  });

  it("keeps a follow-up asking what to do 'at the house' in the conversation", async () => {
    await ask("my mama is 82 and her doctor says she's got arthritis in her spine.", "asides-house");
    const r = await ask("what can we do for her at the house in the meantime", "asides-house");
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Changes in Lifestyle and Home Remedies");
  });

  it("reads 'something to worry about' as asking when to see a doctor", async () => {
    await ask("Please my back has been paining me for one week and it is shooting down to my leg, with some small small numbness", "asides-worry");
    const r = await ask("the numbness, is it something to worry about?", "asides-worry");
    expect(r.sources[0]?.section).toBe("When to See a Doctor");
  });

  it("declines whey protein with the other supplements", async () => {
    expect((await ask("whey protein can cause back pain?? my friend told")).outOfScope).toBe(true);
  });

  // blind42 (read).
  it("reads kneeling at work as a posture, not a knee complaint", async () => {
    const r = await ask("plumber 22 yrs, on my knees under sinks all day twisting n reaching. back n leg both gone now. is it the job doing it or am i just getting old lol");
    expect(r.outOfScope).toBe(false);
    expect((await ask("my knees hurt when i kneel, what is it")).outOfScope).toBe(true);
  });

  it("reads English as it is said ('bovverin') as no unknown name", async () => {
    const r = await ask("alright, cabbie 30 years, sat on me arse all day. back's gone and its runnin down me right leg like a hot wire. what can i do meself before i go bovverin the GP");
    expect(r.outOfScope).toBe(false);
    expect((await ask("is zorvexin any good for sciatica")).outOfScope).toBe(true);
  });

  it("keeps a long story whose back 'was fine until last week' about the back", async () => {
    const r = await ask("electrician in winnipeg, been crawling thru attics running wire all winter. back was fine til last week, now its a sharp pain low down and theres a numb patch on my shin that wont go away. should i get it looked at or just tough it out eh");
    expect(r.sources[0]?.section).toBe("When to See a Doctor");
  });

  it("declines a yes-or-no diagnosis, an animal's sciatica, the backbone of history and a note for work", async () => {
    expect((await ask("I have back pain and leg numb, please tell me I have herniated disc or not? just yes or no")).outOfScope).toBe(true);
    expect((await ask("my dog's sciatic... no sorry wrong chat lol. what's a good name for a black lab puppy")).outOfScope).toBe(true);
    expect((await ask("Please help my son homework: what was the backbone of the Industrial Revolution, for his history essay?")).outOfScope).toBe(true);
    expect((await ask("can you write me a note for my work saying i am sick")).outOfScope).toBe(true);
    // Walking dogs is no animal patient.
    expect((await ask("walking my dogs back and forth all day, my back is sore, stretches?")).outOfScope).toBe(false);
  });

  // From this round's review: each had been answered or refused wrongly by a change above.
  it("keeps the review's controls", async () => {
    expect((await ask("would Dolorin help my sciatica")).outOfScope).toBe(true);
    expect((await ask("Going down the stairs is really painful to my knees, any exercises?")).outOfScope).toBe(true);
    expect((await ask("it really hurts to be on my knees for long, what can I do?")).outOfScope).toBe(true);
    expect((await ask("tell me if I have to rest in bed or not with sciatica")).outOfScope).toBe(false);
    expect((await ask("can you give me a note of the best stretches for sciatica")).outOfScope).toBe(false);
    expect((await ask("since we got the puppy back pain has been awful from all the bending, what helps?")).outOfScope).toBe(false);
    expect((await ask("how do I shift this sciatica? it's been 3 weeks")).sources[0]?.section).not.toBe("Lifting Techniques");
  });
});

describe("spoken spellings", () => {
  it("restores a dropped g and London's v and f for th", () => {
    expect(spokenSpellings("bovverin")).toContain("bothering");
    expect(spokenSpellings("nuffink")).toContain("nuthink");
    expect(spokenSpellings("runnin")).toContain("running");
    expect(spokenSpellings("sciatica")).toEqual([]);
  });
});
