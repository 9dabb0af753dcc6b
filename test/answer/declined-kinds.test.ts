import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// Kinds of question corpus/scope.yml declines although they look covered, said in ways blind37
// showed were missed (read after its first score): paying for care oneself, several tablets at
// once, how soon a treatment starts working, what a report means for the person, and belts worn as
// a brace. Each with a control the articles do answer, so the pattern stays about its kind.
const ask = askingLumbar("kinds");

describe("kinds of question the articles do not answer", () => {
  it.each([
    "will my employer's health plan cover physical therapy or is it out of pocket",
    "whats the copay usually for a chiropractor",
    "can i have three of my naproxen at a time when its really bad",
    "how soon does an epidural steroid injection start working",
    "the letter from the spine clinic says 'disc bulge at L5 S1', what does it mean for my dad",
    "is a lumbar belt worth wearing at work",
    // blind38/39, read after their first scores: the most one may take, a request put as "kindly
    // tell", a diagnosis asked for "yes or no", recovery and sport after an operation, and a joint
    // condition asked of a part the articles do not cover.
    "whats the most paracetamol i can have in 24 hours",
    "kindly tell the right dose of gabapentin for my mother",
    "be honest with me, have i got sciatica yes or no",
    "how long will the recovery be after a laminectomy",
    "can i go back to playing golf after my spinal fusion",
    "my knees creak and ache when it is cold, is that arthritis",
    // blind38: a report summarised in the story, then "is that bad?"
    "the scan results came back saying mild foraminal stenosis at L5, how serious is that",
    // This session's blind sets, read after their first scores: work duties and pay, benefits and
    // claims (the asking clause pointing back at what was done), insurance said the Australian or
    // South African way, a daily maximum, and a horse's sore back.
    "put my back out at the warehouse, does my employer have to find me light duty work?",
    "my back went at work and they've cut my pay to nothing, can they do that?",
    "can my husband claim PIP for his sciatica",
    "will my medical aid pay for a chiropractor for my back",
    "on naproxen for my back, whats the maximum i can have each day",
    "our horse keeps bucking when I saddle him, I think his back is sore, what can I give him",
    "the gate at the back of the yard has dropped and the hinge at the bottom is loose, how do i fix it",
  ])("declines: %s", async (text) => {
    const r = await ask(text);
    expect(r.outOfScope).toBe(true);
  });

  it.each([
    ["what do injections do for back pain", "Injections"],
    ["how should I set up lumbar support on my office chair", "Adjust Your Workspace"],
    ["what does physical therapy involve for sciatica", "PT, or physical therapy"],
    ["can arthritis in the lower back cause leg pain, i always thought it was a hands thing", "7. Arthritis"],
    ["am i ok to keep doing stretches with sciatica", "Daily Stretching"],
    ["kindly explain what spinal stenosis is", "3. Spinal Stenosis"],
    // Controls: work and money in the story, a back-pain question asked.
    ["my employer wants me back on the tills next week, what stretches can i do on my breaks", "Daily Stretching"],
    ["cant afford a physio at the moment, what exercises strengthen my core for my back", "Core Strengthening"],
    ["is spinal stenosis serious", "3. Spinal Stenosis"],
    // From the review: ordinary questions the new kinds must not take.
    ["am i ok doing these stretches with sciatica?", "Daily Stretching"],
    ["what is the most I should have in terms of bed rest?", "Rest"],
    ["can I take the stairs two at a time with sciatica?", "1. Sciatica"],
    // An exercise plan for sciatica is what physical therapy gives (its section names sciatica);
    // "exercise" alone no longer reads as strengthening.
    ["does this exercise plan cover sciatica too?", "PT, or physical therapy"],
    ["how long before the exercises start working?", "Exercises to Stretch and Strengthen"],
  ])("still answers: %s", async (text, section) => {
    const r = await ask(text);
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain(section);
  });

  it("reads 'head it off' as preventing, not as a head", async () => {
    await ask("my son is a plasterer, is he at risk of back trouble", "kinds-head");
    const r = await ask("so what can he do to head it off", "kinds-head");
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Preventing Back and Leg Pain");
  });

  // blind55 (read): a pet named by its breed, a warning at work, a surgeon's phone number, a
  // diagnosis asked straight, contraception; and the Jamaican "mi back" is the writer's back.
  it.each([
    "our beagle yelped when I lifted him into the car, is it his back? what can I give him",
    "had too many sick days with my back and now HR say it's a final warning, is she even allowed to do that",
    "what's the phone number for the spinal clinic at the General, I need to chase my back appointment",
    "scan says disc bulge at L4/5, just tell me straight what I have and do I need surgery yes or no",
    "is the contraceptive pill ok to take on night shifts, my back's bad too",
    // blind54 (read): blood sugar said as "her sugar".
    "what should my dad eat for his sugar, it's been running high",
  ])("declines: %s", async (text) => {
    expect((await ask(text)).outOfScope).toBe(true);
  });

  it.each([
    ["mi back a hurt mi bad, mi can go fi a swim or walk betta?", "Cardiovascular Exercise"],
    ["my dog pulled me over on the ice and now my back's sore, what helps?", "Q. How do I remove back pain?"],
  ])("still answers: %s", async (text, section) => {
    const r = await ask(text);
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain(section);
  });

  // The review: a warning sign, someone allowed to drive, sick days as rest, a number on a pain
  // scale, a dog beside a person's back, and the waiting list told in passing are covered questions.
  it.each([
    "Is numbness in my leg a warning sign of something serious?",
    "My husband has sciatica, is he allowed to drive?",
    "Do sick days help sciatica or should I keep moving?",
    "On a pain scale what number for the pain means I should see someone urgently?",
    "My husband walks our spaniel every day and his back is sore, what stretches can he do?",
    "What can I do for the pain while I'm on the waiting list for surgery?",
  ])("answers: %s", async (text) => {
    expect((await ask(text)).outOfScope).toBe(false);
  });
});


// blind58 (read): a heel, heartburn, a dog's bad back, "just tell me which one I have", and a booking
// system asked about with "any idea?" are declined; a heel at the end of a leg's pain, or in heels, is not.
describe("blind58: other parts and topics, a pet by its breed, a diagnosis asked for, booking", () => {
  it.each([
    "Got sharp pain in my heel first thing in the morning when I get out of bed. What is it and what helps?",
    "i get really bad heartburn at night, what can i take for it",
    "our dachshund has a bad back, vet says IVDD and wants crate rest. how long should we keep her in the crate",
    "pain in my left buttock and down the back of my leg for 3 weeks. is it sciatica or piriformis? just tell me which one i have",
    "The surgery has moved to an online booking system and I cannot find where to book the physiotherapy. Have you any idea?",
  ])("declines: %s", async (text) => {
    expect((await ask(text)).outOfScope).toBe(true);
  });
  it.each([
    ["the pain goes from my bum right down to my heel, is that sciatica", "1. Sciatica"],
    ["just had surgery on my back, what can i do to recover", "Surgical Interventions"],
  ])("answers: %s", async (text, section) => {
    const r = await ask(text);
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]?.section).toBe(section);
  });
});

// blind60 (read): "neck some paracetamol" and "hand you a sheet" are verbs, not a neck or a hand;
// an activity's date after an operation told in the story, and a corgi that cries, are declined.
describe("blind60: body words used as verbs, recovery after an operation, a pet that cries", () => {
  it.each([
    ["he keeps saying he'll just neck some paracetamol and ibuprofen and crack on. is that enough or is there stronger stuff the doctor can give", "Medications"],
    ["would physio actually help him or do they just hand you a sheet of exercises and send you off", "PT, or physical therapy"],
  ])("answers: %s", async (text, section) => {
    const r = await ask(text);
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]?.section).toBe(section);
  });
  it.each([
    "my neck and hands hurt, what helps",
    "had a discectomy 3 weeks ago, exactly how many weeks till i can deadlift 250kg again?",
    "My corgi dog not jump on sofa anymore and cry when I pick him up. What medicine can I give him?",
    // blind65 (read): an animal that "seems to have" a sore back.
    "our dachshund seems to have a sore back, he's reluctant to jump on the sofa. what painkiller can I give him?",
  ])("declines: %s", async (text) => {
    expect((await ask(text)).outOfScope).toBe(true);
  });
  it("still answers a back hurt by a dog or while walking one", async () => {
    expect((await ask("walking the dog has made my back sore")).outOfScope).toBe(false);
    expect((await ask("my dog seems to have hurt my back when he jumped on me")).outOfScope).toBe(false);
  });
  it("still answers exercises after an operation told in the story", async () => {
    expect((await ask("had a discectomy last month, what exercises can i do now")).outOfScope).toBe(false);
  });
});
