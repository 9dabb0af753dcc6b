import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// Follow-ups read in their conversation (blind58, read after its first score): a pain that outlasts
// the answer's span is the long-lasting kind; a heavy bag is a load, not body weight; a condition
// asked of "it" with other joints given as the reason is asked of the back the talk is about.
const ask = askingLumbar("context");

describe("follow-ups read in their conversation", () => {
  it("reads 'and if it's still going after that' as the long-lasting kind", async () => {
    await ask("sparky here, back's been rooted for about a week since i lifted a switchboard, how long does this sort of thing last", "ctx-long");
    const r = await ask("and if its still goin after that?", "ctx-long");
    expect(r.sources[0]?.section).toBe("Prolonged Back Pain");
  });

  it("reads a heavy bag as lifting, not weight", async () => {
    await ask("postie here, me back's been giving me grief for weeks and now it goes down the back of me leg, is that sciatica", "ctx-bag");
    const r = await ask("what about the bag tho. its heavy as owt on a monday", "ctx-bag");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Lifting Techniques");
    expect(r.sources[0]?.section).not.toBe("Keeping a Healthy Weight");
  });

  it("answers 'is it his arthritis' when his hands and knees are only the reason", async () => {
    await ask("my grandad wants to know why his back pain goes into his legs. hes 81 and stubborn", "ctx-arth");
    const r = await ask("he says is it his arthritis cos hes got it in his hands and knees already", "ctx-arth");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]?.section).toBe("7. Arthritis");
  });

  it("still declines a knee asked about for itself at the start of a conversation", async () => {
    expect((await ask("is it arthritis cos my knee clicks")).outOfScope).toBe(true);
  });
});

describe("blind60 (read): what the talk names, and what it asks of it", () => {
  it("answers the injection a nurse mentioned, asked whether it is for this or something else", async () => {
    await ask("I am 74, my legs cramp when I walk to the bus stop and ease when I sit. The nurse say it could be stenosis. What is that?", "ctx-inj");
    const r = await ask("Lord have mercy. And the injection the nurse did mention, that is for this too or something else?", "ctx-inj");
    expect(r.sources[0]?.section).toBe("Injections");
  });
  it("reads keeping the movement as disc replacement after a fusion", async () => {
    await ask("surgeon wants to fuse L4-L5 for my spondylolisthesis. how does a fusion actually work", "ctx-move");
    const r = await ask("is there anything that fixes it but keeps the movement", "ctx-move");
    expect(r.sources[0]?.section).toBe("Artificial Disc Replacement");
  });
  it("reads standing all day as posture", async () => {
    await ask("I work 10 hours on a laptop at the dining table, lower back pain going to my thigh. How to set up my desk?", "ctx-stand");
    const r = await ask("my wife also having same complaint but she is standing full day at warehouse, not sitting. same for her?", "ctx-stand");
    expect(r.sources[0]?.section).toBe("Good Posture and Ergonomics");
  });
  it("reads what doctors offer next as the medical treatments", async () => {
    const r = await ask("ok so home stuff isnt cutting it anymore, ice, stretching, all that. what do the doctors actually offer next?");
    expect(r.sources[0]?.section).toBe("Medical Treatments and Therapies");
  });
});

describe("a disc 'cut out', said of someone else's operation", () => {
  it("reads 'had his cut out' as a discectomy in a conversation about a slipped disc", async () => {
    await ask("got a slipped disc at L5, pain down me leg", "ctx-cut");
    const r = await ask("me mate had his cut out at the royal, is that what they do", "ctx-cut");
    expect(r.sources[0]?.section).toBe("Discectomy");
  });
});

describe("a disc 'done', and how it happened (blind60, read)", () => {
  it("reads 'done a disc' as a herniated disc, and 'how'd that even happen' as its cause", async () => {
    const first = await ask("surf coach here, paddling 3x a day all summer, now an ache low down that zaps down my hamstring. mate reckons ive done a disc. does that sound right?", "ctx-done");
    expect(first.sources[0]?.section).toBe("2. Herniated Disc");
    const r = await ask("how'd that even happen tho, im 29 and fit as", "ctx-done");
    expect(r.sources[0]?.section).toBe("2. Herniated Disc");
  });
});
