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
});
