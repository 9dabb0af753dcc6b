import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage, Reply } from "../../src/core/types.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// Questions written fresh (issue #12), through the real core and the real corpus. They assert the
// section answered from, never the wording.
let t: TestLumbar;
let n = 0;
const ask = (text: string, conversationId = `gate-${n++}`): Promise<Reply> =>
  t.lumbar.handle({ channel: "test", conversationId, userId: "u1", text } satisfies IncomingMessage);
const first = (r: Reply) => r.sources[0]?.section;
const sections = (r: Reply) => r.sources.map((s) => s.section);

beforeAll(async () => {
  t = await makeTestLumbar();
});
afterAll(async () => {
  await t.cleanup();
});

describe("domain gate: a question needs evidence of what the corpus covers", () => {
  for (const q of [
    "how often should i feed my goldfish",
    "who won the champions league last year",
    "write a python function that reverses a linked list",
    "how do i tune a guitar",
    "my wifi keeps dropping how do i fix it",
    "how often should i get an oil change",
    "what's the best film of last year",
  ]) {
    it(`refuses "${q}"`, async () => {
      const r = await ask(q);
      expect(r.outOfScope).toBe(true);
      expect(r.sources).toEqual([]);
    });
  }

  it("answers an activity said in lay words of health ('stay in bed' for rest), not one of everyday life or with foreign words", async () => {
    expect(first(await ask("should I just keep to my bed till it passes?"))).toBe("Rest");
    expect((await ask("coffee or tea?")).outOfScope).toBe(true);
    expect((await ask("how do i fix a puncture on my bike")).outOfScope).toBe(true);
  });

  it("still answers activity questions that carry the whole question", async () => {
    expect(first(await ask("is it ok to swap between hot and cold packs"))).toBe("Ice and Heat Therapy");
    expect(first(await ask("correct way to pick up a heavy box"))).toBe("Lifting Techniques");
  });
});

describe("'back' and 'leg' in compounds that are not the body, and what the story changes", () => {
  it("refuses a garden, a car's leg room or a table leg, and still answers the back hurt in the garden", async () => {
    expect((await ask("what should I plant along the back fence of my back garden")).outOfScope).toBe(true);
    expect((await ask("best hatchback for leg room in the back seat")).outOfScope).toBe(true);
    expect((await ask("the chair leg snapped, can I glue it")).outOfScope).toBe(true);
    expect((await ask("my back has ached since I dug over the back garden, what helps")).outOfScope).toBe(false);
  });

  it("reads a body word with everyday senses as the other sense when nothing else in the message is health", async () => {
    expect((await ask("the spine on my hardback cookbook split, best glue to fix it")).outOfScope).toBe(true);
    expect((await ask("do I need new discs or just pads for squeaky brakes")).outOfScope).toBe(true);
    expect((await ask("who played bass in the band Spinal Tap")).outOfScope).toBe(true);
    // The same words said of someone's body, with a symptom, or with no foreign words at all stay back questions.
    expect((await ask("my spine clicks when I twist round in the car, is that bad")).outOfScope).toBe(false);
    expect((await ask("can i go cycling with a dodgy back")).outOfScope).toBe(false);
    expect(first(await ask("what does the spine do"))).toBeDefined();
    expect((await ask("the disc between two of my vertebrae bulged, what does that mean")).outOfScope).toBe(false);
  });

  it("finds the question that starts inside a run-on message, so a scan named in the story does not decline it", async () => {
    expect(first(await ask("my wifes mri report came back saying slipped disc at l4 what does that actually mean"))).toBe("2. Herniated Disc");
    // An animal as the patient is declined wherever the story says so.
    expect((await ask("our cat keeps dragging her back legs, what could it be")).outOfScope).toBe(true);
    expect((await ask("the old pony is sore along his back since the new saddle, what can I give him")).outOfScope).toBe(true);
  });

  it("declines a safety question that turns on the person the story describes, and a request to say which condition someone has", async () => {
    expect((await ask("my husband takes blood thinners, is it safe for him to get a spinal injection?")).outOfScope).toBe(true);
    expect((await ask("pain in my buttock and down my thigh, piriformis or sciatica, can you tell me which one i have")).outOfScope).toBe(true);
    // The same treatment asked about in general is answered.
    expect(first(await ask("are spinal injections safe?"))).toBe("Injections");
  });

  it("knows a condition by its first word and a cause asked as 'what is behind'", async () => {
    expect(first(await ask("my uncle has ankylosing something, is that a back thing?"))).toBe("Inflammatory Conditions");
    expect(sections(await ask("what's behind back pain?")).slice(0, 3)).toContain("Reasons for Back Pain");
  });

  it("reads a condition's name with a capital in mid-sentence, among foreign words, as a name", async () => {
    expect((await ask("is the new album by Sciatica any good, the drummer is mint")).outOfScope).toBe(true);
    expect((await ask("My GP says it's Sciatica, what can I do about it")).outOfScope).toBe(false);
  });

  it("takes a word of health the lexicon lists ('disease', 'seized') as the body's sense, and a sport's leg as the sport's", async () => {
    expect((await ask("do the discs wear thin as we age, or is that a disease")).outOfScope).toBe(false);
    expect((await ask("back seized up mid shift, anything i can do in the next few minutes")).outOfScope).toBe(false);
    expect((await ask("in a relay who should run the last leg, the fastest kid?")).outOfScope).toBe(true);
  });

  it("declines two medicines taken together and twitching legs, and answers how to stop pain coming back", async () => {
    expect((await ask("is it ok to take co-codamol and ibuprofen at the same time")).outOfScope).toBe(true);
    expect((await ask("my calves twitch all evening, why")).outOfScope).toBe(true);
    expect(first(await ask("pain has finally gone, how do i stop it coming back"))).toBeDefined();
    expect((await ask("pain has finally gone, how do i stop it coming back")).outOfScope).toBe(false);
  });

  it("declines medicines for someone pregnant or breastfeeding, whichever part of the message says so", async () => {
    expect((await ask("I'm breastfeeding my 3 month old and my sciatica is bad, can I take naproxen?")).outOfScope).toBe(true);
    expect((await ask("pregnant with twins, lower back agony, what can I do at home")).outOfScope).toBe(false);
  });

  it("declines alcohol with a painkiller and conditions that only contain a covered word; a beer belly is weight", async () => {
    expect((await ask("can I have a couple of pints on codeine for my back")).outOfScope).toBe(true);
    expect((await ask("my mum has varicose veins in her legs, will they get worse")).outOfScope).toBe(true);
    expect(first(await ask("would shifting my beer belly take pressure off my back"))).toBe("Keeping a Healthy Weight");
  });
});

describe("what the story names, when the question only weighs it up or depends on it (blind15 causes)", () => {
  it.each([
    "my GP wants me to try duloxetine for the sciatica, is this a good medicine?",
    "memory foam or a firm mattress, which is better for my back?",
    "I'm 20 weeks pregnant, is swimming safe for my back?",
    "can my 10 year old have paracetamol for his sore legs",
    "my ankle clicks and swells after netball, what's wrong with it",
    "how do I glue the spine of a book back together",
    "who won the first leg of the semi final",
    "how do I back up my laptop",
    "best fusion restaurant near the station?",
    "how do I stop the dog chewing the back of the couch",
  ])("declines %s", async (q) => {
    expect((await ask(q)).outOfScope).toBe(true);
  });
  it("reads 'for good' as for ever in plain lowercase too, not as good posture", async () => {
    expect(first(await ask("how do i get rid of sciatica for good"))).not.toBe("Good Posture and Ergonomics");
  });

  it("reads a pregnancy now across lines, but not an adult's age, a past pregnancy or 'is it ok to walk'", async () => {
    expect((await ask("I am 28 weeks pregnant.\nCan I take ibuprofen for my back?")).outOfScope).toBe(true);
    expect((await ask("I am 45 years old, which painkillers help lower back pain?")).outOfScope).toBe(false);
    expect((await ask("I lift my kids all day and my back aches, what medication helps?")).outOfScope).toBe(false);
    expect((await ask("Had back pain since my pregnancy 10 years ago, is it safe to do yoga?")).outOfScope).toBe(false);
    expect((await ask("I am on the waiting list for physio. Is it ok to walk in the meantime?")).outOfScope).toBe(false);
    expect((await ask("my back issues are getting worse, what helps")).outOfScope).toBe(false);
  });

  it("takes a holiday or a day of the week for everyday English, not an unknown name, and still declines an unknown drug", async () => {
    expect((await ask("my back has ached since before easter, about two months, is that chronic now?")).outOfScope).toBe(false);
    expect((await ask("can I take zolvantrex for sciatica")).outOfScope).toBe(true);
  });

  it("still answers a scan finding the articles cover, and a desk question about the knees", async () => {
    expect((await ask("had an MRI and it showed a bulging disc, can that cause leg pain")).outOfScope).toBe(false);
    expect((await ask("should my knees be at 90 degrees when I sit at my desk")).outOfScope).toBe(false);
  });
});

describe("a question made only of an activity the corpus has a section on", () => {
  it("is answered from that section when every word is the corpus's own", async () => {
    expect(first(await ask("posture tips"))).toBe("Good Posture and Ergonomics");
    expect(first(await ask("rest or keep moving?"))).toBe("Rest");
    expect(["Good Posture and Ergonomics", "Adjust Your Workspace"]).toContain(first(await ask("standing desk good idea?")));
  });
  it("is answered when every word is the articles' own, even with no activity a heading names", async () => {
    expect((await ask("does the treatment depend on how bad the pain is")).outOfScope).toBe(false);
  });

  it("is refused with a word from elsewhere, or said in words the articles never use", async () => {
    for (const q of ["how long should pizza dough rest", "best posture for playing guitar on stage", "best chair for gaming", "coffee or tea"]) {
      expect((await ask(q)).outOfScope, q).toBe(true);
    }
  });
});

describe("a named condition outweighs how the question is asked", () => {
  it("answers the symptoms of a condition from its own section, and symptoms in general from the symptoms section", async () => {
    expect(first(await ask("what does piriformis syndrome feel like, symptoms?"))).toBe("5. Piriformis Syndrome");
    expect(first(await ask("what are the symptoms of sciatica"))).toBe("1. Sciatica");
    expect(first(await ask("what are the usual symptoms of back pain"))).toBe("Back Pain Symptoms");
  });
});

describe("words for pain", () => {
  it("reads 'hurting' as pain, so the one passage that says 'getting hurt' does not answer every question that hurts", async () => {
    expect(first(await ask("how do i carry heavy crates without hurting my back"))).toBe("Lifting Techniques");
  });
});

describe("review of the blind17-18 scope changes: covered questions they must not decline", () => {
  for (const q of [
    "should I combine heat and ice at the same time?",
    "my dog is a big lab and pulled me over on a walk, now my lower back hurts, what helps?",
    "my back aches from feeding my baby at night, should I take it easy for a few days?",
    "there are so many stretches, which one do I have to do every day for sciatica?",
    "how much is treatment likely to help my sciatica?",
  ]) {
    it(`answers "${q}"`, async () => {
      expect((await ask(q)).outOfScope).toBe(false);
    });
  }

  it("still declines animals as patients, and unrelated follow-ups that only share an everyday word", async () => {
    expect((await ask("can my dog get sciatica")).outOfScope).toBe(true);
    await ask("what helps sciatica?", "review-fu");
    expect((await ask("is it going to be cold and rainy at the weekend in Leeds?", "review-fu")).outOfScope).toBe(true);
    expect((await ask("what is the best coffee shop in Manchester?", "review-fu")).outOfScope).toBe(true);
  });
});

describe("blind19 causes: questions for a clinician the story makes so", () => {
  it("declines a blood thinner in the story, activities after an operation, comparing clinics, and a knee's cartilage", async () => {
    expect((await ask("dad takes apixaban, would a spinal injection be ok for him?")).outOfScope).toBe(true);
    expect((await ask("when can i drive again after my spinal fusion")).outOfScope).toBe(true);
    expect((await ask("is the spine unit at St Mary's better than the private hospital for a discectomy")).outOfScope).toBe(true);
    expect((await ask("my knee clicks and aches, is the cartilage worn")).outOfScope).toBe(true);
    // Still answered: the operation itself, and arthritis of the spine said as bone on bone.
    expect(first(await ask("what is a spinal fusion"))).toBe("Spinal Fusion");
    expect(first(await ask("is bone on bone in the spine arthritis?"))).toBe("7. Arthritis");
  });
});

describe("chat-speak and spelling", () => {
  it("reads 'wat' as 'what', not as a stem of 'water'", async () => {
    expect(first(await ask("wat is sciatica exactly"))).toBe("1. Sciatica");
    expect(first(await ask("wat cuases siatica pain in the leggs and how do i fix it at hom"))).toBe("1. Sciatica");
  });
});

describe("one incidental word never vetoes a covered question", () => {
  it("answers when the story mentions a dog, a scan or money", async () => {
    for (const q of [
      "my back is sore and the pain goes into my right leg when I walk the dog",
      "I hurt my back walking the dog, what helps?",
      "whats something i can do at home for my back, cant afford physio right now",
    ]) {
      expect((await ask(q)).outOfScope, q).toBe(false);
    }
    expect(first(await ask("My MRI shows a herniated disc, what does that mean?"))).toBe("2. Herniated Disc");
  });

  it("still declines what the asking clause makes out of scope", async () => {
    for (const q of [
      "can my dog get sciatica",
      "what does an mri of the lumbar spine show",
      "how much does a discectomy cost if I go private",
      "whats the max mg of naproxen per day",
      "my scan says L5-S1 disc bulge with nerve root contact, please read my report and tell me what i have",
      "x-ray letter says mild facet arthropathy at L4, what does that mean for me",
      "is it ok to have a couple of drinks of alcohol on naproxen",
    ]) {
      expect((await ask(q)).outOfScope, q).toBe(true);
    }
  });

  it("finds the question after a discourse marker, so the story's mattress vetoes nothing", async () => {
    const r = await ask("long story, my back went after a new mattress and a long drive to my cousins. anyway what usually makes back pain go down a leg");
    expect(r.outOfScope).toBe(false);
  });

  it("answers casual covered questions", async () => {
    expect(first(await ask("How long does this kind of sudden back pain normally hang around for?"))).toBe("Acute Back Pain");
    expect(first(await ask("here in India chemist is giving crocin and brufen, are those ok"))).toBe("Medications");
    expect(["Adjust Your Workspace", "Good Posture and Ergonomics"]).toContain(first(await ask("does ergonomic office furniture actually reduce back pain or is it just a gimmick")));
  });
});

describe("follow-ups without a noun of their own", () => {
  it("resolves 'it', 'that' and 'those' against the last topic", async () => {
    await ask("what is degenerative disc disease", "fu-1");
    expect(first(await ask("is it hereditary?", "fu-1"))).toBe("6. Degenerative Disc Disease");
    await ask("what is a laminectomy", "fu-2");
    expect(first(await ask("who normally gets that done", "fu-2"))).toBe("Laminectomy");
    await ask("what stretches help back pain", "fu-3");
    const examples = await ask("examples of those?", "fu-3");
    expect(examples.outOfScope).toBe(false);
    expect(["Daily Stretching", "Exercises to Stretch and Strengthen"]).toContain(first(examples));
  });

  it("keeps the condition through a chain of turns", async () => {
    await ask("tell me about spinal stenosis", "fu-chain");
    await ask("who usually gets it?", "fu-chain");
    // The FAQ on nerve pain names stenosis and what severe cases need (surgery, steroid injections).
    const r = await ask("ok and how do they fix that if it gets really bad", "fu-chain");
    expect(r.outOfScope).toBe(false);
    expect(sections(r).some((s) => ["Laminectomy", "Surgical Interventions", "Injections", "Q. How do you fix nerve pain in the legs?"].includes(s))).toBe(true);
  });

  it("reads a bare ellipsis against the last answer, and nothing foreign", async () => {
    await ask("should i rest my back", "fu-ellipsis");
    const r = await ask("for how long tho", "fu-ellipsis");
    expect(r.outOfScope).toBe(false);
    expect(first(r)).toBe("Rest");
    await ask("what stretches help back pain", "fu-ellipsis-2");
    expect((await ask("which muscles", "fu-ellipsis-2")).outOfScope).toBe(false);
    await ask("what stretches help back pain", "fu-ellipsis-3");
    expect((await ask("which bus goes to the airport", "fu-ellipsis-3")).outOfScope).toBe(true);
    expect((await ask("what is the meaning of life", "fu-ellipsis-3")).outOfScope).toBe(true);
  });

  it("keeps a turn that tells more of the story in the conversation when it names an activity of the back's own", async () => {
    await ask("my mum has spinal stenosis, what is that", "fu-story");
    const r = await ask("why does she have to stop and lean on a railing after only a short stroll", "fu-story");
    expect(r.outOfScope).toBe(false);
    expect(first(r)).toBe("3. Spinal Stenosis");
    // Words with no activity of the back in them still stand alone.
    expect((await ask("which ferry goes to the island on sundays", "fu-story")).outOfScope).toBe(true);
  });

  it("reads chat forms when deciding that a turn continues ('n the stronger ones?')", async () => {
    await ask("which painkillers help sciatica", "fu-chat");
    const chat = await ask("n the stronger ones?", "fu-chat");
    await ask("which painkillers help sciatica", "fu-chat-2");
    const written = await ask("and the stronger ones?", "fu-chat-2");
    expect(chat.outOfScope).toBe(false);
    expect(sections(chat)).toEqual(sections(written));
  });

  it("declines a dose limit, a price per session and taking anything while feeding a baby, said as follow-ups", async () => {
    await ask("do anti-inflammatories help sciatica", "fu-oos");
    expect((await ask("how many of those per day max", "fu-oos")).outOfScope).toBe(true);
    expect((await ask("can my partner take them too, she's feeding our baby", "fu-oos")).outOfScope).toBe(true);
    await ask("can a physio help my back", "fu-oos-2");
    expect((await ask("how much is a session roughly", "fu-oos-2")).outOfScope).toBe(true);
    // How often to do the exercises is not a dose.
    expect((await ask("how many times a day should i do back stretches")).outOfScope).toBe(false);
  });

  it("reads 'what should I look out for' as the warning signs, and 'mine' as no measure of time", async () => {
    await ask("my back aches and my foot tingles, should I see a doctor", "fu-watch");
    expect(first(await ask("what else should i watch out for", "fu-watch"))).toBe("When to See a Doctor");
    await ask("how long does back pain usually go on for", "fu-mine");
    expect(first(await ask("mine's lasted 5 months", "fu-mine"))).toBe("Prolonged Back Pain");
  });

  it("reads putting off the doctor as no question about doctors, and prevention as its own section", async () => {
    expect(first(await ask("anything to try at home before I go to the doctor about my back?"))).toBe("Changes in Lifestyle and Home Remedies");
    await ask("what is sciatica", "fu-prevent");
    expect(sections(await ask("how do i stop it coming back", "fu-prevent")).slice(0, 3)).toContain("Preventing Back and Leg Pain");
  });

  it("reads 'their' as pointing back ('are they enough on their own?')", async () => {
    await ask("can physio help a slipped disc", "fu-their");
    const r = await ask("enough on their own?", "fu-their");
    expect(r.outOfScope).toBe(false);
    expect(first(r)).toBe("PT, or physical therapy");
  });

  it("reads 'which one exactly' as a pick among what the last answer named", async () => {
    await ask("I need relief for my back in the next five minutes", "fu-pick");
    expect(first(await ask("which stretch exactly", "fu-pick"))).toBe("Q. How can I relieve back pain in 5 minutes?");
  });

  it("answers losing control of the bladder or bowels from 'When to See a Doctor', even asked as 'what if'", async () => {
    await ask("when should my dad see someone about his sciatica", "fu-control");
    expect(first(await ask("and if he can't hold his bowels any more?", "fu-control"))).toBe("When to See a Doctor");
  });

  it("reads 'what if...' as the last question under a new circumstance, and drops a treatment that did not work", async () => {
    await ask("when should i see a doctor for back pain", "fu-if");
    expect(first(await ask("what if its just tingling in my legs", "fu-if"))).toBe("When to See a Doctor");
    expect((await ask("what if i win the lottery", "fu-if")).outOfScope).toBe(true);
    expect((await ask("what if it rains tomorrow", "fu-if")).outOfScope).toBe(true);
    await ask("are steroid injections any good for back pain", "fu-if-2");
    expect(first(await ask("ok and if they dont work?", "fu-if-2"))).not.toBe("Injections");
  });

  it("keeps the earlier treatment first when a turn compares it with another", async () => {
    await ask("tell me about artificial disc replacement", "fu-compare");
    expect(first(await ask("is it better than spinal fusion", "fu-compare"))).toBe("Artificial Disc Replacement");
    // Without a comparison the named treatment replaces the earlier one.
    expect(first(await ask("and when is spinal fusion done", "fu-compare"))).toBe("Spinal Fusion");
  });

  it("continues a turn that ends 'then', 'too' or 'after', and one asking about what the last answer said", async () => {
    await ask("what is a herniated disc", "fu-aspect");
    expect(first(await ask("does it hurt in the legs too", "fu-aspect"))).toBe("2. Herniated Disc");
    await ask("is bed rest good for sciatica", "fu-then");
    expect((await ask("should i take full bed rest then", "fu-then")).outOfScope).toBe(false);
    expect((await ask("will it rain tomorrow then", "fu-then")).outOfScope).toBe(true);
  });

  it("reads a clause opened by a chat form ('wat shud i change') as the one that asks, so the story vetoes nothing", async () => {
    const r = await ask("i sit at a desk all day n my back is wrecked, chair is some cheap one. wat shud i change");
    expect(r.outOfScope).toBe(false);
  });

  it("reads a question that needs an object as pointing back, even with one word of its own", async () => {
    await ask("is bed rest good for sciatica", "fu-object");
    const r = await ask("hw many days max", "fu-object");
    expect(r.outOfScope).toBe(false);
    expect(first(r)).toBe("Rest");
    expect((await ask("which bus goes to the airport", "fu-object")).outOfScope).toBe(true);
    expect((await ask("how long is the flight to spain", "fu-object")).outOfScope).toBe(true);
  });

  it("reads a turn with no content word ('why?', 'examples?') or a pronoun for a person as continuing", async () => {
    await ask("can drinking water help my back", "fu-bare-1");
    expect(first(await ask("why?", "fu-bare-1"))).toBe("Q. What can I drink to stop back pain?");
    await ask("which conditions cause inflammation in the back", "fu-bare-2");
    expect(first(await ask("examples?", "fu-bare-2"))).toBe("Inflammatory Conditions");
    await ask("my husband sees a chiropractor for his sciatica", "fu-bare-3");
    expect(first(await ask("what does he actually do to the spine?", "fu-bare-3"))).toBe("Chiropractic Care");
  });

  it("reads 'what can they do for it' after when to see a doctor as asking for the treatments", async () => {
    await ask("when should my dad see a doctor about his back", "fu-do-for");
    expect(["Medical Treatments and Therapies", "Options for Back and Leg Pain Treatment"]).toContain(first(await ask("and what can they do for it", "fu-do-for")));
  });

  it("in a conversation about the desk, 'what about my knees' is the desk's knees; a first question about a knee injury is not covered", async () => {
    await ask("how should i set up my desk and chair for my back", "fu-knees");
    expect((await ask("what about my feet and knees", "fu-knees")).outOfScope).toBe(false);
    expect((await ask("twisted my knee playing football and it's swollen, should I strap it")).outOfScope).toBe(true);
  });

  it("reads 'the long one', a passive ('can the disc be replaced') and 'what if the pills do not work' for what they ask", async () => {
    await ask("how long does acute back pain last", "fu-long");
    expect(first(await ask("and the long one?", "fu-long"))).toBe("Prolonged Back Pain");
    await ask("what is degenerative disc disease", "fu-passive");
    expect(first(await ask("so the disc can be replaced?", "fu-passive"))).toBe("Artificial Disc Replacement");
    await ask("which medicines help sciatica", "fu-pills");
    expect(first(await ask("what if the pills do not work", "fu-pills"))).not.toBe("Medications");
  });

  it("reads 'and if none of that helps' as the last answer's advice having failed, and worry as asking when to see a doctor", async () => {
    await ask("what can I try at home first for a bad back", "fu-none-works");
    const next = first(await ask("and if none of that helps?", "fu-none-works"));
    expect(next).not.toBe("Changes in Lifestyle and Home Remedies");
    expect(["Medical Treatments and Therapies", "Options for Back and Leg Pain Treatment", "When to See a Doctor"]).toContain(next);
    await ask("my sciatica burns down my calf", "fu-worried");
    expect(first(await ask("is that dangerous or can I wait it out", "fu-worried"))).toBe("When to See a Doctor");
    await ask("what is spinal fusion", "fu-meant");
    expect(first(await ask("no, I meant the op where they take out part of the disc", "fu-meant"))).toBe("Discectomy");
  });

  it("answers a named treatment from its own section, not from a summary that also names the carried condition", async () => {
    await ask("what brings on sciatica", "fu-own-treatment");
    expect(first(await ask("could a chiropractor sort it out", "fu-own-treatment"))).toBe("Chiropractic Care");
    expect(first(await ask("or tablets maybe", "fu-own-treatment"))).toBe("Medications");
    expect(first(await ask("would one of those steroid jabs help more", "fu-own-treatment"))).toBe("Injections");
  });

  it("reads 'how should I sit' as posture, and 'a sport that is easy on the back' as exercise after a question about weight", async () => {
    expect(first(await ask("how should I sit with a bad back"))).toBe("Good Posture and Ergonomics");
    await ask("does being heavy make back pain worse", "fu-sport");
    expect(first(await ask("what sport is gentle on the back for losing it", "fu-sport"))).toBe("Cardiovascular Exercise");
  });

  it("after a safety question the person does not answer, a follow-up is read against the message that was asked about", async () => {
    const asked = await ask("both my legs go numb when I walk to the shop and it eases when I sit down, what could it be", "fu-after-check");
    expect(asked.check).not.toBeNull();
    const next = await ask("what causes that", "fu-after-check");
    expect(next.outOfScope).toBe(false);
    expect(first(next)).toBe("3. Spinal Stenosis");
  });

  it("reads 'what sets it off' as what aggravates the condition, and 'if it gets worse' as when to see a doctor", async () => {
    await ask("what is piriformis syndrome", "fu-aggravate");
    expect(first(await ask("what sets it off", "fu-aggravate"))).toBe("5. Piriformis Syndrome");
    await ask("my lower back aches after gardening", "fu-if-worse");
    expect(sections(await ask("ok and if it gets any worse?", "fu-if-worse")).slice(0, 3)).toContain("When to See a Doctor");
  });

  it("names operations by what they do, asks after other conditions, and declines hospital stays", async () => {
    expect(first(await ask("what's the op where they join two bones of the spine together"))).toBe("Spinal Fusion");
    expect(first(await ask("the surgery where they take a piece of the disc out, what's it called"))).toBe("Discectomy");
    await ask("what causes back pain", "fu-other-medical");
    expect(sections(await ask("and what other medical conditions?", "fu-other-medical")).slice(0, 3)).toContain("Other Medical Conditions");
    await ask("what is spinal fusion", "fu-hospital");
    expect((await ask("how long would she be in hospital after it", "fu-hospital")).outOfScope).toBe(true);
  });

  it("does not carry a topic into an unrelated question", async () => {
    await ask("what is sciatica", "fu-unrelated");
    expect((await ask("will it rain tomorrow", "fu-unrelated")).outOfScope).toBe(true);
  });
});

describe("blind20 causes: the asking clause, body words with everyday senses, and what the articles leave to others", () => {
  it("answers a covered question asked in one clause, whatever words the story around it uses", async () => {
    expect(first(await ask("what does 'good posture' actually mean? the new manager at the depot keeps lecturing everyone about it"))).toBe("Good Posture and Ergonomics");
  });

  it("reads 'bottom' of a pan as a pan's, and a bottom that hurts as the body's", async () => {
    expect((await ask("how do i get the burnt bottom of my saucepan clean again")).outOfScope).toBe(true);
    expect((await ask("my bottom hurts when i sit, could that be sciatica")).outOfScope).toBe(false);
  });

  it("declines a condition placed in a body part the articles do not cover", async () => {
    expect((await ask("i think i have arthritis in my wrist, what helps")).outOfScope).toBe(true);
    expect((await ask("does shoulder arthritis get worse with age")).outOfScope).toBe(true);
    expect(first(await ask("what is arthritis of the spine"))).toBe("7. Arthritis");
  });

  it("declines work and legal questions, a dog named by its breed, and periods", async () => {
    expect((await ask("will my employer give me sick pay while my sciatica is bad")).outOfScope).toBe(true);
    expect((await ask("can i get sacked for too many days off with my back")).outOfScope).toBe(true);
    expect((await ask("my spaniel is dragging his back legs, is it his spine")).outOfScope).toBe(true);
    expect((await ask("my period cramps are awful, could it be fibroids")).outOfScope).toBe(true);
    // Lifting sacks is lifting.
    expect(first(await ask("how should i lift heavy sacks of compost without hurting my back"))).toBe("Lifting Techniques");
  });
});

describe("what was tried and failed is the story, not what is searched for", () => {
  it("answers 'tried X and Y, no good, what next' with what comes after home treatment", async () => {
    expect(first(await ask("ive done the heat pads and the stretches for three weeks and nothing is working, what should i do next"))).toBe("Medical Treatments and Therapies");
    expect(first(await ask("if resting and ice at home don't work, what do doctors do"))).toBe("Medical Treatments and Therapies");
  });

  it("keeps what is asked after the condition: 'if that fails, is surgery next?'", async () => {
    expect(first(await ask("if the injections fail, is an operation the next thing"))).toBe("Surgical Interventions");
  });
});

describe("alcohol named as excluded is not asked about", () => {
  it("answers a drink question that rules alcohol out, and declines one about alcohol with medicines", async () => {
    expect(first(await ask("any drinks that help back pain, apart from wine obviously"))).toBe("Q. What can I drink to stop back pain?");
    expect((await ask("is it ok to have a few pints on naproxen")).outOfScope).toBe(true);
  });
});

describe("the back's structure asked in lay words", () => {
  it("reads 'how is it built', 'what it looks like inside' and 'where the nerves go' as anatomy", async () => {
    expect(first(await ask("how is your back built, and where do the nerves go from there"))).toBe("Comprehending the Back’s Anatomy");
    expect(first(await ask("what does the inside of my spine look like inside, roughly"))).toBe("Comprehending the Back’s Anatomy");
  });
});

describe("a condition described rather than named", () => {
  it("answers 'walks a little, legs cramp, sits and it passes' from the spinal stenosis section", async () => {
    expect(first(await ask("my uncle can walk about ten minutes to the shops and then his legs start cramping, he sits on a bench for a while and its fine. why?"))).toBe("3. Spinal Stenosis");
  });
});

describe("the treatments in general", () => {
  it("answers 'what treatments are there' from the overview of the options, not refused for naming no condition", async () => {
    expect(first(await ask("what kinds of treatment are available"))).toBe("Options for Back and Leg Pain Treatment");
    expect((await ask("how do i fix my car")).outOfScope).toBe(true);
  });
});

describe("blind21 causes: sceptical questions, insurance, diagnosis between two, medicines together, vaccines, the other topic asked about", () => {
  it("answers a sceptic's question about a treatment ('worth it or a gimmick')", async () => {
    expect((await ask("are standing desks actually worth it or just office hype")).outOfScope).toBe(false);
    expect(first(await ask("is chiropractic legit or a load of nonsense"))).toBe("Chiropractic Care");
    expect((await ask("is the new games console worth it or just hype")).outOfScope).toBe(true);
  });

  it("declines insurance cover, 'do I have X or is it my Y', one medicine with another, and vaccines", async () => {
    expect((await ask("would my health insurance cover a discectomy")).outOfScope).toBe(true);
    expect((await ask("does axa cover chiropractic for sciatica")).outOfScope).toBe(true);
    expect((await ask("do i have a slipped disc or is it my hip")).outOfScope).toBe(true);
    expect((await ask("can my mum take co-codamol with her water tablets for her back")).outOfScope).toBe(true);
    expect((await ask("should i get the flu jab this year, im 70")).outOfScope).toBe(true);
  });

  it("declines a question that asks about another topic alone, whatever the story says of the back", async () => {
    expect((await ask("my back has been sore all week and now i get migraines too, what helps migraines")).outOfScope).toBe(true);
    expect((await ask("my back has been sore all week and i get headaches, what helps")).outOfScope).toBe(false);
  });
});

describe("blind21 causes in follow-ups", () => {
  it("reads 'mine' as the thing just discussed, and a date as when, not what about", async () => {
    await ask("what's the difference between acute and chronic back pain", "fu-mine");
    const r = await ask("mine's been going since last easter, which kind is that", "fu-mine");
    expect(r.outOfScope).toBe(false);
    expect(sections(r).slice(0, 3)).toContain("Prolonged Back Pain");
  });

  it("reads 'and if neither of them works' as the treatments just discussed having failed", async () => {
    await ask("what do injections and physio do for a herniated disc", "fu-neither");
    const r = await ask("and if neither of them works?", "fu-neither");
    expect(r.sources[0]?.section).not.toBe("Injections");
    expect(r.sources[0]?.section).not.toBe("PT, or physical therapy");
  });

  it("reads kilos as weight", async () => {
    expect(first(await ask("would losing a few kilos take the strain off my back"))).toBe("Keeping a Healthy Weight");
  });
});

describe("asking for the right way to do something", () => {
  it("reads 'the right way to pick things up' as technique, answered by the lifting techniques, not by who gets back pain", async () => {
    expect(first(await ask("i work on a building site, what's the proper way to pick up bags of cement without hurting my back"))).toBe("Lifting Techniques");
  });
});

describe("review of this session's scope rules: ordinary back questions they must not refuse", () => {
  for (const q of [
    "do I have to rest or should I keep moving with sciatica?",
    "do stretches cover the hamstrings and lower back?",
    "is a heat pad or an ice pack cheapest and best for sciatica?",
    "is it ok to do yoga with my pain medication for sciatica?",
  ]) {
    it(`answers "${q}"`, async () => {
      expect((await ask(q)).outOfScope).toBe(false);
    });
  }
});

describe("blind22 causes: lying flat, myths, and pain coming back", () => {
  it("reads lying flat as rest, a myth as an appraisal, and pain coming back as prevention", async () => {
    expect(first(await ask("my mum says lie flat for a week, or should i be up and about"))).toBe("Rest");
    expect(first(await ask("is good posture a myth or does it actually matter"))).toBe("Good Posture and Ergonomics");
    expect(first(await ask("how do i stop my back pain coming back once it settles"))).toBe("Preventing Back and Leg Pain");
  });
});

describe("blind22 causes in follow-ups: words of address, and whether it can wait", () => {
  it("reads a follow-up with a word of address ('po', 'ji') and one word of another language as the conversation's", async () => {
    await ask("what is a herniated disc", "fu-po");
    expect((await ask("what causes it po? she was a lavandera for years", "fu-po")).outOfScope).toBe(false);
  });

  it("reads 'can it wait till morning' as when to see a doctor", async () => {
    expect(first(await ask("my sciatica is bad tonight, can it wait till morning or do i go in now"))).toBe("When to See a Doctor");
  });
});

describe("kinds the articles do not answer, added 2026-11-28", () => {
  it.each([
    "how many weeks will I need off work after having a discectomy",
    "how much paracetamol should I give my 6 year old for a sore back",
    "my cat suddenly can't use her back legs and keeps crying, what should we do",
    "what is the best sleeping position for sciatica, on my side or my back?",
    "the GP says my son's spine is curved, is that scoliosis",
    "my calves ache at night, the doctor says growing pains, what are those",
  ])("declines: %s", async (text) => {
    expect((await ask(text)).outOfScope).toBe(true);
  });

  it("still answers a question about the curve of the spine at a desk", async () => {
    expect((await ask("how should my chair support the curve of my lower back at work")).outOfScope).toBe(false);
  });
});

describe("a scan's finding the articles cover is asked about, the scan itself is not", () => {
  it("answers 'the MRI says degenerative disc disease, what does that mean' run on without punctuation", async () => {
    const r = await ask("mri report says degenerative disc disease at l5 im only 40 what does that even mean");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0].section).toBe("6. Degenerative Disc Disease");
  });
  it("still declines reading a scan and saying which condition the person has", async () => {
    expect((await ask("can you look at my x ray results and tell me what they show")).outOfScope).toBe(true);
    expect((await ask("be honest, do I have a slipped disc or not, scan attached")).outOfScope).toBe(true);
  });
});

describe("another named condition felt as aching legs", () => {
  it.each([
    "the doctor says my daughter's leg pains at night are growing pains, what are they",
    "my legs ache after standing all day because of varicose veins, will support tights help",
    "could this be MS? my legs tingle and my vision went funny",
  ])("declines: %s", async (text) => {
    expect((await ask(text)).outOfScope).toBe(true);
  });
  it("still answers aching legs with the back", async () => {
    expect((await ask("my legs ache and my lower back hurts after standing all day, what helps")).outOfScope).toBe(false);
  });
});

describe("a clot, a price and a nurse's abbreviation", () => {
  it("declines a possible clot and shopping by price", async () => {
    expect((await ask("my calf is hot and swollen since the long flight, is it a clot?")).outOfScope).toBe(true);
    expect((await ask("what is the best office chair under £200")).outOfScope).toBe(true);
  });
  it("reads 'lami' as laminectomy", async () => {
    expect(first(await ask("my mum is booked for a lami next month, what do they actually do in it"))).toBe("Laminectomy");
  });
});

describe("a letter's signature", () => {
  it("is not an unknown product", async () => {
    expect((await ask("Dear Sir or Madam, could you advise me on the correct way to lift heavy boxes with my bad back? Yours sincerely, Edith Pargeter")).outOfScope).toBe(false);
  });
  it("still declines an unknown product asked about", async () => {
    expect((await ask("is zentrovax any good for sciatica? kind regards, Tom")).outOfScope).toBe(true);
  });
});
