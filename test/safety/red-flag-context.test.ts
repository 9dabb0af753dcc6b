import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { detectRedFlags } from "../../src/safety/detect-red-flags.ts";
import { loadRules, type RuleSet } from "../../src/safety/rules.ts";

let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRules(path.join(PROJECT_ROOT, "corpus/red-flags.yml"));
});
const level = (text: string) => detectRedFlags(text, rules).level;

describe("red-flag context (NegEx/ConText style)", () => {
  it.each([
    ["peed myself", "emergency"],
    ["can't feel my bum when I wipe", "emergency"],
    ["numb down there since this morning", "emergency"],
    ["haven't been able to wee since yesterday", "emergency"],
    ["both legs giving way 😰", "emergency"],
    ["my dad can't control his bladder", "emergency"],
  ])("a current symptom escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it.each([
    "no numbness in my legs or down below",
    "bladder is fine, just back pain",
    "denies any bladder or bowel problems",
    "what if I lost bladder control?",
    "what does saddle numbness mean?",
    "could sciatica make me wet myself?",
    "had numbness in my leg years ago, gone now",
    "nearly wet myself laughing",
  ])("a denied, asked-about or past symptom does not: %s", (text) => {
    expect(level(text)).toBe("none");
  });

  it.each([
    ["I wet myself, is that normal?", "emergency"],
    ["I can't pee, is that ok?", "emergency"],
    ["I cant pee, ok what do I do", "emergency"],
    ["my legs keep giving way, is that serious?", "emergency"],
    ["I can no longer feel my legs", "emergency"],
    ["I don't have any feeling in my legs", "emergency"],
    ["I have zero control of my bowels", "emergency"],
    ["I'm numb from the waist down", "emergency"],
    ["I think I have cauda equina syndrome", "emergency"],
  ])("a report followed by a question about it, or a loss worded with 'no', still escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it("judges a huge message whole (its speed is measured by npm run bench, not here)", () => {
    expect(level("numb leg ".repeat(4400))).toBe("urgent");
    expect(level(`${"my back is sore. ".repeat(2000)} and today i wet myself`)).toBe("emergency");
  });

  it("scope ends at 'but': a denial before it does not cover what follows", () => {
    expect(level("no back pain but I wet myself this morning")).toBe("emergency");
    expect(level("no problems with my bladder but my leg has gone numb")).toBe("urgent");
  });

  it("a history of cancer still counts: the past is the point of that rule", () => {
    expect(level("I had breast cancer 4 years ago and now my back really hurts")).toBe("urgent");
  });

  it("reports every rule that fired, highest tier first", () => {
    const r = detectRedFlags("my leg is numb and I have wet myself", rules);
    expect(r.level).toBe("emergency");
    expect(r.reasons[0]).toBe("bladder-control-loss");
    expect(r.reasons).toContain("leg-numbness");
  });

  it("forgives typos in symptom words", () => {
    expect(detectRedFlags("lost contrl of my bladdr", rules, (w) => ({ contrl: "control", bladdr: "bladder" })[w] ?? w).level).toBe("emergency");
  });
});

describe("red flags said in dialect, by dictation and of young children", () => {
  it.each([
    ["ah cannae feel ma backside or between ma legs since last night", "emergency"],
    ["cant fell anything when i wipe since yesterday", "emergency"],
    ["my 6 year old has had back pain for weeks and it wakes him at night", "urgent"],
    ["we rolled the truck on the motorway last week and my back is agony", "urgent"],
  ])("escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it.each([
    "my 4 year old still wets the bed, is that normal? my back aches from lifting her",
    "pins and needles in my toes that comes and goes, back is ok",
    "had a little accident with my coffee in the car, which painkiller is best for sciatica",
    "legs like jelly and weak after digging the garden all day, fine the next day",
    "my leg went dead from sitting on it and I could not stand on it for a minute",
    "honestly I'm convinced I have a tumour but there's no weight loss or anything, just sciatica",
    "the surgeon wants to fuse my spine because one of my vertebrae slipped forward, what does that involve",
  ])("does not escalate: %s", (text) => {
    expect(level(text)).toBe("none");
  });
});

describe("foot drop, the thoracic spine and other concepts added on 2026-11-28", () => {
  it.each([
    ["since this morning my left foot slaps down when I walk and I can not lift the front of it", "emergency"],
    ["can't walk on my heels on the right any more, sciatica for a fortnight", "emergency"],
    ["both my legs have gone heavy since sunday and they're getting weaker", "emergency"],
    ["I need to wee constantly but only a little comes out and it stops and starts", "emergency"],
    ["my dad does not feel nothing when he does a number two since his back went", "emergency"],
    ["I'm 61 and the ache in the middle of my back never lets up, it is constant day and night", "urgent"],
    ["my 8 year old keeps being woken up by her back pain", "urgent"],
  ])("escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it.each([
    "I've had a drop foot since my stroke years ago, can I still do stretches for sciatica",
    "my upper back gets tight after a long day at the laptop",
    "being a Cancer (the star sign) I worry a lot, is heat or ice better for sciatica",
    "went out dancing, total saturday night fever, now my back aches",
    "my neighbour lost control of his bladder with a slipped disc last year and had surgery, should i be panicking about my sciatica",
    "I'm reading about saddle numbness for my course, how would someone notice it",
    "my mum is diabetic and gets burning in both feet at night, is that her sugar",
    "the scan says wear and tear at 35, honestly feel like I'm falling apart",
  ])("does not escalate: %s", (text) => {
    expect(level(text)).toBe("none");
  });
});

describe("whose numbness it is", () => {
  it("tingling after pain that runs from the buttock down the leg is the leg's (urgent at most)", () => {
    expect(level("I get pain in my bum that runs down into my leg, with tingling, mostly after driving")).not.toBe("emergency");
  });
  it("a numb bum and numb legs together are both", () => {
    expect(level("my bum and my legs have gone numb since this morning")).toBe("emergency");
  });
});

describe("numbness that spreads, flares or stays the same", () => {
  it("escalates numbness said to spread until it reaches the saddle", () => {
    expect(level("it began as numb toes, then it moved up my calf and now it is round my bottom as well")).toBe("emergency");
  });
  it("does not read a sore bum beside a spreading numbness as saddle numbness", () => {
    expect(level("the numbness in my foot is spreading up my leg and my bum aches from sitting")).not.toBe("emergency");
  });
  it.each([
    "my foot tingles a bit when the sciatica flares up, fine otherwise",
    "a numb patch on my shin has been there for months, no change, is it sciatica",
  ])("does not escalate tingling that comes with a flare or has been there for months: %s", (text) => {
    expect(level(text)).toBe("none");
  });
});

describe("review of the eighth round's changes (regressions it found, kept as tests)", () => {
  it.each([
    ["I wet the bed last night for the first time, I'm 45, fine the next morning", "emergency"],
    ["scared it is cauda equina, can't feel my bum when I wipe", "emergency"],
    ["reading about cauda equina, can't pee since last night", "emergency"],
    ["my mum lost control of her bladder, should I panic?", "emergency"],
    ["I had an accident with the car on the motorway and now my neck and back hurt", "urgent"],
    ["my back pain comes and goes and my left foot has gone numb since Tuesday", "urgent"],
    ["my blood sugar is fine but both my legs went numb this morning", "emergency"],
    ["I'm diabetic and since yesterday both legs are numb", "emergency"],
    ["i cannae lift ma big tae since yesterday", "emergency"],
  ])("still escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it.each([
    "I can't lift my leg to get into the car because of the sciatica pain",
    "dragging pain in my leg and lower back for 3 weeks",
  ])("is no foot drop emergency: %s", (text) => {
    expect(level(text)).not.toBe("emergency");
  });

  it.each([
    "my knee drops in when I squat, is that bad for my back",
    "I slept funny last night and now my upper back is stiff",
    "I'm 67, what stretches help upper back posture?",
    "my hip is tingly around there when I lie on it",
    "stop start traffic on my commute makes my back pain worse",
    "my 8 year old complains of back pain when she wakes up for school",
  ])("raises no escalation: %s", (text) => {
    expect(["none"]).toContain(level(text));
  });
});

describe("the late blind set's causes (2026-11-28)", () => {
  it.each([
    ["my 8yo has had back pain for weeks and it keeps waking her up", "urgent"],
    ["my wife says that when she does a poo she can't feel it coming out any more", "emergency"],
    ["my dad says he doesn't get the feeling he needs the toilet any more", "emergency"],
    ["sat on the loo for ages, nothing, and my bladder feels like it is bursting", "emergency"],
    ["known disc bulge, today new urinary hesitancy", "emergency"],
  ])("escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });
  it.each([
    "had a little accident with a mug of coffee on my keyboard, now my back is stiff from bending over it",
    "fell asleep on the sofa with my leg folded under me and it went numb for a few minutes",
  ])("does not escalate: %s", (text) => {
    expect(level(text)).toBe("none");
  });
});

describe("second review of the eighth round (kept as tests)", () => {
  it.each([
    "my 5yo wet himself last night and has a sore back",
    "my 6yo soiled his pants at school, he also said his back hurts",
    "I don't get the feeling he needs surgery for his sciatica",
    "does a wee bit of numbness in my bum mean cauda equina?",
    "sensation perianal normal per GP, just sciatica",
    "my dad has urinary hesitancy from his enlarged prostate, can back exercises help?",
  ])("does not escalate: %s", (text) => {
    expect(level(text)).not.toBe("emergency");
  });
  it.each([
    ["I was in a car accident with a drink driver, my back is agony", "urgent"],
    ["my right leg has been weak for a week, I fell asleep early last night because of the pain", "urgent"],
    ["perianal sensation reduced since this morning", "emergency"],
  ])("still escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });
});

describe("a long ride and the sole of the foot", () => {
  it("asks rather than escalates a numb bum after a long sportive", () => {
    expect(level("numb bum after a 6 hour sportive at the weekend, fine now, is that bad long term")).not.toBe("emergency");
  });
  it("reads 'foot bottom' as the sole, not the buttocks", () => {
    expect(level("my foot bottom tingles a little when I sit long")).not.toBe("emergency");
  });
  it("still escalates tingling 'in the saddle' without a ride", () => {
    expect(level("new this morning: tingling in the saddle area, both sides, and I haven't been on a bike")).not.toBe("none");
  });
});

describe("the final round's causes (2026-11-28)", () => {
  it.each([
    ["since this morning I do not hear the call of nature any more, I only go by the clock", "emergency"],
    ["when I go for the big job I not feel anything come out", "emergency"],
    ["there is a strange numbness when I sit on the lavatory seat since yesterday", "emergency"],
  ])("escalates: %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });
  it.each([
    "I need a wee, is it ok to drip dry",
    "after a twelve hour flight my bum went numb from sitting, fine now",
  ])("does not escalate: %s", (text) => {
    expect(level(text)).not.toBe("emergency");
  });
});
