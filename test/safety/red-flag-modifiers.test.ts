import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { detectRedFlags } from "../../src/safety/detect-red-flags.ts";
import { loadRules, type RuleSet } from "../../src/safety/rules.ts";

/**
 * The error classes of the blind11 set, each fixed at its cause (a context modifier or a concept),
 * tested here on new messages of our own: what the fix must catch, and ordinary speech it must not.
 */
let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRules(path.join(PROJECT_ROOT, "corpus/red-flags.yml"));
});
const level = (text: string) => detectRedFlags(text, rules).level;
const outcome = (text: string) => {
  const r = detectRedFlags(text, rules);
  return r.level === "none" && r.check.length > 0 ? "check" : r.level;
};

describe("a sensation that resolved, is improving, or has always been there is not a red flag now", () => {
  it.each([
    // Gone once its cause was removed.
    "my foot tingled after kneeling to weed the garden, normal as soon as I got up",
    "pins and needles in my calf on the train, gone as soon as I walked about",
    "my backside went numb on the coach trip, fine once I got off",
    // Improving.
    "the numbness in my shin is much better than last week",
    "tingling in my toes is fading now the physio is helping",
    "my foot was numb after the op but it's improving every day",
    // Long-standing, a baseline.
    "my husband has been incontinent since birth with spina bifida, how do I lift him safely?",
    "I've had a numb patch on my thigh my whole life, is that to do with sciatica?",
    "my toes go white and numb with Raynaud's, always have been like that",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });

  it.each([
    ["my leg is numb and not improving", "urgent"],
    ["tingling in my foot, not getting better at all", "urgent"],
    ["my leg is numb and not much better", "urgent"],
    ["numb down there, no better today", "emergency"],
    ["my toes are numb, the pain is fading though", "urgent"],
    ["I wet myself today, my back pain is much better though", "emergency"],
    ["numb down there and it is not going away", "emergency"],
    ["I've always had a bad back but today I wet myself", "emergency"],
    ["I can't feel my bum, always had good health till now", "emergency"],
    ["numb down there since this morning, I've never had anything like it in my whole life", "emergency"],
    ["I wet the bed last night, always been dry my whole life", "emergency"],
    ["I wet the bed last night, it hasn't happened since I was a child", "emergency"],
    ["I can't feel my bum and the pain is improving", "emergency"],
    ["numb down there, pain improving", "emergency"],
    ["both legs weak, pain much better though", "emergency"],
    ["I can't pee and back pain is easing off", "emergency"],
  ])("the improvement or baseline of something else, or a denied improvement, does not hide it: %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
});

describe("an innocent cause that explains the feeling: posture, a long sit, tight footwear, a local joint injury, exercise joked about", () => {
  it.each([
    "my calf went to sleep halfway through a long car journey",
    "my foot fell asleep watching a movie with the kids",
    "my big toe goes numb in my new walking boots, fine once I take them off",
    "my toes tingle in my work boots, it stops when I take them off",
    "my knee gives way since I twisted my knee skiing, back is fine",
    "I swoon and go weak at the knees over that actor",
    "went weak at the knees when I saw the bill",
    "my leg fell asleep on the toilet",
    "the sofa is so low I can hardly get up from it, any tips?",
    "I can't feel my legs after that boxing workout haha",
    "can't feel my legs after leg day lol",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });

  it.each([
    ["my leg went numb during the flight and it still hasn't come back", "urgent"],
    // A leg that keeps giving way is a motor deficit needing assessment now (leg-keeps-giving-way).
    ["my leg keeps giving way and my back is killing me", "emergency"],
    ["I can hardly stand up from the sofa because my legs give way", "emergency"],
    ["I can barely walk", "urgent"],
    ["can't feel my legs lol", "emergency"],
  ])("without the innocent cause it still escalates: %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });

  it("an innocent cause given without ease still asks", () => {
    expect(outcome("my legs are numb after my run")).toBe("check");
  });
});

describe("a leak explained by a period is not asked about; pregnancy asks only when the words alone would escalate", () => {
  it.each(["I leaked through my trousers, my period came early, and my back aches", "I'm 7 months pregnant and leaked a bit in my knickers today"])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });
  it("an unexplained leak still asks", () => {
    expect(outcome("I leaked in my pants and I'm not sure why, back pain too")).toBe("check");
  });
});

describe("emergencies described by what the person notices", () => {
  it.each([
    "I haven't felt the urge to wee at all today and my back is agony",
    "the urge to pee has gone completely since my back went",
    "my bladder was full to bursting and I didn't even feel it",
    "wee just comes out on its own now",
    "pee keeps coming out by itself",
    "can't stop dribbling when I stand up",
    "when I wipe I can't feel it on the left side",
    "numb vag since yesterday with back pain",
    "my tush is numb and tingly since this morning",
    "it's as if the part I sit on is not mine any more",
  ])("%s", (text) => {
    expect(level(text), text).toBe("emergency");
  });

  it.each([
    "my bum cheek went numb for a second when I sat down, fine after",
    "numb toes, read about sciatica in the paper",
    "my bladder is fine but I have no urge to eat",
    "I pee normally, no urge to exercise lately",
  ])("but not: %s", (text) => {
    expect(level(text), text).not.toBe("emergency");
  });
});

describe("a blow to the back followed by a new deficit in even one leg is a suspected spinal injury (NICE NG41)", () => {
  it.each([
    "fell backwards onto my back off a chair yesterday, now my left foot is numb",
    "slipped on ice and landed on my tailbone, now my right leg feels weak",
    "banged my back on the car door, leg is numb now",
    "got tackled hard in football and fell on my back, now one leg is tingling",
  ])("%s", (text) => {
    expect(level(text), text).toBe("emergency");
  });

  it.each(["I fell asleep on my back and now my foot has pins and needles", "I've thrown my back out and my leg is tingling", "the pain came down my back and my foot is tingling"])("no blow, so urgent only: %s", (text) => {
    expect(level(text), text).toBe("urgent");
  });
});

describe("both legs said without 'both'", () => {
  it.each(["I can barely lift either leg this morning", "I can't lift either foot off the floor"])("%s", (text) => {
    expect(level(text), text).toBe("emergency");
  });
  it("a question about lifting either leg is not a report", () => {
    expect(level("can you lift either leg straight? the physio asked")).toBe("none");
  });
});

describe("urgent signs in other words: failing painkillers, a pain score shooting up, clinical shorthand, an age given with a relative, injecting, a foot catching", () => {
  it.each([
    "even the strongest painkillers aren't touching it",
    "the co-codamol isn't doing anything for the pain",
    "pain went from a 3 to a 9 overnight",
    "morning stiffness 2hrs, eases with movement",
    "my mum's 84 and has new back pain",
    "i'm 58 and this is a new pain in my back",
    "I inject heroin and my back is sore",
    "my foot keeps catching on the kerb and I trip",
    "my toe catches on the step",
  ])("%s", (text) => {
    expect(level(text), text).toBe("urgent");
  });

  it.each([
    "nothing helps my sciatica, any tips?",
    "paracetamol works ok for me",
    "I took ibuprofen and it didn't help much, any other ideas for a stiff back?",
    "stiff for half an hour in the morning",
    "I'm 52 and have had back pain for 20 years",
    "I inject insulin twice a day, back ache",
    "I inject my testosterone, back hurts",
    "my knee catches when I bend it",
    "my pain has gone from my back to my leg 10 days ago",
    "my dad lent me 50 quid for physio, my back hurts out of the blue",
  ])("but not: %s", (text) => {
    expect(level(text), text).toBe("none");
  });
});

describe("a carer asking how to lift or move someone in their care: the person's known condition is why they need care", () => {
  it.each([
    "I'm a nurse, how do I help a patient who is incontinent get out of bed without hurting my back?",
    "how should I lift a client with incontinence from the bath? my back is sore",
    "one of the people I care for can't feel her legs, how do I transfer her safely?",
    "my patient's legs are weak after a stroke, how do I lift him without hurting my back",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });

  it.each([
    "I'm a nurse and I can't feel my legs, how do I lift patients",
    "my patient suddenly lost control of his bladder today, how do I move him",
    "I wet myself today, how do I lift my patient without hurting my back",
    "my patient wet himself, is that normal?",
  ])("the writer's own symptom, a recent change, or no how-to question still escalates: %s", (text) => {
    expect(level(text), text).toBe("emergency");
  });
});

describe("more ways of saying each class, written apart from the first examples", () => {
  it.each([
    ["the feeling of needing a wee has just gone", "emergency"],
    ["I didn't feel my bladder filling at all, only noticed when I went", "emergency"],
    ["wiping feels like it's someone else's bum", "emergency"],
    ["can't really feel the seat under me", "emergency"],
    ["my privates feel numb since my back went", "emergency"],
    ["i keep leaking and can't stop it since my back went", "emergency"],
    ["my dad fell backwards down the stairs onto his back and now his leg is weak", "emergency"],
    ["getting worse fast, I can't lift either of my feet properly now", "emergency"],
    ["57yo M, new onset LBP, no previous hx", "urgent"],
    ["EMS >1 hr, improves with activity, worse with rest", "urgent"],
    ["pain 9/10 and oramorph isn't touching it", "urgent"],
    ["my foot went to sleep in the cinema last night, fine now", "none"],
    ["toes tingle in tight ski boots but fine once they're off", "none"],
    ["my left foot has been numb since birth due to a nerve injury at delivery", "none"],
    ["sciatica improving, pins and needles in my calf easing off", "none"],
    ["my knee buckles since my cartilage tear, back is fine", "none"],
    ["heavy period, leaked through onto the sheets, and my back aches", "none"],
    ["my husband has been incontinent for 10 years since his stroke, how do I lift him?", "none"],
    ["I had a bike crash 5 years ago and my back still aches sometimes", "none"],
    ["I struggle to get off the low toilet seat because my back is stiff, would a raised seat help?", "none"],
    ["I've wet myself for 2 days", "emergency"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("'or not' is a pseudo-trigger: it asks whether, it denies nothing", () => {
  it.each([
    ["I never know if I've emptied or not, I can't feel the wee coming out", "emergency"],
    ["not sure whether this is normal or not, no numbness anywhere, just a sore back", "none"],
    ["walking to the shops is now just impossible with my leg pain", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("idioms of emotion: legs going weak at a sight, wetting oneself laughing", () => {
  it.each([
    "my legs went to jelly every time I see that dentist's invoice",
    "knees go weak whenever I see him in that suit",
    "we were wetting ourselves laughing at the comedy show",
    "I nearly peed myself laughing at the dog",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });

  it.each([
    ["I wet myself this morning, I'm not laughing", "emergency"],
    ["both my legs gave way on the stairs this morning", "emergency"],
  ])("a real report still escalates: %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
});

describe("a cause the writer denies explains nothing", () => {
  it.each([
    ["both my legs feel like jelly and it's not from the gym", "check"],
    ["my foot is tingling, not from crossing my legs, it's been like this all day", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

// Causes read off the blind12 set, tested on wording of our own.
describe("resolution said late in a long sentence, and general ways of saying it", () => {
  it.each([
    "pins and needles in both feet on the long drive up to my sister's in the snow this morning, got out and walked about and they're fine now",
    "my bum went numb on the stadium bench during the match, all good after a walk round",
    "toes tingly in my ski boots all afternoon, fine by the time I'd had a hot drink",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });
  it("a feeling said to be emotional is not escalated (at most asked about)", () => {
    expect(level("numb from the waist down emotionally since the redundancy, physically only a stiff back")).toBe("none");
  });
  it.each([
    ["both legs went numb on the long drive and they are still numb now, hours later", "emergency"],
    ["both my legs are not doing what I tell them since this morning and my back is agony", "emergency"],
    ["back pain since Monday and now I have no feeling in the part where we sit", "emergency"],
    ["ran a temp for two days and my lower back is really sore", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
});

describe("numbness of the saddle region said at some distance, or as 'without feeling'", () => {
  it.each([
    ["the numbness started in one buttock and has now spread round to my back passage", "emergency"],
    ["since yesterday I am sitting without any feeling between my legs", "emergency"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
});

describe("pain that grows day by day, and waking in the small hours, said in everyday and non-native English", () => {
  it.each([
    ["the pain in my back is each day more strong and the tablets do nothing", "urgent"],
    ["my lower back hurts more every day, even lying down", "urgent"],
    ["back pain wakes me up at 4am most nights", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
  it.each(["I worked a night shift till 4am and my back is a bit stiff", "my legs feel stronger every day since I started physio"])("%s", (text) => {
    expect(level(text), text).toBe("none");
  });
});

describe("numbness where one sits, explained by the seat", () => {
  it("asks rather than escalates when the seat is given as the cause, and escalates when the cause is denied", () => {
    expect(outcome("my backside has gone numb from sitting on the toilet for ages")).toBe("check");
    expect(level("numb between my legs since this morning, it's not from the chair, I've been lying down")).toBe("emergency");
  });
});

// Causes read off the blind13 set after its first score, tested on wording of our own.
describe("general words for tingling, soiling, being struck, a baseline, and removing the cause", () => {
  it.each([
    ["both legs have been fizzing and buzzing since yesterday and my back is bad", "emergency"],
    ["I had poo in my underwear without feeling it, my back has been agony since Monday", "emergency"],
    ["a van drove into me on my bike and now my back is really sore", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
  it.each([
    "I have diabetes, my feet tingle most days, that's normal for me. Back sore from the garden",
    "work boots rubbed and my toes went numb, took them off and all fine. back ok",
  ])("%s", (text) => {
    expect(level(text), text).toBe("none");
  });
});

// Causes read off the blind14 set after its first score (0.82 / 0.82 / 0.80 / 0.077), tested on
// wording of our own: a clinician's suspicion, everyday words for weakness, night sweats and
// erections, Nigerian Pidgin and mixed-language words, the opening age, and the scope of triggers.
describe("a clinician's suspicion, everyday and mixed-language words for the red-flag concepts", () => {
  it.each([
    ["the out of hours doctor thinks it might be cauda equina and wants me at the hospital tonight", "emergency"],
    ["physio said 'query CES, go to A and E now', is that really necessary", "emergency"],
    ["since tuesday both my feet won't lift up properly, I keep tripping on the stairs", "emergency"],
    ["my brother came off a ladder, his legs are not moving properly and he has tingling", "emergency"],
    ["I no fit feel when I dey pee since yesterday and my back dey pain me", "emergency"],
    ["my husband can't get hard since his back went on Friday", "emergency"],
    ["my mother cannot ihi since morning and her back is very bad", "emergency"],
    ["my mum's pad was wet right through this morning and she had no idea, her back is bad this week", "emergency"],
    ["I've been waking up drenched in sweat and my back has ached for a fortnight", "urgent"],
    ["I can't stand on my heels on the right any more, my shin feels weak", "urgent"],
    ["62, and this back pain came on suddenly last week", "urgent"],
    ["my 16 year old has back pain, no fall or anything, it wakes her in the night", "urgent"],
    ["it is there all the time, does not matter if I sit or lie, worse every day", "urgent"],
    ["the nights are awful, nothing eases it at all", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
  it.each([
    "my aunt had breast cancer years ago, is back pain hereditary?",
    "the GP told me cauda equina is very rare and explained the warning signs",
    "my physio listed the warning signs, like not being able to pee, but I have none of them",
    "I used to wet the bed until I was 8, could that be linked to my back?",
    "my toes tingle if I sit on the loo too long, otherwise fine",
    "legs heavy after my parkrun this morning, back a bit tight too",
  ])("%s", (text) => {
    expect(level(text), text).toBe("none");
  });
  it("asks when wiping feels dead or rubbery rather than passing in silence", () => {
    expect(outcome("when I wipe it feels rubbery and sort of dead, sciatica for a week")).not.toBe("none");
  });
});

describe("numbness in both legs that walking brings on and sitting eases (spinal stenosis)", () => {
  it("asks the safety question instead of escalating, and still escalates numbness that stays", () => {
    expect(outcome("both my legs go numb when I walk to the shops, better once I sit on a bench")).toBe("check");
    expect(level("both my legs have been numb since last night and sitting doesn't change it")).toBe("emergency");
  });
});

// Causes read off the blind15 set after its first score (0.556 / 0.689 / 0.543 / 0.05 / 0.133),
// tested on wording of our own.
describe("other scripts and languages, clinical shorthand, falls in care homes, infection after a procedure", () => {
  it.each([
    ["sarcastic, but I haven't managed to wee since lunch and it's midnight", "emergency"],
    ["HCA here: resident 79F, no void since 8am, lower back pain", "emergency"],
    ["pt c/o LBP, altered perianal sensation on exam, wants to go home", "emergency"],
    ["fell down the whole flight of stairs at work, now reduced sensation both lower limbs", "emergency"],
    ["my bowels went without any warning this afternoon, back is killing me", "emergency"],
    ["my husband's GP phoned, said it could be cauda equina and to go to A&E tonight, he wants to wait", "emergency"],
    ["took a tumble on the ice yesterday, landed flat on my back, still agony", "urgent"],
    ["my nan slid off the sofa onto the floor last night and now her back hurts", "urgent"],
    ["had a steroid injection in my spine last week and the site is red and swollen", "urgent"],
    ["I've been sweating buckets every night and feel rotten, back aching", "urgent"],
    ["Dad 84, new LBP this week, off his food", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
  it.each([
    "the consultant ruled out cauda equina on the scan, it's just a bulge, when can I swim?",
    "had a nightmare last night that my legs were numb, they're fine, just my usual sciatica",
    "had an epidural when my son was born 12 years ago, does that cause back pain later?",
  ])("%s", (text) => {
    expect(level(text), text).toBe("none");
  });
});

// General causes still open in the read blind12 and blind13 sets, tested on wording of our own.
describe("non-native tense and limb words, overflow, soiling and washing, and reported speech in a supposition", () => {
  it.each([
    ["my father fall in the bathroom this morning and his back is very bad", "urgent"],
    ["both my knees keep buckling under me since my back went on Sunday", "emergency"],
    ["I never felt it getting full and then it overflowed in the night, back is agony", "emergency"],
    ["now I do poo in my trousers and not know, my back is so bad", "emergency"],
    ["the back pain is more and more, I can not bear it, codeine not touching it", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
  it.each([
    "what do I do if my mum ever says she can't pee? just so I know",
    "a neighbour's child wet himself on our sofa and I hurt my back scrubbing it",
  ])("%s", (text) => {
    expect(level(text), text).toBe("none");
  });
  it("asks when both legs are 'sleeping' or washing after the toilet feels like nothing", () => {
    expect(outcome("pole sana, both my legs are sleeping since morning and my back is bad")).not.toBe("none");
    expect(outcome("when I wash after the toilet I cannot feel the water down there")).not.toBe("none");
  });
});

// Causes read off the blind16 set after its first score (0.867 / 0.889 / 0.967 / 0.073 / 0.00),
// tested on wording of our own.
describe("one word a line, a clinician's 'tonight', dentist similes, unchanged baselines and passing tingles", () => {
  it.each([
    ["my\nback\nis\nbad\nand\ncant\nfeel\ndown\nthere\nnow", "emergency"],
    ["111 called back, said it might be cauda equina and I need to be seen tonight, can it wait", "emergency"],
    ["round my bum and between my legs it feels like a local anaesthetic since this morning", "emergency"],
    ["he's no had a wee since last night and his back's bad", "emergency"],
    ["pain every minute of the day whatever position, worse lying flat, still climbing after 3 weeks", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
  it.each([
    ["numb spot on my shin for 8 years since an old injury, never changed, just want stretches", "none"],
    ["my heel tingled for a second when I stretched, then nothing since", "none"],
    ["my physio asked me what saddle anaesthesia means for her exam, how would you explain it?", "none"],
    ["my foot went numb on the loo after 20 minutes of scrolling, went as soon as I stood up", "none"],
    // The weak foot is the urgent sign; the denied saddle numbness is not an emergency.
    ["sciatica on the right, foot a bit weak, nothing odd with my bladder or any numbness down below", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
});

// From the review of this session's changes: what the new context rules must not do.
describe("lists, reported speech after a denial, recent onsets after 'before N years', quoted questions", () => {
  it.each([
    ["no fever\nno injury\nnumb saddle\ncant pee", "emergency"],
    ["1\nno fever\n2\nno injury\n3\nnumb bum\n4\ncant pee", "emergency"],
    ["no, my doctor said I have lost control of my bladder", "emergency"],
    ["no, my wife says i cant feel my bum when i wipe", "emergency"],
    ["back pain before 3 years, now numb between legs since today", "emergency"],
    ["my leg weakness began before 1 month and it is worse every day, now both legs give way", "emergency"],
    // The quoted term is asked about: the crash alone is urgent, not a major trauma with nerve signs.
    ["I was in a car crash last week. What does 'leg weakness' mean?", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text), text).toBe(expected);
  });
});

describe("pins and needles in both feet from sitting on the loo too long, gone on standing", () => {
  it("is neither escalated nor asked, while numb feet that stay are", () => {
    expect(outcome("both my feet get pins and needles if I sit on the loo too long, goes when I stand up")).toBe("none");
    expect(level("both my feet have been numb since this morning and standing up changes nothing")).toBe("emergency");
  });
});

describe("blind17 causes: resolution after a comma or 'that's gone', stable deficits, mechanical night pain, footwear, and what the pace of a change says", () => {
  it.each([
    // Resolved, said after a comma or with "that".
    "I had a temperature on Monday but it has gone, back still sore",
    "ran a high temp at the weekend but thats gone now, lower back still tight",
    // Gone once the cause was removed, or brought on by a long spell sitting or tight footwear.
    "my bum went numb on the long coach trip, went when I got up",
    "my left calf tingles if I sit too long at my desk",
    "toes went numb after wearing tight boots at the wedding",
    // A numb patch said to be unchanged is the known sciatica.
    "numb patch on my right shin since the sciatica started, no worse over a month",
    // Pain on turning over in bed is mechanical.
    "the pain wakes me when I turn over in bed but I get back to sleep fine",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });

  it.each([
    // Still a red flag whatever the wording around it.
    ["both legs numb since lunch, no worse", "emergency"],
    ["the pain wakes me every night and nothing I do eases it", "urgent"],
    ["I can't really feel anything when I'm passing urine", "emergency"],
    ["having a pee this morning there was no sensation as it came out", "emergency"],
    ["my bowels opened on their own this morning", "emergency"],
    ["when I wee I have to push hard to get it going, new this week", "emergency"],
    ["I have to push hard to get it started", "check"],
    ["my bottom feels anaesthetised and my back is killing me", "emergency"],
    // Weakness measured in hours needs the surgeon today; over weeks it is urgent.
    ["my right foot is getting weaker every few hours", "emergency"],
    ["my right leg has been weak for a fortnight", "urgent"],
    // A long spell on the toilet told earlier in the sentence makes numb legs a question, not an alarm.
    ["sat on the toilet for half an hour and my legs went numb", "check"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("blind18 causes: not being aware, a verb's own denial, similes, causes earlier in the sentence, and lay words for illness and retention", () => {
  it.each([
    ["he wet his trousers this morning and wasn't aware of it", "emergency"],
    ["both her legs won't hold her up since lunchtime", "emergency"],
    ["I can't push the wee out at all, just a few drops", "emergency"],
    ["wiping felt like wiping someone else's bum", "emergency"],
    ["it feels numb down below, like after a long bike ride, and I haven't been on a bike", "emergency"],
    ["not sleeping well, both legs numb since yesterday", "emergency"],
    ["my foot began dragging this morning and by tonight I can't lift it", "emergency"],
    ["back agony and I feel really ill, can't keep anything down", "urgent"],
    ["boiling hot and shivery with this back pain", "urgent"],
    ["not hungry lately and my clothes are hanging off me, back aches", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });

  it.each([
    "crossed my legs for ages on the train and my foot went dead",
    "the tingling in my foot from the sciatica is getting better week by week",
    "pins and needles in my foot when I sit for too long, goes when I walk around",
    "my bits were numb after a 40 mile ride but it went after half an hour",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });
});

describe("review of the blind17-18 context changes: what they must not do", () => {
  it.each([
    // An innocent cause cancels only across "and <new subject>", not across "but" and days.
    ["I sat cross legged for an hour on sunday which was fine, but for the last two days my left leg has gone numb and it is spreading", "urgent"],
    // Only "from", "due to" and "caused by" make another complaint the cause.
    ["lost feeling around my bum since this morning, on top of the sciatica which is improving", "emergency"],
    ["numb between my legs since this morning, along with the pain improving", "emergency"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });

  it.each([
    // "no" before a list of symptom nouns denies them all, commas or not.
    "no tingling, numbness or weakness in my legs, just a sore back. what helps?",
    "No burning, numbness around my bottom, just an ache",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });
});

describe("blind19 causes: lay words for weakness, bowel sensation, adverbs inside 'can't feel', the cold and appetite", () => {
  it.each([
    ["his legs won't take his weight since lunch", "emergency"],
    ["my bowels feel blocked and I can't tell when I need to go", "emergency"],
    ["I can't really feel my feet on the ground and my back is bad", "emergency"],
    ["my mum has back pain all the time and no appetite", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });

  it.each(["my toes go numb in the cold, is that normal?"])("%s", (text) => {
    expect(outcome(text), text).toBe("none");
  });
});

describe("a context phrase does not run across a comma", () => {
  it("reads 'it was fine, now I trip' as a change, not as 'fine now'", () => {
    // A weakness seen to progress is an emergency (CKS: progressive neurological deficit).
    expect(outcome("my left foot is getting weaker by the day, last week it was fine, now I keep tripping")).toBe("emergency");
    // Said without the comma, it is resolved.
    expect(outcome("my left foot felt weak on monday but it is fine now")).toBe("none");
  });
});

describe("blind19 causes: a clinician who cleared it, and infection after a microdiscectomy", () => {
  it.each([
    ["A&E checked me for cauda equina on friday and sent me home, all clear. still achy, what stretches help?", "none"],
    ["the wound from my microdiscectomy is oozing and I am hot and cold", "urgent"],
    ["should I use hot and cold packs on my back", "none"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("blind19 causes: the inflammatory pattern and constant pain at night", () => {
  it.each([
    ["23, back pain for months, worse in the morning and stiff for hours, better with exercise", "urgent"],
    ["my mum's back pain is there all the time, even in the night", "urgent"],
    // Worst on waking and easing with movement, without long stiffness, is ordinary back pain.
    ["my back is worse in the morning but better once i get moving", "none"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("blind20 causes: a weakness that progresses, and what only looks like a red flag", () => {
  it.each([
    // Progressive neurological deficit: the progression said of the weakness, in its sentence.
    ["my right foot keeps dragging and it's worse every day", "emergency"],
    ["since the weekend I can't lift my toes on the left and it is getting worse", "emergency"],
    // The progression said of the pain is not a deficit seen to progress.
    ["my leg feels weak and the pain is getting worse", "urgent"],
    ["my leg is weak. the back pain keeps getting worse", "urgent"],
    // Heavy legs that stop someone standing are weak legs.
    ["this morning dad could not stand up, both his legs went like jelly", "emergency"],
    // A missed step, tight clothes, a long sit on the toilet: ordinary causes.
    ["lost my footing on the stairs and my leg gave way, no harm done", "none"],
    ["the outside of my thigh goes numb when my belt is too tight", "none"],
    ["sat on the toilet for half an hour reading and both legs went dead lol", "none"],
    // A severity word said of a person is about their temper.
    ["my husband has sciatica and honestly he is unbearable at the moment", "none"],
    ["the pain is unbearable", "urgent"],
    // "missed" is not "missing" (a numb part that feels absent).
    ["I missed the bottom stair and jarred my back", "none"],
    // Falls from something ridden, in any tense.
    ["come off my horse on sunday and my back is killing me", "urgent"],
    // Weight loss with a poor appetite is not a diet.
    ["my gran's back is bad, she is barely eating and has lost a lot of weight", "urgent"],
    // Not even noticing a wetting is a loss of bladder feeling.
    ["my dad woke up wet and did not even realise, his back has been bad all week", "emergency"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });

  it("an onset dated in time claims a symptom asked about in general; 'mine is fine' denies it", () => {
    expect(outcome("is it normal to not know when you need a wee with sciatica? started 3 days ago")).toBe("emergency");
    expect(outcome("can a slipped disc make you lose control of your bladder? mine is fine, just curious")).toBe("none");
  });
});

describe("walking cut short by the legs, put right by sitting, told over several sentences", () => {
  it("asks rather than escalates (spinal stenosis's pattern), and still escalates numb legs that sitting does not help", () => {
    expect(outcome("my dad can only walk to the post box before both his legs go numb and crampy. he sits down on the wall and then he is fine again.")).toBe("check");
    expect(outcome("both my legs went numb this morning and I can't feel them, I sat down and it's still the same")).toBe("emergency");
  });
});

describe("blind21 causes", () => {
  it.each([
    // A denial before a comma does not run on into a new statement after it.
    ["my foot keeps dragging today, it was fine yesterday, it's getting weaker by the hour", "emergency"],
    ["I have no numbness, tingling or weakness in my legs", "none"],
    // Weakness that spreads to the other side.
    ["i could not stand on my toes on the left last week, now i can not on the right either", "emergency"],
    ["my foot drop has got worse and now the other foot is going the same way", "emergency"],
    // Legs that would not hold someone up.
    ["when I got out of bed both my legs wouldn't hold me and I went down", "emergency"],
    // A numbness said to spread.
    ["the numbness keeps spreading, it started in my little toe and now it's half my foot", "urgent"],
    // A long sit, said without "too", or a symptom that comes only in one position.
    ["my thigh goes numb only when i sit long time in the car, walking it comes back", "none"],
    // A temperature reading is the writer's own fever, whatever the question before it.
    ["can a slipped disc give you a fever? 39.2 this morning and my back is killing me", "urgent"],
    ["my son is 38 and has back pain, is a fever a red flag?", "none"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("a relative's past illness, last year, and another event told after a comma", () => {
  it.each([
    // A relative's past emergency, told to ask about the writer's own risk.
    ["my uncle lost control of his bowels and needed an operation on his spine, does that put me at higher risk", "none"],
    ["my dad lost control of his bladder this morning, is that more likely at his age", "emergency"],
    // Last year is the past.
    ["my leg gave way on the stairs last year, now my back aches after gardening", "none"],
    // "had a ... last year" after a comma is another event's time, not the fever's.
    ["hot and shivery with a sore lower back, had a chest infection last year", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("review of this session's changes: what must still escalate, and what must not", () => {
  it.each([
    // "fine" and "normal" deny a claim only right after "mine": a question after a claim still claims.
    ["can sciatica make your bum go numb? mine started yesterday, is that normal?", "emergency"],
    ["is numbness around the bottom a sign of cauda equina? I have that, walking is fine", "emergency"],
    // Sitting and a relief said of something else, or denied, or without walking, doubt nothing.
    ["Both my legs are numb since last night, I sat down on the sofa, my back is fine", "emergency"],
    ["Both legs numb since last night, I sat down and the pain in my back went away but legs still numb", "emergency"],
    ["my legs have gone numb and heavy since yesterday and I keep falling. I sit down all day and it never goes away", "emergency"],
    // A dated onset is the writer's own only when it is theirs or the symptom's.
    ["What does it mean if you cannot pee? It started in the morning for my neighbour", "none"],
    ["can sciatica make you wet yourself? my sciatica began last winter", "none"],
    ["What are the signs of cauda equina, like numbness in the saddle area? My back pain started 2 days ago.", "none"],
    // A temperature reading needs its decimal point, a unit or a word of temperature.
    ["I am 40, 2 kids, desk job. What are the signs of cauda equina like numbness in the saddle area?", "none"],
    // Severe pain said of the writer is pain.
    ["I am in excruciating pain", "urgent"],
    // The progression must follow the weakness it is said of.
    ["my posture is getting worse and my leg feels a bit weak", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});


describe("blind22 causes", () => {
  it.each([
    // Chat forms are read by the check too: "hot n cold" is "hot and cold".
    ["back killing me and im hot n cold, feel rough", "urgent"],
    // "his part" (the private parts, in many Englishes).
    ["my father cannot feel his part when he wipes since this morning, back pain 2 weeks", "emergency"],
    // "not feel the ..." is a numbness.
    ["i do not feel the toilet paper on my bottom since yesterday, back is sore", "emergency"],
    // An animal soiling the bed is not the writer's wetting.
    ["the cat peed on my bed and now i sleep on the sofa and my back aches", "none"],
    // A child's age in chat form.
    ["my 6 yr old wet the bed last night, is that normal at his age", "none"],
    // Pain that never lets up, with night pain.
    ["back pain for weeks, continuous, and worse at night as well", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("blind23 causes", () => {
  it.each([
    // A dated occurrence claims a symptom asked about in general ("happened", "came on"), as "started" does...
    ["can you lose control of your bladder with a slipped disc? it happened this morning", "emergency"],
    ["does sciatica ever make your bottom go numb? came on yesterday, legs aching", "emergency"],
    // ...but not when it happened to someone else.
    ["can you lose control of your bowels with sciatica? it happened to my uncle yesterday", "none"],
    // A next sentence that takes the mention up ("been like that", "it's always...") and calls it long-standing.
    ["my left shin has a numb patch when I stand at work. Been like that for years, never changes.", "none"],
    ["my left shin went numb yesterday. Been like that since, worse today", "urgent"],
    // A child under 16 whose back pain limps, lasts weeks or runs down a leg (CKS).
    ["my son is 11 and has had back ache for weeks, now he limps after school", "urgent"],
    ["our 13 year old has back pain shooting down her leg", "urgent"],
    ["im 15 and my back hurts after rugby, had it 2 days", "none"],
    // A pain score is not a child's age.
    ["my pain is 9 out of 10 and it has been weeks", "none"],
    // Night sweats without the article, as many write them.
    ["back hurting a lot and I am sweat at night every day", "urgent"],
    // "every single day" is "every day".
    ["the ache in my back is worse every single day", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("blind24 causes", () => {
  it.each([
    // Wetting in one's sleep is wetting the bed; an accident in one's clothes, unfelt.
    ["my flatmate says she wet in her sleep last night and her back is agony", "emergency"],
    ["had an accident in my joggers on the bus and did not even notice, back is wrecked", "emergency"],
    // Legs folding under someone, said with "em" for "them".
    ["both of em keep folding when i stand, back gone since monday", "emergency"],
    // The time said before the retention; the urge as "the signal".
    ["since this morning i have not peed at all, back is killing me", "emergency"],
    ["the signal to pee is just not there since my back went", "emergency"],
    // Better now, or fine ever since, is the past.
    ["couldnt stand up straight yesterday with my back, way better today", "none"],
    ["two years ago i could not pee and had surgery, fine ever since", "none"],
    // Legs too sore to walk after a workout.
    ["can barely walk after leg day lol", "none"],
    // Sitting down on the toilet is the trouble, not passing urine.
    ["my glutes are so sore i cant sit on the toilet properly", "none"],
    // Someone else's past emergency told to ask whether it could happen to the writer.
    ["my colleague lost control of his bowels and had an operation, could that happen to me with my sciatica", "none"],
    // A near miss said to persist, or to outlast its innocent cause, is the emergency.
    ["my bottom has felt asleep since yesterday and it is not going away, back pain too", "emergency"],
    ["numb between my legs after cycling, not going away even off the bike, since last night", "emergency"],
    // ...but joked about, it is only asked about.
    ["bum went to sleep on the sofa, still asleep lol", "check"],
    // An age at the start before a new subject, clothes getting loose.
    ["61 and my back started hurting out of nowhere last week", "urgent"],
    ["my clothes are getting loose and i am not trying, back aches", "urgent"],
    // A young person's age after "is"; years of a career are not an age.
    ["my nephew is 13 and his back has hurt for weeks", "urgent"],
    ["he is 15 years into the job and his back has hurt for weeks", "none"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("the writer's state of mind owns no symptom of a general question", () => {
  it.each([
    ["can back pain be something serious like cancer im spiraling rn", "none"],
    ["can sciatica make you wet yourself i am just asking", "none"],
    // ...while a dated "I did" claims it.
    ["can you lose control of your bladder with a disc, i am worried because i did this morning", "emergency"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("blind25 causes", () => {
  it.each([
    // Legs someone cannot get to hold them up; someone found on the floor.
    ["my dad's legs went this morning and he can't get them to hold him, his back's been bad all week", "emergency"],
    ["my legs ache after work, i cant get them to stop aching", "none"],
    ["found my nan on the kitchen floor this morning, her back hurts", "urgent"],
    // "Like nothing down there" after a feeling gone.
    ["since yesterday i can't feel much. like nothing down there at all. back is sore", "emergency"],
    // Hay fever is an allergy.
    ["my hay fever is awful and sneezing hurts my lower back", "none"],
    // Worse every week.
    ["on tramadol for a month and the back pain is worse every week", "urgent"],
    // Long gone is the past; a following "had it for months, hasn't changed" is a baseline.
    ["I couldn't pee after my knee op last summer but that's long gone. back stiff now", "none"],
    ["tingling in my right shin. had it for months, hasn't changed. best mattress?", "none"],
    // A numbness said to creep up is not a limb gone to sleep.
    ["cant feel my legs properly, both of them, and it's creeping up since lunch", "emergency"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("review of this session's changes: what must still escalate, and what must not", () => {
  it.each([
    // A take-up sentence that also says it changed is no baseline.
    ["numb down there and I can't pee properly. It's been like this for months but today it's much worse", "emergency"],
    ["my legs keep giving way and my saddle is numb. It has been like this for months and getting worse", "emergency"],
    // A recent episode "ok since" is still the red flag.
    ["I lost control of my bladder on Monday, no problems since, should I worry?", "emergency"],
    ["I wet myself on the bus today, ok since then but my back is agony", "emergency"],
    // A state of mind followed by a claim is a report.
    ["can sciatica cause numbness between your legs im worried its numb down there now", "emergency"],
    // Ordinary words the new entries must not take.
    ["sorry I keep losing the signal, what stretches help sciatica?", "none"],
    // Sweat explains waking wet: asked, not escalated.
    ["I've been sweating so much I wake up wet in my sleep, is it the sciatica meds?", "check"],
    ["my back and legs ache after folding laundry all day", "none"],
    ["I'm 14 stone and have sciatica down my left leg", "none"],
    ["my daughter is 15 and I've had sciatica down my leg for weeks", "none"],
    ["my 10 year old has been limping since football on saturday", "none"],
    ["I wear clothes that are a bit loose so they don't press on my back", "none"],
    ["my clothes are too big since I lost weight on purpose, back aches", "none"],
    ["since I started the new tablets I haven't peed as much at night", "none"],
    // A persisting phrase must follow the feeling it is about.
    ["both legs went numb sitting cross legged at assembly, my back pain is still there though", "check"],
    // Sitting on a plane or a shift does not explain not walking; a workout does.
    ["I can't walk properly since sitting on the plane yesterday, pain down my leg", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(outcome(text), text).toBe(expected);
  });
});

describe("legs that go numb on walking and ease on sitting are the pattern of spinal stenosis: asked about, not an emergency", () => {
  it.each([
    "My nan can only walk to the end of the road before her legs cramp and go numb, then she sits on the wall and it eases",
    "grandad walks a few minutes and both legs go numb, he has to sit on a bench and it eases",
  ])("%s", (text) => {
    expect(outcome(text), text).toBe("check");
  });

  it("still escalates numb legs that do not ease", () => {
    expect(level("both my legs went numb on a walk this morning and it hasn't eased at all")).toBe("emergency");
  });
});

describe("blind32's classes, on messages of our own", () => {
  it.each([
    // A person's own account, quoted by whoever writes, is a report, not a quoted term.
    ["my dad rang and said 'I can't pee since lunch and my back is killing me'", "emergency"],
    ["Mum messaged: 'I can't feel my wee coming anymore'", "emergency"],
    // Euphemisms for passing urine and for the bottom.
    ["can't spend a penny since last night and my back is agony", "emergency"],
    ["he hasn't been able to go number one all day, back is bad", "emergency"],
    ["since this morning no feeling around my rear end", "emergency"],
    // "they" are the legs just named.
    ["it's in both legs now and he says they feel numb and heavy", "emergency"],
    // Chills said plainly, and a car that went into the back of them.
    ["been hot and cold all night and my lower back is killing me", "urgent"],
    ["a van went into the back of me at the roundabout, back and neck sore", "urgent"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it.each([
    // A quoted term is still a mention.
    "the leaflet lists 'loss of bladder control' as a warning sign, what does that mean",
    // Years of a known baseline, "now" closing the span.
    "mum has been incontinent for a couple of years now since her stroke, what helps her back?",
    // Something read online, asked about.
    "I read online that sciatica can make you wet yourself, is that right?",
    "my son was number one in his class, sorry off topic, what stretches help sciatica",
  ])("%s -> none", (text) => {
    expect(level(text)).toBe("none");
  });

  it("still escalates what is new after years of a baseline", () => {
    expect(level("incontinent for years now but since yesterday I can't pee at all")).toBe("emergency");
  });
});

describe("'makes no sense' is the idiom, not a lost sensation", () => {
  it("does not read numbness into it", () => {
    expect(level("how can my back cause pain in my foot, makes no sense")).toBe("none");
    expect(level("my foot has no sensation at all since this morning")).toBe("urgent");
  });
});

describe("the writer's own 'none of that' after telling of someone else's past illness", () => {
  it.each([
    "My late husband had the nerve thing where his legs went and he couldn't pee, so I know the signs. I've got none of that thank goodness, just my usual aching back",
    "Mum had cauda equina years ago, she couldn't feel her bum or pee. I don't have any of that, just sciatica",
  ])("%s -> none", (text) => {
    expect(level(text)).toBe("none");
  });

  it.each([
    // Happening to the other person now, or told again after the denial: theirs, and an emergency.
    "my husband can't pee since this morning and his legs are weak. I have none of that myself",
    "my husband couldn't pee all day and his legs went weak. I have none of that but he is in agony",
    // The writer's own, whatever they deny besides.
    "I couldn't pee all day. I have none of that other stuff",
  ])("%s -> emergency", (text) => {
    expect(level(text)).toBe("emergency");
  });
});

describe("legs crossed, said in either order, is the ordinary cause of a leg gone numb", () => {
  it("does not escalate", () => {
    expect(level("my son's leg went numb after he sat on the bus with his legs crossed, fine now")).toBe("none");
  });
});

describe("blind34's classes, on messages of our own", () => {
  it.each([
    ["the pain is worst at night and no matter what position I lie in it won't ease", "urgent"],
    ["both my legs just... went on the stairs, I'm on the floor", "emergency"],
    ["his legs just went in the shower and he went down", "emergency"],
  ])("%s -> %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it.each([
    "tingling in my calf only when I stretch my hamstrings, is that the sciatic nerve?",
    "no scary stuff here, bladder and bowels all fine, just a sore back",
    "at night i cant find a position that helps, is a pillow between the knees good?",
  ])("%s -> none", (text) => {
    expect(level(text)).toBe("none");
  });
});

describe("review fixes: the writer's own signs, baselines, relief and quotations", () => {
  it.each([
    // A denial moves only what was told of someone else: the writer's own signs, subject left out or "my legs", stay.
    "Went numb between my legs and couldn't pee, had to lie down. I don't have any of those others like fever",
    "both legs went dead and my bits were numb. none of that for me with the fever or weight loss",
    "legs went numb both sides, was leaking wee. i have none of them other symptoms tho like fever or weight loss",
    "My brother had CES surgery in 2019. My legs went weak and gave way on the stairs and my bum was numb. I don't have any of those other symptoms he had like fever",
    // "same as it has been" since a few days ago is no baseline.
    "both legs numb, same as it has been since saturday",
    "my wife can't feel her bum, same as it has been since friday",
    // Relief of something else ("ibuprofen eases my back", "nothing eases it") is not stenosis's pattern.
    "Both legs numb since this morning, walking is hard, I sit down and nothing eases it",
    "both legs numb since last night, walked to the loo, sat down, ibuprofen eases my back a bit",
  ])("%s -> emergency", (text) => {
    expect(level(text)).toBe("emergency");
  });

  it.each([
    // A clinician's general warning, and a stranger's post, quoted: still quotations.
    "My GP said 'we worry about cauda equina when they can't pee or both legs go numb' — what is cauda equina?",
    "I read a post where someone wrote 'I couldn't pee and my legs went numb, turned out to be cauda equina'. Should I worry? I just have sciatica",
    // Hot and cold packs, and pain that comes and goes, are not chills.
    "Been doing hot and cold all day, alternating packs on my back, is that ok?",
    "My back pain has been hot and cold, some days fine some days awful",
    "I've been alternating hot and cold all morning on my back",
    // Shunted between departments is no crash.
    "I've been shunted between physio and GP for months, back still agony",
  ])("%s -> none", (text) => {
    expect(level(text)).toBe("none");
  });

  it("keeps the targets of the change", () => {
    expect(level("Gran texted me: 'I can't go to the lavatory since breakfast and my bottom feels numb'")).toBe("emergency");
    expect(level("we got shunted on the motorway last night, back stiff now")).toBe("urgent");
    expect(level("My late husband had the nerve thing where his legs went and he couldn't pee, so I know the signs. I've got none of that thank goodness, just my usual aching back")).toBe("none");
    expect(outcome("my number one problem is I can't bend over")).not.toBe("check");
  });
});

describe("a quotation of one person's own account is their report; a general warning quoted stays a quotation", () => {
  it("escalates a relative's words passed on", () => {
    expect(level("Nan says she 'can't feel her wee coming' since her back went on Monday")).toBe("emergency");
  });
  it("does not escalate a warning about people in general", () => {
    expect(level("the leaflet says 'if he loses bladder control go to A&E', what does that mean")).toBe("none");
  });
});

describe("a tingle gone by the morning has resolved", () => {
  it("does not escalate, and a denied resolution still does", () => {
    expect(level("toes tingle by the evening after sitting all day, gone by morning")).toBe("none");
    expect(level("both legs numb since last night, not gone by morning")).toBe("emergency");
  });
});
