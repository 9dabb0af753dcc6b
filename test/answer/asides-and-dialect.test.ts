import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";

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
});

