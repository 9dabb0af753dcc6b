import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EscalationEvent, Reply } from "../../src/core/types.ts";
import { LiveIndex } from "../../src/index/live-index.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { checkRedFlags } from "../../src/safety/check-red-flags.ts";
import { parseRules } from "../../src/safety/rules.ts";
import { escalationView } from "../../src/console/queue-view.ts";
import type { QueueEntry } from "../../src/safety/escalation-queue.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// Thoughts of suicide or self-harm: not a spinal sign, but people living with long-lasting pain say
// them, and they need help lines and a human at once, never a passage on back pain. The rule lives in
// corpus/red-flags.yml with its own guidance and its own check question.
const RULE = "thoughts-of-suicide-or-self-harm";

let t: TestLumbar;
let snapshot: IndexSnapshot;
const alerts: EscalationEvent[] = [];
let n = 0;
const say = (text: string, conversationId = `crisis-${n++}`): Promise<Reply> => t.lumbar.handle({ channel: "test", conversationId, userId: "u1", text });
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  t = await makeTestLumbar();
  t.lumbar.onEscalation((e) => void alerts.push(e));
  snapshot = await new LiveIndex({ dataDir: t.dataDir, corpusDir: t.corpusDir, embeddings: null, logger: silentLogger }).get();
});
afterAll(async () => {
  await t.cleanup();
});

const outcome = async (text: string): Promise<"crisis" | "ask" | "none"> => {
  const r = await checkRedFlags(snapshot, text);
  return r.reasons.includes(RULE) ? "crisis" : r.check.includes(RULE) ? "ask" : "none";
};

describe("thoughts of suicide or self-harm", () => {
  it.each([
    "my sciatica is so bad i keep thinking everyone would be better off without me",
    "i cant take this pain anymore, honestly i want to end it all",
    "I have thought about ending it all",
    // Said of someone with the writer now: the writer is the one who can act.
    "my husband says he wants to end it all because of his back",
    "my dad told me today he's been thinking about ending his life",
    "I took an overdose last night, back still agony",
    "ive been saving up my tablets for when it gets too much",
    "ive started cutting my arms again just to feel something that is not my back",
    "sometimes on shift i think about stepping out in front of the truck",
    // From the review: plans and acts said with "over this", "with the pills", "to get away".
    "I want to kill myself over this pain",
    "I'm going to kill myself with the pills I have left",
    "i am thinking of killing myself to get away from this pain",
    "I've been cutting myself at work in the toilets",
    "I want to hurt myself",
    "my son is cutting himself",
    "i want too die",
    "I wish to die",
    "i'd rather die than live with this pain",
    "I've lost the will to live",
    "my husband has locked himself in the bathroom with his pills",
    "my mum told me she wishes she was dead",
    "i took a whole pack of paracetamol",
    "I've been thinking about ending it, proper thinking",
    "hes taken all his gabapentin with a bottle of vodka",
  ])("escalates with the help lines: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });

  it.each([
    "i cant go on like this, my back and leg never stop hurting",
    "whats the point of anything anymore, cant work cant sleep",
    "Madam, I am not finding any reason to continue like this. Pain in back and leg whole day",
    "my husband keeps saying he's just a burden to everyone since his back went",
  ])("asks, gently, when hopelessness may or may not mean it: %s", async (text) => {
    expect(await outcome(text)).toBe("ask");
  });

  it.each([
    "this pain is killing me, what helps sciatica",
    "I've been killing myself doing double shifts and now my back is wrecked",
    "My husband say I am killing myself with the cleaning jobs, three houses every day",
    "I cut myself shaving and my back twinged",
    "I'd rather die than have surgery",
    "feel like im gonna die every time i sneeze, shoots right down my leg",
    "i literally want to die every time i have to get up from a lecture seat lmao",
    "I don't want to die from this, is it serious?",
    "I'm not suicidal, just fed up with this sciatica",
    "my uncle killed himself years ago",
    "saw on the news a man killed himself after years of back pain, how often is sciatica permanent?",
    "the wife's watching some drama where the fella overdoses on painkillers, is tramadol dangerous at the normal dose?",
    "I can't go on working like this with my back",
    "can you overdose on ibuprofen",
    // From the review: medicines, plans and endings of ordinary life.
    "yoga is saving my back",
    "I took all my tablets today and it still hurts",
    "can i take all my pills together in the morning?",
    "the whole packet of ibuprofen didn't touch it",
    "what is the max dose of naproxen, I don't want to overdose",
    "Overdose of vitamin D can cause back pain?",
    "I made a plan to see a physio",
    "I wrote a note for the GP listing my symptoms",
    "I'll end it here, thanks for the info",
    "i want to end it with my chiropractor",
    "I burned myself with the heat pad, left a red mark",
    "I hang myself from the pull up bar to decompress my spine",
    "duloxetine warning says suicidal thoughts, should I worry?",
    "I read an article about suicide rates in chronic pain patients",
    "my posture is hopeless",
    "there's no way out of the car without pain",
    "is there any point in taking gabapentin",
    "I can't go on with the gabapentin, side effects are awful",
    "reasons to continue physio?",
    "Goodbye guys, back to work",
    "I'll end it here, thanks for the info",
  ])("leaves an idiom, a denial, a story or a question alone: %s", async (text) => {
    expect(await outcome(text)).toBe("none");
  });

  it("answers with its own guidance, cites no back-pain section and alerts an operator with the rule", async () => {
    alerts.length = 0;
    const r = await say("my sciatica is so bad i keep thinking everyone would be better off without me");
    expect(r.escalation.level).toBe("emergency");
    expect(r.escalation.reasons).toContain(RULE);
    expect(r.guidance).toMatch(/116 123/);
    expect(r.guidance).toMatch(/988/);
    // Not the spinal emergency's words, and no "When to See a Doctor" passage under them.
    expect(r.guidance).not.toBe(snapshot.rules.guidance.emergency);
    expect(r.guidance).not.toMatch(/nerves at the bottom of the spine/);
    expect(r.sources).toEqual([]);
    expect(r.text.startsWith(r.guidance!)).toBe(true);
    await settle();
    expect(alerts.map((a) => a.ruleIds)).toContainEqual([RULE]);
  });

  it("alerts operators of a crisis minutes after a spinal alert in the same conversation (its own alert window), once", async () => {
    alerts.length = 0;
    await say("I can't feel my bum and I've wet myself", "window");
    await say("honestly I want to kill myself", "window");
    await say("I keep thinking about ending it all", "window");
    await settle();
    expect(alerts.filter((a) => a.conversationId === "window").map((a) => a.ruleIds.includes(RULE))).toEqual([false, true]);
  });

  it("repeats the help lines, not only the emergency numbers, above later replies in the conversation", async () => {
    await say("i want to end it all, my back pain is too much", "later");
    const next = await say("my back still hurts, what helps", "later");
    expect(next.escalation.level).toBe("none");
    expect(next.guidance).toMatch(/116 123/);
    expect(next.guidance).not.toMatch(/something that needs help now/);
    expect(next.sources.length).toBeGreaterThan(0);
    // After a spinal emergency only, the general line; after both, both.
    await say("I can't feel my bum and I've wet myself", "later-spinal");
    const spinal = await say("what causes sciatica", "later-spinal");
    expect(spinal.guidance).toMatch(/something that needs help now/);
    expect(spinal.guidance).not.toMatch(/116 123/);
    await say("honestly I want to kill myself", "later-spinal");
    const both = await say("ok what about stretches", "later-spinal");
    expect(both.guidance).toMatch(/116 123/);
    expect(both.guidance).toMatch(/something that needs help now/);
  });

  it("gives the help lines alone, without article text, when the message also asks something", async () => {
    const r = await say("i want to end it all, what helps sciatica at night?");
    expect(r.guidance).toMatch(/116 123/);
    expect(r.answer).toBe("");
    expect(r.sources).toEqual([]);
  });

  it("adds the help lines to a spinal emergency told with hopelessness, which is not asked about then", async () => {
    const r = await say("only a trickle when I pee lately and whats the point of anything anymore");
    expect(r.escalation.level).toBe("emergency");
    expect(r.escalation.reasons).toEqual(expect.arrayContaining(["urinary-retention", RULE]));
    expect(r.guidance).toMatch(/116 123/);
  });

  it("asks its own question first when a spinal near miss comes with it, so neither 'yes' confirms the other", async () => {
    const r = await say("both my legs feel like jelly, I can't go on like this", "both-checks");
    expect(r.check?.reasons).toEqual([RULE]);
  });

  it("reads 'sometimes', the yes option without its 'yes' and 'I do' as a yes; 'maybe I should try physio' is not", async () => {
    for (const [answer, level] of [["sometimes", "emergency"], ["thoughts like that", "emergency"], ["i do", "emergency"], ["maybe I should try physio", "none"]] as const) {
      const c = `yesish-${answer}`;
      await say("whats the point of anything anymore", c);
      expect((await say(answer, c)).escalation.level, answer).toBe(level);
    }
  });

  it("gives both guidances when a spinal emergency is told beside it", async () => {
    const r = await say("I've wet myself and can't feel my bum, and honestly I want to end it all");
    expect(r.escalation.reasons).toEqual(expect.arrayContaining([RULE]));
    expect(r.guidance).toMatch(/116 123/);
    expect(r.guidance).toContain(snapshot.rules.guidance.emergency);
  });

  it("asks its own question with its own answers; 'yes' escalates with its guidance, 'no' answers the message", async () => {
    alerts.length = 0;
    const asked = await say("i cant go on like this, my back and leg never stop hurting, what else can i try", "ask-yes");
    expect(asked.escalation.level).toBe("none");
    expect(asked.check?.question).toMatch(/thoughts of ending your life/);
    expect(asked.check?.question).toMatch(/the person you're writing about/);
    expect(asked.check?.options).toEqual(["Yes, thoughts like that", "No"]);
    const yes = await say("Yes, thoughts like that", "ask-yes");
    expect(yes.escalation.level).toBe("emergency");
    expect(yes.escalation.reasons).toContain(RULE);
    expect(yes.guidance).toMatch(/Samaritans/);
    await settle();
    expect(alerts.map((a) => a.ruleIds[0])).toContain(RULE);

    await say("whats the point of anything anymore with this sciatica", "ask-no");
    const no = await say("no", "ask-no");
    expect(no.escalation.level).toBe("none");
    expect(no.guidance).toBeUndefined();
  });

  it("its 'yes' button escalates with its own guidance even when the question is no longer held (a restart)", async () => {
    const r = await say("Yes, thoughts like that", "restarted");
    expect(r.escalation.reasons).toEqual([RULE]);
    expect(r.guidance).toMatch(/116 123/);
    expect(r.guidance).not.toMatch(/nerves at the bottom of the spine/);
  });

  it("shows operators, in the console, the guidance the person was given", async () => {
    const info = await t.lumbar.redFlagRules();
    const entry = (ruleIds: string[]) =>
      ({ record: { id: "e1", time: new Date().toISOString(), tier: "emergency", ruleIds, channel: "test", conversationId: "c", userId: "u", indexVersion: "v" }, state: "new", changes: [], deliveries: [] }) as unknown as QueueEntry;
    const says = new Map(info.rules.map((r) => [r.id, r.says]));
    const crisis = escalationView(entry([RULE]), says, info, false).guidance;
    expect(crisis).toMatch(/116 123/);
    expect(crisis).not.toContain(info.guidance.emergency);
    expect(escalationView(entry(["urinary-retention"]), says, info, false).guidance).toBe(info.guidance.emergency);
    const both = escalationView(entry([RULE, "urinary-retention"]), says, info, false).guidance;
    expect(both).toMatch(/116 123/);
    expect(both).toContain(info.guidance.emergency);
  });

  it("adds no spinal safety note to a question about suicide in general", async () => {
    const r = await say("does chronic back pain make people suicidal?");
    expect(r.escalation.level).toBe("none");
    expect(r.guidance).toBeUndefined();
  });
});

// Plans, overdoses and self-harm told without the words for them: each a concept of general meaning
// (a means made ready, a count of tablets, a tool on one's own skin), each with controls that share its words.
describe("thoughts of suicide told by a plan, a count, a tool or a quote", () => {
  it.each([
    // A means and its moment.
    "he keeps a rifle in the shed for when the pain gets too much, he said so himself",
    // An overdose told by its count; medicines gathered.
    "I swallowed 40 of the co-codamol about twenty minutes ago",
    "mum has taken 25 of her sleeping tablets, she's drowsy",
    "been hoarding my pregabalin since christmas",
    // A tool on one's own skin.
    "i keep taking a blade to my thighs after my shift",
    "she's been burning her arm with a lighter",
    // Wishing to be gone, prayed for, or to join someone dead.
    "the grandkids are the only thing keeping me here now",
    "no one would miss me if I went, my back has made me useless",
    "every night I pray the Lord takes me in my sleep",
    "I just want to go and be with my late wife",
    // Harm told as recent is not undone by feeling fine now, nor by an age or a school in the sentence.
    "I took a load of tramadol last night but I feel ok now",
    "My 15 year old daughter took an overdose, she says she's fine now",
    "I'm a uni student and I took an overdose earlier, feeling fine now",
    "took 40 co-codamol in the last hour",
    // The second review: a distant word about something else, a relapse, an accident denied.
    "I was diagnosed with sciatica years ago and I took an overdose on Saturday but I'm ok now",
    "it wasn't an accident, I took a knife to my arm last night",
    "I've started self harming again, I slipped last week",
    "took 14 days of my pregabalin at once",
  ])("escalates with the help lines: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });

  it.each([
    "my uncle loaded his shotgun in front of us last night and put it to his chin",
    "I'm going to step off the scaffold on purpose one of these days",
    "how many of my co-codamol would it take to not wake up",
    // A relative's own words passed on in quotes are a report, not a term.
    "My sister keeps saying she's \"had enough of everything\" since the op",
    "grandad told us he 'can't see the point anymore'",
  ])("asks, when a plan may be there: %s", async (text) => {
    expect(await outcome(text)).not.toBe("none");
  });

  it.each([
    "took 2 of my tramadol this morning and it took the edge off",
    "I've taken 12 ibuprofen over the last three days, is that ok",
    "I'm saving up for a new mattress",
    "keeping my painkillers in the kitchen drawer away from the kids",
    "cut my thigh on a broken glass in the garden by accident",
    "the knife slipped when I was cooking and caught my arm",
    "went hunting with my rifle at the weekend and my back seized",
    "walked over the bridge to work and my leg gave me grief",
    "we went up to the cliff top, brave of me with this back",
    "I jumped off the wall on purpose to show the kids and jarred my back",
    "I pray every night that my back gets better",
    "years ago I took an overdose, I'm in a much happier place now, which painkiller is safest?",
    "my GP said 'cauda equina' but what does it mean",
    "the script says to ask about 'saddle numbness'",
    "my mate said he'd 'rather be dead than go to physio' lol",
    "I'm done with physio, what else can I try?",
    "I can't tell when I'm done peeing",
    "I give up on the exercises, they don't work",
    "Watched a show on Netflix where a character overdoses, made me think about my own meds. Is naproxen safe?",
    // The review's probes: similes of pain, accidents with tools, doses in units and times, a
    // prescription collected or built up, a massage gun, prayers for healing, everyday giving up.
    "it feels like a hot knife to my thigh",
    "like someone stabbing my leg with a knife",
    "dropped the knife on my leg at work, it's fine",
    "hit my thigh with a hammer by accident and my leg is numb since",
    "I took 100 mg of gabapentin",
    "took 10 mins for the tramadol to kick in, is that normal?",
    "I'm collecting my tablets from the pharmacy tomorrow",
    "building up my gabapentin dose slowly like the GP said",
    "I keep the massage gun by the sofa for when the pain gets too bad",
    "my dad keeps his shotgun for when the foxes get too bad",
    "finally brave enough to drive over the Forth bridge again after the accident",
    "gonna drive into town on purpose to get the tablets",
    "stood at the edge of the platform for 20 mins waiting for the train",
    "praying the surgeon takes me on for the op",
    "I pray I never wake up with sciatica like this again",
    "I'm done with this chair, which office chair is best?",
    "ok I give up, what stretches actually work?",
    "I've made my peace with the pain, just want tips",
    "we're giving away loads of stuff before we move house",
    "who'll look after the dog when I'm gone for the op",
    "worried mum: how many co-codamol would be fatal if my toddler got hold of them?",
    "my mum said she 'wants to die' when she stands up lol",
    "took an overdose ages ago, I'm fine now",
    "I attempted suicide a long time ago but I'm well now",
    "it's as though someone is cutting my leg with a knife",
    "I self harmed as a teenager but I'm fine now",
    "I've had 30 co-codamol since last week",
    "I took 12 tablets today, 2 every 4 hours",
  ])("leaves a count, a tool, a place or a quote alone when it is ordinary: %s", async (text) => {
    expect(await outcome(text)).toBe("none");
  });
});

describe("distress asked about by its kind: worn out, a burden, farewells, a means gone to (blind55, read)", () => {
  it.each([
    // The whole supply taken; a rope tied to hang from.
    "took all the paracetamol in the packet after tea, just want it over",
    // The review: the whole of a supply told other ways.
    "downed the entire bottle of pills with vodka an hour ago",
    "took every tablet in the box tonight, just want it over",
    "i took the whole box of co-codamol an hour ago",
    "mum took every last one of her tramadol, she says she's sorry",
    // The review: an exception must not clear the statement beside it.
    "how much tramadol is a lethal dose, i want to die, the kids are grown up now",
    "i called the suicide lines last night but hung up, back pain 24/7",
    "gonna hang myself from the top of the door frame tonight",
  ])("escalates with the help lines: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });

  it.each([
    // Endurance at its end, what living is for, not caring whether one lives.
    "honestly losing the will to live with this sciatica",
    "I'm at the end of my tether with this leg",
    "sick of living like this, the back never lets up",
    "what's the use of living when every day is this pain",
    "wi this back I dinnae care what happens to me anymore",
    // A burden to the family, worth more gone.
    "I feel like a burden on my family since the disc went",
    // Farewells and arrangements of someone who expects not to be there.
    "found my brother in the garage with a rope round the rafters",
    "dad's put his affairs in order and says his back has beaten him",
    // The review: the negated positive is the distress.
    "I don't see the point in living anymore",
    "i dont have the will to live anymore",
    "i has no reason for living, wife gone and back broken",
    "god please just take me, i cant do this",
    "she rang to say sorry everyone and that she loves us, her back's been awful",
    "if this pain keeps on I'll not be here much longer",
    // Poison, an amount that kills, medicines hidden, a weapon got out, a height gone to.
    "he's bought weedkiller and keeps it by his bed since the op failed",
    "what's the lethal dose of pregabalin",
    "nan is hiding her tablets under the mattress instead of taking them",
    "got the shotgun out again tonight and just sat in the barn",
    "stood on the bridge for an hour after work last night",
    "I want to sleep and never wake up",
    "whit's the point of any of it",
  ])("asks: %s", async (text) => {
    expect(await outcome(text)).not.toBe("none");
  });

  it.each([
    // Bodies that "go to sleep", counters, roofers, drills and holidays are not distress.
    "my bum went to sleep and won't wake up after the long drive",
    "pooed myself in my sleep and didnt wake up, back bad since the fall",
    "which over the counter painkiller is best for sciatica",
    "how long after a spinal fusion can I get back up on roofs",
    "suicide sprints at football training wrecked my back",
    "did a bungee jump off a bridge in NZ and my leg's been sore since",
    "gonna hang myself upside down on the inversion table, does it help a disc",
    "my wife keeps our bank details in a folder, is that where the claim form goes",
    "I've got no weed killer left for the patio and my back won't let me weed by hand",
    // The review: ropes, a course finished, a persisting ache, water for rest, sport, hair.
    "the rope swing hanging from the tree snapped and I landed on my back, pain down my left leg",
    "we tied the tow rope round the tree to pull the car out and my back went",
    "i took all the ibuprofen in the strip over 3 days like the chemist said",
    "took all the tablets in the packet over the last week like the gp said, still sore",
    "bought weedkiller for the patio but the ache in my leg is not wearing off",
    "we keep a caravan by the sea for when the back pain gets too much, the air helps",
    "wife took my bank cards off me cos I keep ordering gadgets",
    "goodbye everyone, off to the hospital for the discectomy",
    "I won't be here for christmas, we're going to spain",
    "hiding my tablets from the kids up high",
    "took the shotgun out to clay pigeon shoot and my back went",
    "my will to live returned after physio lol",
    "whats the easiest way to die my hair",
    "how much bleach do I put in the mop bucket",
  ])("leaves alone: %s", async (text) => {
    expect(await outcome(text)).toBe("none");
  });

  // Two signs that are only asked about, in different clauses, add up to the concern (checks_add_up).
  it("escalates two different signs told together, and asks about one alone", async () => {
    expect(await outcome("I'm no use to anyone since my back went. I've put my affairs in order")).toBe("crisis");
    expect(await outcome("got the shotgun out again tonight. I'm just a burden to the family")).toBe("crisis");
    expect(await outcome("I feel like a burden on my family since my back went")).toBe("ask");
  });

  it("asks about a goodbye posted by a friend, letters left for the family, and an easy way to go", async () => {
    expect(await outcome("my cousin posted 'sorry everyone, I'm done' on facebook and won't answer")).toBe("ask");
    expect(await outcome("I wrote a letter to my kids last night, it's in the drawer")).not.toBe("none");
    expect(await outcome("been thinking the canal would be an easy way to go")).toBe("ask");
    expect(await outcome("been reading how much rat poison is needed, the back pain never stops")).toBe("ask");
    expect(await outcome("how much rat poison do you need for a barn full of rats")).toBe("none");
    // Caribbean "a go" is "going to".
    expect(await outcome("mi a go end it tonight, mi cyaan tek di pain")).toBe("crisis");
    expect(await outcome("I'll have a go at the stretches tonight")).toBe("none");
    // A stranger's post read online is still a story, not a report.
    expect(await outcome("a stranger on reddit posted 'I want to die' about his sciatica, is it that bad?")).toBe("none");
  });
});

describe("the usual ways of saying it (screening wording: wishing to be dead, thoughts, a plan, preparations)", () => {
  it.each([
    "I keep thinking about ending things",
    "he's been going on about not wanting to live anymore",
    "I took too many of my tablets on purpose",
  ])("escalates: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });
  it.each([
    "honestly I wish I could just disappear",
    "I want it all to end",
    "I've been googling how many pills it would take",
    "I've got enough tablets saved to do it",
    "I'm sorry for everything, you won't hear from me again",
    "I can't take it anymore",
    "I want to go to sleep forever",
    "sometimes I think about not waking up",
    "I wish the pain would kill me",
    "no one would notice if I died",
  ])("asks: %s", async (text) => {
    expect(await outcome(text)).toBe("ask");
  });
  it.each([
    "I want this pain to end, what can I take",
    "googling how many steps a day I should do with sciatica",
    "I've got enough tablets to last till my next prescription",
    "worried about not waking up after the anaesthetic",
    "my wife isn't answering her phone, she's at work, what stretches for her back",
    // The third review: deliberate doses, partings, shifts, ropes for traction, sheds and searches.
    "I took my tablets on purpose before the walk so the back wouldn't seize",
    "I'm ending things with my physio, he's useless, who else can I see",
    "I'm on the bridge shift this week and my back's sore",
    "got the rope for my traction, how long do I hang",
    "my husband locked himself in the garage all weekend building shelves",
    "googled how many pills of ibuprofen I can take in a day",
    "enough ibuprofen put by to last the week",
  ])("leaves alone: %s", async (text) => {
    expect(await outcome(text)).toBe("none");
  });
});

describe("means made ready, the whole supply, farewells by occasion and gifts, a year long past (blind58, read)", () => {
  it.each([
    "I have taken all of the co-codamol in the house, perhaps thirty tablets, about an hour ago",
    "been standing at the edge of the train platform after school thinking about stepping off",
    "ran a pipe from the exhaust into the car window last night",
    "took like twenty of my co-codamol an hour ago, feel sick",
    "took all the amitriptyline from the kitchen drawer half an hour ago",
    // Two signs in different clauses add up: a rope made ready, and wanting it all to stop.
    "got the rope sorted in the shed. just want it all to stop",
  ])("escalates: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });
  it.each([
    "I won't be here for Christmas and that's my choice",
    // A gun got out and loaded is asked about: shooting foxes or selling one reads the same.
    "got my grandpas pistol out again tonight and loaded it. my back is wrecked",
    "gave my cousin my chainsaw and the ute keys. won't be needing them",
    "lately I keep thinking about the ward's potassium, I'm scared of myself",
    "been sitting in the garage with the engine running the last couple of nights",
    "my dad's been googling ways to do it",
    "I've stopped my heart tablets, let nature take its course",
  ])("asks: %s", async (text) => {
    expect(await outcome(text)).toBe("ask");
  });
  it.each([
    "Doing a 10k walk for a suicide prevention charity next month, my sciatica is flaring, walk through it?",
    "I volunteer on a suicide helpline and sitting for a four-hour shift aggravates my sciatica",
    "my mate's dad killed himself back in '85 after the strike. can old pit injuries cause stenosis?",
    "I took an overdose in 2009, I'm fine now. my back hurts when I bend",
    "I'll be here for Christmas this year, back's much better",
    "gave my old crutches to the charity shop, won't be needing them now my back's better",
    "got the rope ready for the tow, my back is killing me after",
    "the engine was running rough so I left it in the garage, my back's sore from the jack",
    "I won't be needing physio anymore, what stretches keep it away",
    // The second review's look-alikes: counts in words that are spans or naps, supplies returned or
    // taken off someone, guns for foxes, hoses fitted, garages that mend cars, a doctor's advice,
    // ropes for a job, occasions away, fear for one's back, ways of doing a task.
    "Had forty winks after my tablets and woke up with my leg numb",
    "took fourteen days for the naproxen to do anything",
    "Ive had fifteen years on gabapentin",
    "I've taken sixteen co-codamol in the last four days, max dose",
    "I took all the old meds in the cupboard back to the chemist for disposal",
    "I took all the tablets that I had been given by the GP and still no relief",
    "Got the shotgun out and loaded it, fox been at the hens again",
    "fitted a new flexi hose to the exhaust on my van, lying under it wrecked my back",
    "the engine's running fine now the garage fixed it, but sitting in the car kills my back",
    "GP said just let nature take its course, the disc should shrink back on its own",
    "got the rope sorted to tie the mattress on the roof rack",
    "won't be here for Easter, spending it with the in-laws in Cork",
    "stopped the gabapentin, weaned right off, won't be needing it any more",
    "Im scared of what I might do to my back if I pick up the baby",
    "been googling ways to do it without bending, putting socks on is agony",
    "hopefully I won't be needing it after the physio",
    "the op went well, won't be needing them crutches soon",
  ])("leaves alone: %s", async (text) => {
    expect(await outcome(text)).toBe("none");
  });
  it.each([
    ["ive been saving the wifes old tablets up in a tin in the shed. not telling anyone", "crisis"],
    ["honestly think everyone would be better off with me dead", "crisis"],
    ["I don't know how much longer I can keep going like this.", "ask"],
    ["it wouldn't be the worst thing if I just didn't wake up. Not that I'd do owt.", "ask"],
    ["keeping my tablets up on the top shelf away from the kids", "none"],
    ["i dont know how much longer i can keep going with this job, my back is killing me", "none"],
    ["it wouldnt be the worst thing if i didnt wake up before 10 on a sunday lol", "none"],
  ])("reads %s as %s", async (text, expected) => {
    expect(await outcome(text)).toBe(expected);
  });
  it("keeps the plan beside an occasion, and a volunteer's own thoughts", async () => {
    expect(await outcome("after christmas im going to end it")).toBe("crisis");
    expect(await outcome("after the wedding im gonna take them all")).toBe("crisis");
    expect(await outcome("Samaritans volunteer here, I've had suicidal thoughts myself this week")).toBe("crisis");
  });
  it("still escalates a suicide of one's own after a year long past, and a recent one told by a relative", async () => {
    expect(await outcome("I tried to kill myself in 2010 and tonight I want to again")).toBe("crisis");
    expect(await outcome("my dad killed himself last month and I can't stop thinking of doing the same")).toBe("crisis");
  });
});

describe("plans told by their disguise, a train, insistence, and two signs together (blind60, read)", () => {
  it.each([
    "I keep thinking about stepping in front of the train on my commute",
    "he told me he's worked out how to do it so it looks like a fall down the stairs",
    "im just gonna drive into the bridge pillar on the way home, not even joking",
    // Two signs the rule asks about, in different clauses, add up.
    "I cleaned my pistol tonight and loaded it. not gonna be around much longer",
  ])("escalates: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });
  it.each([
    "not gonna be around much longer so doesnt really matter what the mri says does it",
    "i keep sleeping pills in my drawer for when i decide",
    "no one would even notice if i just wasnt here anymore",
    "I'm going to let nature take its course, the GP doesn't need to know",
    "my family would be better with the life insurance than with a husband who cries in the car park",
    "I cleaned my pistol tonight and loaded it and it's sitting on the kitchen table",
  ])("asks: %s", async (text) => {
    expect(await outcome(text)).toBe("ask");
  });
  it.each([
    "wanted to end it all with my chiropractor after he cracked my neck without asking lol",
    "this pain is killing me and the waiting list is 18 weeks. anything i can do myself in the meantime",
    "just wanted someone to know how long the NHS waiting list is for a back MRI",
    "is it better to claim on the life insurance or the work policy for my back op",
    "I counted my pills to make sure I have enough till the prescription comes",
    "I stopped taking my heart tablets because the GP changed them, now back ache",
    "i dont want to do this physio anymore, it hurts",
    "driving to the bridge club hurts my back",
    "thanks for everything, I will look after my back better now",
    "I can't do another day of this commute, what chair is best for my back",
    "i think i will step off the bus earlier and walk, does walking help sciatica",
    // The second review: everyday insurance, counting, trains, bridges, cliffs, guns for crows, thanks, stopping tablets on advice.
    "the life insurance goes to my wife anyway so do i even need to declare the sciatica on the form",
    "counted my tablets to see if I have enough naproxen to last till my next prescription",
    "thinking of jumping off the train a stop early and walking the rest, is walking good for sciatica",
    "It wasn't an accident or anything, I just woke up with it",
    "the shotgun is loaded in the truck for the crows but my back is killing me",
    "thanks for everything lumbar, look after yourselves x",
    "stopped taking my blood thinners 5 days before the spinal injection like they told me",
    "no one would notice if I was gone for an hour, can I nip out for a walk",
    "I'm not gonna be around much longer at this job anyway",
    "Going to drive into work over the bridge, 40 mins each way, how should I sit?",
    "Driving out to the cliffs for a walk this weekend, will a long drive flare up my sciatica?",
    "How much longer can I keep going on the lorries with this sciatica, I'm 58",
    "How much longer should I keep going with the naproxen",
    "it wouldn't be the worst thing if I didn't wake up at 5am for once",
    "worst thing if I died my hair purple",
    "no one would notice if my parcel vanished",
    "I no want live in this cold country, my back hurts",
  ])("leaves alone: %s", async (text) => {
    expect(await outcome(text)).toBe("none");
  });
  it.each([
    "thinking of ending it all with dads shotgun",
    "gonna end it all with the rope in the garage tonight",
    "honestly might do myself in the meantime, cant wait 18 months like this",
    // Variants of wishes the rule knows, in other words and in learners' English.
    "It's better for everyone if I am gone",
    "I no want live more, the pain every day",
    "I want to finish with my life",
  ])("the exceptions do not hide: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });
  it.each([
    "i've been sat on the bridge every night this week",
    "stood on the bridge last night for an hour looking down at the water",
  ])("still asks: %s", async (text) => {
    expect(await outcome(text)).toBe("ask");
  });
});

describe("the whole supply, open water, vehicles, ligatures and passive wishes (blind63, read)", () => {
  it.each([
    "Took a fistful of the tramadol with a naggin of vodka about twenty mins ago. Just so someone knows",
    "mi cyaan tek it no more. tonight mi a go walk out inna di sea and nah come back",
    "going to walk into the river tonight and not come back",
    "im going to step in front of the bus on the way home tonight",
    "i just want to jump in front of a train stop the pain forever",
    "some days i want to swim out into the sea and never come back",
  ])("escalates: %s", async (text) => {
    expect(await outcome(text)).toBe("crisis");
  });
  it.each([
    "This morning I found he'd been searching how to hang yourself and there's a belt tied to the banister upstairs",
    "pal of mine put in the group chat been nice knowing youse, the backs won, and hes not answering calls",
    "found a pile of empty blister packs in the bin and she's locked in the bathroom",
    "Since my wife died I find I don't much care whether I wake up in the morning or not",
    "sometimes i think if i just didnt wake up it'd be a relief tbh",
    "if this is what the rest of my life looks like im not sure i want it",
    "Am 76, wife's gone, back's gone, maist o ma pals are gone. Don't see much left to hang aboot for.",
    "just lying here waiting for it all to be over",
    "he said 'doesnt matter what happens to me now'",
    // Taking all of a medicine ahead is asked, not assumed: it is also how people take a supply to the chemist.
    "wife died in june. tonight I'm going to take all her morphine that the nurses never came back for",
  ])("asks: %s", async (text) => {
    expect(await outcome(text)).toBe("ask");
  });
  it.each([
    // The review of this round's first batch: everyday words the new signs had caught.
    "going to take all my tablets back to the chemist, they changed my prescription",
    "planning to take all my meds with me on holiday, is that ok with sciatica",
    "my husband went out on the lake in his boat and didn't come back till dark",
    "I'm going to walk in front of the bus stop to the pharmacy, is walking good",
    "googled how to hang a door and my back went lifting it",
    "how to kill the pain naturally without tablets",
    "I hang my belt on a hook behind the door and bending to it hurts my back",
    "my scarf got caught on the banister and I twisted my back",
    "if I lift that sofa again it's been nice knowing you lol",
    "waiting for it all to settle down after the physio",
    "no matter what happens to me at the scan I'm getting this sorted",
    "I do not care whether I wake up at 5 or 6, the pain is the same",
    "If I didn't wake up stiff every morning it would be such a relief",
    "steroid jabs for the rest of my life, I don't want it",
    "I keep the empty blister packs to show the GP",
    // The second review: straps, inversion tables, organisers, waiting on a garage, a holiday's nights.
    "I use a belt tied to the banister to do my hamstring stretches",
    "I looked up how to hang yourself upside down on an inversion table for my back",
    "I'm going to take all my meds at the same time each day so I don't forget",
    "no matter what happens to me now I'm going to keep doing my physio",
    "waiting for it all to finish at the garage, my back is killing me in this chair",
    "I don't care whether I wake up early, my back is so much better",
    "we only have two nights left to stay for the holiday and the hotel bed is wrecking my back",
    "student nurse here, we had a lecture on suicide risk today, does chronic pain increase it? purely academic",
    "used to self harm as a teenager, long behind me now (im 35). is it normal for the pain to be worse in the mornings?",
    "took all my tablets this week like the GP said, still sore",
    "we walk into the sea every morning for a cold dip, does cold water help sciatica",
    "I step in front of the class all day as a teacher and my back aches",
    "my belt is too tight and my back aches when I sit",
    "waiting for the physio to call, how long does sciatica last",
  ])("leaves alone: %s", async (text) => {
    expect(await outcome(text)).toBe("none");
  });
  it("still hears a self-harm that has started again", async () => {
    expect(await outcome("i used to cut myself but i started again now")).toBe("crisis");
  });
});

describe("a rule's own guidance and check answers in the rules file", () => {
  const file = (rule: string) => `guidance:
  emergency: e
  urgent: u
  informational: i
  check_question: q
  check_options: ["Yes", "No"]
concepts:
  x:
    - why: w
      terms: [wet]
rules:
${rule}
context:
${["terminators", "negation_before", "negation_after", "negation_adjacent", "pseudo", "uncertain_before", "hypothetical_before", "hypothetical_after", "history_before", "history_after", "child_subject", "animal_subject", "animal_cue", "relative_past", "family_risk", "at_ease", "care_recipient", "baseline_after", "care_task"].map((k) => `  ${k}:\n    - why: w\n      terms: [zzz]`).join("\n")}
`;

  it("reads them", () => {
    const rules = parseRules(file(`  - id: r
    tier: emergency
    says: s
    reference: ref
    guidance: own words
    reminder: later words
    patterns: ["{x}"]
    check_question: own question?
    check_options: ["Yes, that", "No"]`), "r.yml");
    expect(rules.rules[0].guidance).toBe("own words");
    expect(rules.rules[0].reminder).toBe("later words");
    expect(rules.rules[0].checkOptions).toEqual(["Yes, that", "No"]);
  });

  it("keeps the words of an other_subject group out of the articles' vocabulary, whichever rule uses them", () => {
    const withGroup = (flag: string) =>
      file(`  - id: r
    tier: urgent
    says: s
    reference: ref
    patterns: ["{x}"]
    unless: ["{y}"]`).replace(
        "concepts:\n",
        `concepts:\n  y:\n    - why: other complaints\n${flag}      terms: [eczema]\n`,
      );
    expect(parseRules(withGroup("      other_subject: true\n"), "r.yml").notDomain.has("eczema")).toBe(true);
    expect(parseRules(withGroup(""), "r.yml").notDomain.has("eczema")).toBe(false);
    expect(() => parseRules(withGroup("      other_subject: maybe\n"), "r.yml")).toThrow(/other_subject must be true or false/);
  });

  it("refuses answers without the rule's own question, naming the file and line", () => {
    expect(() =>
      parseRules(file(`  - id: r
    tier: emergency
    says: s
    reference: ref
    patterns: ["{x}"]
    check_options: ["Yes, that", "No"]`), "r.yml"),
    ).toThrow(/r\.yml:\d+.*check_question/);
  });
});
