import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// blind39 (read after its first score): plain ways of saying three things the lexicons had in other
// words. Relief on sitting said as "better" is the stenosis pattern as "eases" is; "not do this to
// myself again" asks how to prevent it; "what exactly this means for him" asks to read a report.
const ask = askingLumbar("plain");

describe("things said plainly", () => {
  // blind52 (read): a back that flares up, said without "my" after a story of the job.
  it("reads a back that flares up, without 'my', as back pain", async () => {
    const r = await ask("stacking shelves since 6. back flares up by dinner time, anything quick i can do on my break");
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Q. How can I relieve back pain in 5 minutes?");
  });

  it("reads legs worse walking and better sitting as spinal stenosis", async () => {
    const r = await ask("thighs ache walking. better sitting. any idea why");
    expect(r.sources[0]?.section).toBe("3. Spinal Stenosis");
  });

  it("reads not doing it to oneself again as prevention", async () => {
    await ask("pulled my back carrying the shopping up the stairs", "plain-again");
    const r = await ask("how can i make sure i never hurt myself again like this", "plain-again");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Preventing Back and Leg Pain");
  });

  it("declines to say what a report means for a relative", async () => {
    const r = await ask("scan letter says 'moderate L5 S1 disc bulge', what exactly does this mean for my mum?");
    expect(r.outOfScope).toBe(true);
  });

  // blind35/36/39 (read): a disc replaced said as "a new disk put in", and the core said as tummy muscles.
  it("reads a new disk put in as a disc replacement", async () => {
    await ask("my mum has degenerative disc disease in her lower back", "plain-disk");
    const r = await ask("can they just put a new disk in like they did with her hip", "plain-disk");
    expect(r.sources[0]?.section).toBe("Artificial Disc Replacement");
  });

  it("reads tummy muscles that hold the back up as core strengthening", async () => {
    const r = await ask("how do i get my tummy muscles stronger so they support my lower back");
    expect(r.sources[0]?.section).toBe("Core Strengthening");
  });

  it("reads kilograms put on as weight", async () => {
    const r = await ask("put on 8 kg since i started working from home, could that be why my lower back aches");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Keeping a Healthy Weight");
  });

  // blind55 (read): an object between a verb and its particle, a disc likened to an engine part once
  // the talk is of the back, a waiting list told in passing, the way one holds oneself.
  it("reads 'picking the sacks up' as lifting, in a conversation about a back hurt lifting", async () => {
    await ask("I'm a baker lifting flour sacks all night and my back went last week, calf is tingly", "plain-sacks");
    const r = await ask("how am i meant to be picking the sacks up then", "plain-sacks");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]?.section).toBe("Lifting Techniques");
  });

  it("keeps a disc likened to an engine part in a conversation about discs", async () => {
    await ask("doctor says I have degenerated discs in my lower back, what does that mean", "plain-engine");
    const r = await ask("the wife says they can put a new disc in now, like swapping a part on the boat engine, is that true", "plain-engine");
    expect(r.sources[0]?.section).toBe("Artificial Disc Replacement");
  });

  it("still reads brake discs in a first message as the car's", async () => {
    const r = await ask("where can I get new brake discs fitted cheap near Leeds");
    expect(r.outOfScope).toBe(true);
  });

  it("answers whether physio helps when a waiting list is told in passing, and declines asking about the list", async () => {
    await ask("I've had lower back ache for 4 months with burning down my thigh", "plain-wait");
    const r = await ask("does physio actually help for that or is it a waste of 16 weeks on a waiting list", "plain-wait");
    expect(r.sources[0]?.section).toBe("PT, or physical therapy");
    const asked = await ask("how long is the waiting list for physio for sciatica");
    expect(asked.outOfScope).toBe(true);
  });

  // blind55 (read): how long until it is better, said as people say it, is the acute and long-lasting
  // kinds' question (the articles: acute under six weeks, chronic over three months).
  it("answers 'how long til it's better' and 'how long does this kind of thing hang around' from the kinds of back pain", async () => {
    await ask("my back's been at me 3 days since i lifted a bucket wrong, sore low down", "plain-til");
    const r = await ask("how long til its better d'ye reckon", "plain-til");
    expect(r.sources.slice(0, 2).map((s) => s.section)).toEqual(expect.arrayContaining(["Acute Back Pain"]));
    const h = await ask("tweaked my back lifting a kettlebell 4 days ago, how long does this kind of thing hang around");
    expect(h.sources.slice(0, 2).map((s) => s.section)).toContain("Acute Back Pain");
  });
});

