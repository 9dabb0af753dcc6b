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

describe("blind63 (read): lay words for a treatment, a seat, a habit denied, an idiom", () => {
  it("reads 'the jags' as injections", async () => {
    await ask("Writing for the wife. She's had a sore back about 4 month now, goes into her hip. GP says it's wear and tear arthritis in the spine.", "ctx-jag");
    const r = await ask("what about the jags, her pal got one in her back", "ctx-jag");
    expect(r.sources[0]?.section).toBe("Injections");
  });
  it("reads 'what he can take' as asking for medicines", async () => {
    await ask("my flatmate's been off work a week wi his back, says it's like an electric shock doon his leg when he coughs. what could it be", "ctx-take");
    const r = await ask("he's asking what he can take", "ctx-take");
    expect(r.sources[0]?.section).toBe("Medications");
  });
  it("reads a car seat as posture while driving", async () => {
    await ask("drive a cab 10hrs a day, pain starts in my bum n goes down back of right leg to the knee. wat is it", "ctx-seat");
    const r = await ask("cant exactly stop driving mate. anything for the seat", "ctx-seat");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Good Posture and Ergonomics");
  });
  it("does not search for an activity the person says they never do, unless they ask about it", async () => {
    await ask("been on the cabs 25 year. GP says ive got a slipped disc. what does that even mean", "ctx-never");
    const r = await ask("how did i get it, never lift nothing heavy", "ctx-never");
    expect(r.sources[0]?.section).not.toBe("Lifting Techniques");
    const ice = await ask("Ice or heat which is better? My colleague from Kerala says only heat, never ice.");
    expect(ice.sources[0]?.section).toBe("Ice and Heat Therapy");
  });
  it("declines a request 'while you're at it': its 'it' points at nothing said", async () => {
    await ask("7 months pregnant and my lower back is killing me. Is weight actually a factor??", "ctx-idiom");
    expect((await ask("can u give me some cute boy names while ur at it", "ctx-idiom")).outOfScope).toBe(true);
  });
});

describe("blind63 (read): what failed, and what is to be prevented", () => {
  it("reads 'barely any change' after physio as physio not being enough", async () => {
    const r = await ask("when do they actually decide to operate on a back? been doing physio 4 months and barely any change");
    expect(r.sources[0]?.section).toBe("Surgical Interventions");
  });
  it("reads 'so it doesn't give out on me again' as prevention", async () => {
    const r = await ask("Going back on the tools after a year off with my back. What can I do so it doesn't give out on me again?");
    expect(r.sources[0]?.section).toBe("Preventing Back and Leg Pain");
  });
  it("declines hot flushes asked about beside a stiff back", async () => {
    const r = await ask("hot flushes are driving me mad, menopause, anything that actually works? back's stiff of a morning too but the flushes are the main thing");
    expect(r.outOfScope).toBe(true);
  });
});

describe("blind65 (read): stretches named by the parts they move, side effects, how long it hangs about", () => {
  it("answers a stretch told as hugging the knee to the chest, and the turns about it", async () => {
    const r = await ask("my physio gave me 2 stretches, one where u hug ur knee to ur chest and a cat cow one. what are they actually meant to do", "ctx-kc");
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Exercises to Stretch and Strengthen");
    const next = await ask("the knee one gives me relief straight away, is that normal", "ctx-kc");
    expect(next.outOfScope).toBe(false);
    // Two body parts with no activity are still other subjects.
    expect((await ask("my knee and my chest hurt, what is it")).outOfScope).toBe(true);
    expect((await ask("Also his knees is swelling very much, what is treatment for knee arthritis?")).outOfScope).toBe(true);
  });
  it("reads drowsiness from the tablets as a question about medicines", async () => {
    await ask("Hurt my back lifting a case at work, doc gave me muscle relaxers and some stronger painkillers. How long am I ok to be on those?", "ctx-drowsy");
    const r = await ask("they make me drowsy af, cant be on a forklift like that. alternatives?", "ctx-drowsy");
    expect(r.outOfScope).toBe(false);
  });
  it("reads 'how long does it hang about' as the short-lived kind", async () => {
    const r = await ask("did me back in tuesday hauling slates up the ladder. how long does this sort of thing normally hang about for?");
    expect(r.sources[0]?.section).toBe("Acute Back Pain");
  });
  it("reads 'so it doesn't get worse' and 'so I don't end up like him' as prevention", async () => {
    const r = await ask("how do i stop it getting worse, its my lower back");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Preventing Back and Leg Pain");
  });
});
