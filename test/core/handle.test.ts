import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLogPath } from "../../src/core/create-lumbar.ts";
import type { EscalationEvent, IncomingMessage } from "../../src/core/types.ts";
import { readAuditLog } from "../../src/safety/audit-log.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

let t: TestLumbar;
const alerts: EscalationEvent[] = [];
let n = 0;
const ask = (text: string, conversationId = `c${n++}`): Promise<Awaited<ReturnType<TestLumbar["lumbar"]["handle"]>>> =>
  t.lumbar.handle({ channel: "test", conversationId, userId: "u1", text } satisfies IncomingMessage);

beforeAll(async () => {
  t = await makeTestLumbar({ alertWindowMinutes: 30 });
  t.lumbar.onEscalation((e) => void alerts.push(e));
});
afterAll(async () => {
  await t.cleanup();
});

describe("grounded answers", () => {
  it("answers 'what is sciatica' from the Sciatica section and cites it", async () => {
    const r = await ask("what is sciatica");
    expect(r.sources[0]).toMatchObject({ article: "Back Pain Leads to Leg Pain", section: "1. Sciatica" });
    expect(r.text).toContain("sciatic nerve");
    expect(r.text).toContain("“1. Sciatica”");
    expect(r.outOfScope).toBe(false);
    expect(r.escalation).toEqual({ level: "none", reasons: [] });
    expect(r.suggestions.length).toBeGreaterThanOrEqual(2);
  });

  it("quotes only text that is in the article", async () => {
    const article = await readFile(`${t.corpusDir}/articles/back-pain-leads-to-leg-pain.md`, "utf8");
    const r = await ask("what can I drink to stop back pain");
    expect(r.sources[0].section).toBe("Q. What can I drink to stop back pain?");
    const quoted = r.answer.split("\n").filter((l) => !l.startsWith("(From"));
    for (const sentence of quoted.join(" ").split(/(?<=\.)\s+/).filter(Boolean)) expect(article).toContain(sentence.replace(/^• /, ""));
  });

  it("says plainly when the corpus does not cover a question, with suggestions and no sources", async () => {
    const r = await ask("what's the capital of France");
    expect(r.outOfScope).toBe(true);
    expect(r.sources).toEqual([]);
    expect(r.text).not.toMatch(/paris/i);
    expect(r.text).toMatch(/don't have information/);
    expect(r.suggestions.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses near-misses the articles do not answer rather than answering something nearby", async () => {
    for (const q of ["how much does spinal fusion surgery cost", "what's the max dose of ibuprofen", "is gabapentin good for sciatica"]) {
      expect((await ask(q)).outOfScope, q).toBe(true);
    }
  });

  it("ends every reply with the one-line not-medical-advice note", async () => {
    const r = await ask("how do I fix nerve pain in my legs");
    expect(r.text.trim().endsWith(r.disclaimer)).toBe(true);
    expect(r.disclaimer).toMatch(/not medical advice/);
  });

  it("does not diagnose or prescribe when asked to", async () => {
    const diag = await ask("do i have sciatica? pain goes down my leg");
    expect(diag.answer).toMatch(/^I can't tell you what is causing your pain/);
    const presc = await ask("how much ibuprofen should i take for my back");
    expect(presc.outOfScope || /^I can't tell you what to take/.test(presc.answer)).toBe(true);
  });
});

describe("follow-ups", () => {
  it("answers 'how is it treated?' about the condition asked before", async () => {
    await ask("what is spinal stenosis?", "follow");
    const r = await ask("how is it treated?", "follow");
    const treatments = ["Laminectomy", "Injections", "Surgical Interventions", "Q. How do you fix nerve pain in the legs?", "Medical Treatments and Therapies"];
    expect(treatments).toContain(r.sources[0].section);
    expect(r.text.toLowerCase()).toContain("stenosis");
  });

  it("asked what operation is done for the condition under way, answers with that operation, not the list of surgeries", async () => {
    await ask("my mother was told she has narrowing of the spine, spinal stenosis", "op1");
    expect((await ask("if it came to an operation, what would they do for that", "op1")).sources[0].section).toBe("Laminectomy");
    await ask("my brother has a slipped disc", "op2");
    expect((await ask("what surgery would they do", "op2")).sources[0].section).toBe("Discectomy");
    // Asked for the kinds of surgery, the category answers.
    expect((await ask("what are the options for surgery", "op2")).sources[0].section).toBe("Surgical Interventions");
  });

  it("leaves out what the question rules out: no surgery, no surgical section first", async () => {
    await ask("my dad has spinal stenosis", "nosurg");
    const r = await ask("is there any other way, without an operation?", "nosurg");
    expect(r.outOfScope).toBe(false);
    expect(["Surgical Interventions", "Laminectomy", "Discectomy", "Spinal Fusion", "Artificial Disc Replacement"]).not.toContain(r.sources[0].section);
  });

  it("reads 'the third one' against the list the last answer named, and keeps it as the topic", async () => {
    await ask("what are the reasons back pain goes into the legs", "list1");
    expect((await ask("and the third one?", "list1")).sources[0].section).toBe("3. Spinal Stenosis");
    const next = await ask("who usually gets it", "list1");
    expect(next.text.toLowerCase()).toContain("stenosis");
  });

  it("picks the listed item a description fits: 'which one is the permanent one' after two operations", async () => {
    await ask("whats the difference between spinal fusion and an artificial disc", "list2");
    expect((await ask("which one is the permanent one", "list2")).sources[0].section).toBe("Spinal Fusion");
  });

  it("asked for a kind of treatment after a condition whose section says nothing of treating it, answers with the operation for it", async () => {
    await ask("my 14 year old son plays rugby and has lower back pain going into his leg, the physio thinks a vertebra slipped forward", "kind1");
    expect((await ask("do people need surgery for that or not", "kind1")).sources[0].section).toBe("Spinal Fusion");
  });

  it("keeps to the conversation when a turn points back at something specific the last answer said", async () => {
    await ask("is there anything I can drink that helps back pain", "echo1");
    const r = await ask("oh fine. and the almond milk my neighbour mentioned, how is that meant to help", "echo1");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0].section).toBe("Q. What can I drink to stop back pain?");
  });

  it("reads dialect as the words it stands for", async () => {
    expect((await ask("whit exercise is no hard on ma back efter a fall aff a horse years ago", "dia1")).outOfScope).toBe(false);
    await ask("put my back out shifting hay, ice or heat?", "dia2");
    expect((await ask("an how lang should I lie aboot for?", "dia2")).sources[0].section).toBe("Rest");
  });

  it("a question choosing among what was offered tells another body part as a circumstance, not a new subject", async () => {
    await ask("what are the treatment options for back pain going into the leg", "choose1");
    expect((await ask("which of those is best for an older man? he is 85 with a weak heart so nothing major", "choose1")).outOfScope).toBe(false);
    // Asked about on its own, the other body part is still declined.
    expect((await ask("and what helps a bad heart?", "choose1")).outOfScope).toBe(true);
  });

  it("reads 'get it looked at or wait it out' as asking when to see a doctor", async () => {
    await ask("my left leg has been tingling for a week along with my sciatica", "doc1");
    expect((await ask("should I get it looked at or just wait it out", "doc1")).sources[0].section).toBe("When to See a Doctor");
  });

  it("reads physiotherapy in the words other languages lend English, and a disc 'going out' as herniated", async () => {
    expect((await ask("my doctor sent me to fisioterapia for sciatica, is it worth it?", "loan1")).sources[0].section).toBe("PT, or physical therapy");
    await ask("I lifted a heavy box and my friend says the disc is going out", "loan2");
    expect((await ask("if so what operation, do they take out the whole disc?", "loan2")).sources[0].section).toBe("Discectomy");
  });

  it("asked for the other kinds of what one section of a list answered, answers with the heading over the list", async () => {
    await ask("could my back pain be from something like a kidney problem", "others1");
    expect((await ask("what other sorts of causes are there apart from that", "others1")).sources[0].section).toBe("Reasons for Back Pain");
    await ask("what is a laminectomy", "others2");
    expect((await ask("are there other kinds of operations?", "others2")).sources[0].section).toBe("Surgical Interventions");
  });

  it("asked for 'the other one' of a pair, answers with the pair's other section, not the heading over both", async () => {
    await ask("what is acute back pain", "pair1");
    expect((await ask("whats the other kind then", "pair1")).sources[0].section).toBe("Prolonged Back Pain");
    await ask("what counts as long term back pain", "pair2");
    expect((await ask("and the other type?", "pair2")).sources[0].section).toBe("Acute Back Pain");
  });

  it("declines to book, prescribe or price for the person, but answers what a treatment does", async () => {
    expect((await ask("can u book me in w a physio tmrw", "act1")).outOfScope).toBe(true);
    expect((await ask("could you prescribe me some muscle relaxers", "act2")).outOfScope).toBe(true);
    expect((await ask("how much is a chiro appointment usually", "act3")).outOfScope).toBe(true);
    expect((await ask("how much does a physio session help with sciatica", "act4")).sources[0].section).toBe("PT, or physical therapy");
  });

  it("reads 'runs in families' as the heredity the article names as a cause of worn discs", async () => {
    expect((await ask("my discs are wearing out, does that run in families? my mum had the same", "hered1")).sources[0].section).toBe("6. Degenerative Disc Disease");
  });

  it("answers a follow-up about an activity a section is headed by from that section, the condition being its circumstance", async () => {
    await ask("my husband drives lorries, 10 hrs a day sat down, and now his right buttock aches down his leg", "head1");
    expect((await ask("what can he change about how he sits", "head1")).sources[0].section).toBe("Good Posture and Ergonomics");
  });

  it("reads 'like which stretch exactly' as choosing among what the last answer named", async () => {
    await ask("wfh on the couch w my laptop all day n my back is sooo stiff by 5pm, anything quick i can do", "fill1");
    expect((await ask("like which stretch exactly", "fill1")).sources[0].section).toBe("Q. How can I relieve back pain in 5 minutes?");
  });

  it("asked how the carried condition is fixed, answers with the treatment that names it, not the condition's own section", async () => {
    await ask("what is spondylolisthesis", "fix1");
    expect((await ask("how do they fix it", "fix1")).sources[0].section).toBe("Spinal Fusion");
    // ...but an activity asked about keeps its own section.
    await ask("I have spinal stenosis", "fix2");
    expect((await ask("would swimming help me", "fix2")).sources[0].section).toBe("Cardiovascular Exercise");
  });

  it("asked whether the treatment just discussed is a lasting fix, answers from that treatment's section", async () => {
    await ask("tell me about the injections", "perm1");
    expect((await ask("are they a permanent fix", "perm1")).sources[0].section).toBe("Injections");
  });

  it("reads period cramps as another health topic", async () => {
    expect((await ask("Period cramps go into my lower back every month, what helps with that?", "period1")).outOfScope).toBe(true);
  });

  it("reads the doctor who said something as who said it, not as a question about seeing a doctor", async () => {
    expect((await ask("My doctor mentioned spinal stenosis as the reason my legs ache when I walk to the shops. What is that, in plain English?", "said1")).sources[0].section).toBe("3. Spinal Stenosis");
    expect((await ask("when should I see a doctor about my sciatica", "said2")).sources[0].section).toBe("When to See a Doctor");
  });

  it("reads nurses' shorthand: 'pt with...' is a patient, LBP is low back pain; a back spasm is back pain", async () => {
    expect((await ask("pt with dementia more confused since yesterday, could it be a water infection", "sh1")).outOfScope).toBe(true);
    expect((await ask("does pt help with sciatica", "sh2")).sources[0].section).toBe("PT, or physical therapy");
    expect((await ask("resident has LBP, what are the usual causes", "sh3")).outOfScope).toBe(false);
    expect((await ask("he's just had a back spasm, whats the quickest thing to ease it", "sh4")).sources[0].section).toBe("Q. How can I relieve back pain in 5 minutes?");
  });

  it("declines prescriptions, reading a scan, naming which condition someone has, finding a specialist, and heel pain", async () => {
    for (const [i, text] of [
      "how do i get a repeat prescription for naproxen",
      "can you look at my MRI report and say if I need surgery",
      "back hurts and leg tingles, just tell me which of the conditions I have got",
      "can you recommend a good neurosurgeon in Bristol",
      "sore heels first thing in the morning, what is it",
    ].entries()) expect((await ask(text, `decl${i}`)).outOfScope, text).toBe(true);
  });

  it("keeps a pointing question that names the leg in the conversation, whatever everyday words it adds", async () => {
    await ask("what is the spine actually made of", "leg1");
    const r = await ask("ok and what are the main things that send it down into the leg, just give me the list", "leg1");
    expect(r.outOfScope).toBe(false);
    await ask("what is sciatica", "leg2");
    expect((await ask("will it rain tomorrow in leeds", "leg2")).outOfScope).toBe(true);
  });

  it("reads a conditional naming an activity or treatment of its own as a question about it, not about the doctor asked before", async () => {
    await ask("tingling in my toes, do i need to get it looked at or can i wait it out", "cond1");
    expect((await ask("what if i just rest it for a week first and see", "cond1")).sources[0].section).toBe("Rest");
    await ask("when should I see a doctor about sciatica", "cond2");
    expect((await ask("what if its just tingling in my legs", "cond2")).sources[0].section).toBe("When to See a Doctor");
  });

  it("reads 'dr' as the doctor it abbreviates", async () => {
    expect((await ask("when do i actually need to go to a dr for my back", "dr1")).sources[0].section).toBe("When to See a Doctor");
  });

  it("keeps a pointing question in the conversation when a story of everyday words is told beside it", async () => {
    await ask("what's a herniated disc", "story1");
    const r = await ask("how's it happen then, I only bent down for the remote", "story1");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0].section).toBe("2. Herniated Disc");
  });

  it("reads the operation that keeps more movement than fusion as the artificial disc, and 'keep moving' alone as nothing of it", async () => {
    await ask("the surgeon wants to fuse two of my dad's vertebrae", "adr1");
    expect((await ask("is there an op that keeps him moving more than that", "adr1")).sources[0].section).toBe("Artificial Disc Replacement");
    expect((await ask("is it better to keep moving or rest when my back hurts", "adr2")).sources.map((x) => x.section)).not.toContain("Artificial Disc Replacement");
  });

  it("asks a question of the conversation's topic when it names none of its own ('whats the biggest risk factor')", async () => {
    await ask("can arthritis in the spine give you leg pain", "risk1");
    const r = await ask("whats the biggest risk factor", "risk1");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0].section).toBe("7. Arthritis");
  });

  it("keeps a correction in the conversation ('no sorry I meant my grandad, same thing?')", async () => {
    await ask("my legs cramp after walking ten minutes and it goes when i sit, what is that", "corr1");
    const r = await ask("no sorry i meant my grandad not me, he is 81, same thing?", "corr1");
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0].section).toBe("3. Spinal Stenosis");
  });

  it("reads sounds ('ooh'), 'others?' and 'what else' as more of the conversation", async () => {
    await ask("anything i can drink for my back?", "more1");
    expect((await ask("ooh which teas exactly", "more1")).sources[0].section).toBe("Q. What can I drink to stop back pain?");
    await ask("are planks good for stopping back pain coming back?", "more2");
    expect((await ask("others?", "more2")).outOfScope).toBe(false);
    await ask("can inflammation like ankylosing spondylitis cause back pain", "more3");
    expect((await ask("what else causes it besides that then", "more3")).sources[0].section).toBe("Reasons for Back Pain");
  });

  it("reads a friend's name as a person, not an unknown product", async () => {
    await ask("my surgeon says an artificial disc might be an option for me", "name1");
    const r = await ask("how does that compare to having them joined together, which is what my friend Maureen had done?", "name1");
    expect(r.outOfScope).toBe(false);
  });

  it("does not let 'what else' carry an unrelated turn into the conversation", async () => {
    await ask("what helps sciatica?", "else1");
    expect((await ask("what else is on telly tonight", "else1")).outOfScope).toBe(true);
  });

  it("reads 'do I still need physio after it' as a question about the treatment 'it' is", async () => {
    await ask("my GP says maybe a cortisone injection for my sciatica, what does it do", "along1");
    expect((await ask("do I still need to keep doing the physio after it", "along1")).sources[0].section).toBe("Injections");
  });

  it("keeps conversations apart", async () => {
    await ask("what is spinal stenosis?", "one");
    const r = await ask("how is it treated?", "two");
    expect(r.text.toLowerCase()).not.toContain("stenosis");
  });
});

describe("bad input", () => {
  it("answers an empty message with a clear prompt and suggestions", async () => {
    const r = await ask("   ");
    expect(r.answer).toMatch(/didn't get any text/);
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.escalation.level).toBe("none");
  });

  it("checks a huge message for red flags in full and says it answered from its start", async () => {
    const filler = "my back has been sore and stiff for a while. ".repeat(200);
    const r = await ask(`${filler} also today I wet myself without noticing`);
    expect(r.escalation.level).toBe("emergency");
    expect(r.answer).toMatch(/message was long/);
  });
});

describe("red flags in the reply", () => {
  it("puts emergency guidance first, escalates, alerts once and logs durably", async () => {
    const before = alerts.length;
    const r = await ask("I've lost control of my bladder and my back is killing me", "emergency-1");
    expect(r.escalation).toEqual({ level: "emergency", reasons: ["bladder-control-loss"] });
    expect(r.text.startsWith(r.guidance!)).toBe(true);
    expect(r.guidance).toMatch(/emergency/);
    expect(r.guidance).toMatch(/999/);
    expect(r.guidance).not.toMatch(/cauda equina/i);
    // The same person again in the same conversation: guidance again, no second alert.
    const again = await ask("still can't control my bladder", "emergency-1");
    expect(again.escalation.level).toBe("emergency");
    await new Promise((r) => setImmediate(r));
    const mine = alerts.slice(before).filter((a) => a.conversationId === "emergency-1");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ tier: "emergency", ruleIds: ["bladder-control-loss"], channel: "test", userId: "u1" });
    expect(mine[0].text).toBeUndefined();
    const { records } = await readAuditLog(auditLogPath(t.dataDir));
    const logged = records.filter((x) => x.conversationId === "emergency-1");
    expect(logged.map((x) => x.alerted)).toEqual([true, false]);
    expect(logged.every((x) => x.text === undefined)).toBe(true);
  });

  it("answers a question asked inside an emergency report after the guidance, and gives the guidance alone to a report", async () => {
    const asked = await ask("numb in both legs since this morning, at what point should i get seen by someone");
    expect(asked.escalation.level).toBe("emergency");
    expect(asked.text.startsWith(asked.guidance!)).toBe(true);
    expect(asked.sources[0]?.section).toBe("When to See a Doctor");
    // A report gets the guidance alone, citing the articles' section on when to get care (the rules
    // file's care_section), with no article text under it.
    const told = await ask("numb in both legs since this morning");
    expect(told.escalation.level).toBe("emergency");
    expect(told.answer).toBe("");
    expect(told.sources.map((s) => s.section)).toEqual(["When to See a Doctor"]);
    // A clause that only tells ("when I am sitting") asks nothing.
    const report = await ask("I have wet myself and my bum is numb when I am sitting on the toilet");
    expect(report.escalation.level).toBe("emergency");
    expect(report.answer).toBe("");
    expect(report.sources.map((s) => s.section)).toEqual(["When to See a Doctor"]);
    // Asked about something else, an emergency still quotes the care section first.
    const other = await ask("I wet myself this morning and my bum is numb, which stretches help sciatica?");
    expect(other.sources[0]?.section).toBe("When to See a Doctor");
  });

  it("gives urgent guidance for symptoms that need a doctor soon", async () => {
    const r = await ask("my left leg has gone numb and tingly since yesterday");
    expect(r.escalation.level).toBe("urgent");
    expect(r.text.startsWith(r.guidance!)).toBe(true);
    expect(r.guidance).toMatch(/doctor today/);
  });

  it("answers an informational question with the warning in its text but no escalation", async () => {
    const before = alerts.length;
    const r = await ask("what does saddle numbness mean?");
    expect(r.escalation.level).toBe("none");
    expect(r.guidance).toMatch(/emergency/);
    await new Promise((r) => setImmediate(r));
    expect(alerts.length).toBe(before);
  });

  it("escalates someone else's emergency: someone needs help now", async () => {
    const r = await ask("my dad can't control his bladder and his back is agony");
    expect(r.escalation.level).toBe("emergency");
  });
});

describe("after an emergency, and odd messages", () => {
  it("keeps the emergency guidance in view for the rest of the conversation", async () => {
    await ask("I suddenly can't control my bladder", "carry");
    const r = await ask("still the same", "carry");
    expect(r.guidance).toMatch(/Earlier in this conversation/);
    expect(r.text.startsWith(r.guidance!)).toBe(true);
  });

  it("answers another script with what it can read and the emergency numbers", async () => {
    const r = await ask("Я не чувствую ног и не могу помочиться");
    expect(r.answer).toMatch(/only read English/);
    expect(r.answer).toMatch(/999/);
    // ...and, since the rules cannot read it, the safety question with its one-tap answers.
    expect(r.check).not.toBeNull();
    // A Latin word or two inside another script does not change that.
    const mixed = await ask("У меня болит спина после MRI и я не чувствую ног");
    expect(mixed.answer).toMatch(/only read English/);
  });

  it("answers thanks as thanks, a greeting as a greeting, without repeating the last answer", async () => {
    await ask("what is sciatica", "thanks");
    const r = await ask("thanks so much!", "thanks");
    expect(r.answer).toMatch(/^You're welcome/);
    expect(r.sources).toEqual([]);
    expect(r.suggestions).toEqual([]);
    const hello = await ask("hi there");
    expect(hello.answer).toMatch(/^Hello!/);
    expect(hello.suggestions.length).toBeGreaterThan(0);
    expect((await ask("ok bye")).answer).toMatch(/^Take care/);
    // A question that starts with a greeting is a question.
    expect((await ask("hi, what is sciatica")).sources[0]?.section).toBe("1. Sciatica");
  });
});

describe("when the audit log cannot be written", () => {
  it("the person still gets the guidance and operators the alert", async () => {
    const { AuditLog } = await import("../../src/safety/audit-log.ts");
    const { writeFile } = await import("node:fs/promises");
    const blocker = `${t.dataDir}/not-a-folder`;
    await writeFile(blocker, "x");
    const broken = await makeTestLumbar({}, { auditLog: new AuditLog(`${blocker}/escalations.jsonl`) });
    try {
      const got: EscalationEvent[] = [];
      broken.lumbar.onEscalation((e) => void got.push(e));
      const r = await broken.lumbar.handle({ channel: "test", conversationId: "c", userId: "u", text: "I cannot control my bladder" });
      expect(r.escalation.level).toBe("emergency");
      expect(r.text.startsWith(r.guidance!)).toBe(true);
      await new Promise((res) => setImmediate(res));
      expect(got).toHaveLength(1);
    } finally {
      await broken.cleanup();
    }
  });

  it("review fixes: questions the change refused, misrouted or let through", async () => {
    // A session's feel is no question of cost.
    expect((await ask("How much is a physio session supposed to hurt?", "rvA")).outOfScope).toBe(false);
    // Asking whether to go to hospital at all is asking about seeing a doctor.
    expect((await ask("Is it safe to not go to hospital with this back pain?", "rvB")).sources[0].section).toBe("When to See a Doctor");
    expect((await ask("can I not go to the hospital and see how it goes with rest?", "rvC")).sources[0].section).toBe("When to See a Doctor");
    // Another treatment asked after one is discussed is not more of that one.
    await ask("what medications help back pain", "rvD");
    expect((await ask("how else can I fix it", "rvD")).sources[0].section).not.toBe("Medications");
    // A whole other subject told beside a pointing question stays another subject.
    await ask("what is sciatica", "rvE");
    expect((await ask("is it bad? my car makes a grinding noise when I brake", "rvE")).outOfScope).toBe(true);
  });
});
