import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { checkRedFlags } from "../../src/safety/check-red-flags.ts";

// The tenth round's general causes (README, "Evaluation"): a wetting told as not reaching the toilet
// and not feeling it coming, a feeling that has stopped, "emergency" for the emergency department, a
// joke taken back with "jk", night pain for which no position can be found, the middle of the back.
let dataDir: string;
let snapshot: IndexSnapshot;
const embeddings = loadConfig({}).embeddings;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-everyday-"));
  await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings });
  snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, embeddings);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function outcome(text: string): Promise<string> {
  const r = await checkRedFlags(snapshot, text);
  return r.level === "none" && r.check.length > 0 ? "check" : r.level;
}

/** One test per message, titled "<title>: <message> -> <expected outcome>". */
function judges(title: string, cases: Array<[string, string]>): void {
  it.each(cases)(`${title}: %s -> %s`, async (text, expected) => {
    expect(await outcome(text)).toBe(expected);
  });
}

describe("red flags said in everyday words", () => {
  it.each([
    ["mum is 68, sore back all week, and twice today she didn't make it to the loo and never felt it coming", "emergency"],
    ["i didnt get to the toilet in time and had no idea i needed to go, back has been agony since monday", "emergency"],
    ["back's been bad and i've stopped feeling when i need to go", "emergency"],
    ["he no longer feels the need to go, back pain for days", "emergency"],
    ["the gp told her maybe cauda equina and she must go to emergency now", "emergency"],
  ])("escalates %s", async (text, expected) => {
    expect(await outcome(text)).toBe(expected);
  });

  it.each([
    ["couldn't get to the toilet in time this morning, the queue was huge and my back aches", "check"],
    ["my legs are totally numb after that 30 mile bike ride 😂 jk, just tired, back a bit tight", "none"],
    ["cant feel my legs lol jk. sore back from the gym though, what stretches help", "none"],
    ["at night i cant find a position that helps, is a pillow between the knees good?", "none"],
    ["pain in the middle of my back when i bend over, what stretches help", "none"],
    ["the doctor says it is not cauda equina, no need for emergency", "none"],
  ])("does not escalate %s", async (text, expected) => {
    expect(await outcome(text)).toBe(expected);
  });

  it.each([
    "night times are the worst, i cant find any position that helps, lying, sitting, nothing. 3 weeks now",
    "constant pain in the middle of my back, even at night, whatever i do",
  ])("sends %s to a doctor soon (urgent)", async (text) => {
    expect(await outcome(text)).toBe("urgent");
  });

  it("a joke taken back does not hide a red flag told in earnest in the next sentence", async () => {
    expect(await outcome("cant feel my legs lol jk. but for real i wet myself without noticing this morning")).toBe("emergency");
  });

  // From the review of this round's diff: what must stay as it was.
  judges("review", [
    ["i wet myself this morning and cant feel my bum, i wish i was joking", "emergency"],
    ["numb in my saddle area and lost control of my bladder, no jk", "emergency"],
    ["my doctor said that cauda equina would be an emergency, my back pain is just a muscle strain", "none"],
    ["the physio said cauda equina is very rare, but it is an emergency if i get numbness down there", "none"],
    ["stopped getting the urge to smoke since my back pain started", "none"],
    ["i did not make it to the toilet yesterday because the queue was long and never noticed my back hurting until later", "check"],
  ]);

  // "till I was" tells a childhood when an age follows ("till I was about 10"), not the moment one
  // noticed ("did not know until I was wet"); "til" is read as "until" since the answers learned chat forms.
  judges("until", [
    ["wet myself at the bus stop, didnt realise til i was soaked, and my back has been agony since monday", "emergency"],
    ["used to wet the bed until i was about 9, is that why my back hurts now", "none"],
  ]);

  // blind38 (read after its first score): concepts said in ways the lexicons lacked. Each phrased
  // apart from the set's messages, with a control that must stay as it is.
  judges("blind38 concepts", [
    // not feeling the stool pass, said before the stool
    ["never felt the poo coming out at all, only noticed after, and my back is killing me", "emergency"],
    // a weakness said to be worse than earlier the same day
    ["my left leg is weaker than this morning and my back is agony", "emergency"],
    ["my back ache is worse than last week after the gym", "none"],
    // legs going from under someone, again and again
    ["my legs keep going from under me since my back went", "emergency"],
    // sciatica named on both sides
    ["sciatica on both sides now, started in the left", "emergency"],
    ["shooting pain both sides of my lower back when i cough", "none"],
    // constant said before the thoracic pain
    ["constant burning pain in the middle of my back for a month", "urgent"],
    ["constant stiffness in my upper back from sitting at a laptop", "none"],
    // Caribbean English "cyaan" is can't, "both foot" both feet
    ["both foot numb and mi cyaan stand up proper since last night", "emergency"],
  ]);

  // blind39 (read after its first score): a NICE flag with no rule (constant pain that nothing
  // eases), clinicians and words the lexicons lacked, and reports that are someone else's or asked.
  judges("blind39 concepts", [
    // non-mechanical pain: nothing eases it and it is constant
    ["no position makes any difference and the pain is constant, a week now", "urgent"],
    ["nothing helps it, it comes and goes, mostly when i sit", "none"],
    // a neurologist's cauda equina with admission
    ["the neurologist thinks it could be cauda equina and wants to admit her tonight", "emergency"],
    // both the legs; passing motion (Indian English for stool)
    ["pain going down both the legs since yesterday and numb in both the legs", "emergency"],
    ["no feeling when passing motion since two days and back pain", "emergency"],
    // night sweats said of the sheets (not sheets soaked alone: a sick baby soaks them too)
    ["sheets wet with sweat again last night, and this backache will not shift", "urgent"],
    // a doctor's question reported, answered no
    ["the gp asked me if i had any problems with my bladder and i said no, just the leg pain", "none"],
    // a relative's past in the 90s
    ["my aunt lost feeling down below in the 90s after her disc went, i only have a stiff back", "none"],
  ]);

  // From the review of this round's diff: what the new terms must not do, and what they must keep.
  judges("review 2", [
    ["my GP thinks it could be cauda equina, she sent me straight to emergency", "emergency"],
    ["the doctor asked me did I wet myself and I did", "emergency"],
    ["I couldn't reach the toilet in time and didn't even feel it coming", "emergency"],
    ["the baby was sick in our bed and the sheets were soaked, my back is killing me from changing them", "none"],
    ["my back is worse than this morning after gardening, should I use heat or ice?", "none"],
    ["I have to admit my back has been bad, the doctor thinks it might be cauda equina but said no need to rush", "none"],
    ["constant pain in my lower back and sometimes an ache between my shoulder blades", "none"],
  ]);

  // blind38 (read): a relative's age said straight after them ("mi granny 78"), and "never have back
  // pain before" in non-native English, make a new pain at 50 or over.
  judges("relatives' ages", [
    ["my grandad 81 never have back pain before, since sunday it hurts him a lot", "urgent"],
    ["mum 55 and fit as a fiddle, my back aches after work", "none"],
  ]);

  // From the second review: numbers after a relative are not always ages, and "never have back pain
  // when I swim" is a habit, not a new pain.
  judges("review 3", [
    ["I'm 34 and back pain came on suddenly. Told mum 50 times I'm fine", "none"],
    ["I'm 62 and I never have back pain when I swim, only after gardening. Is swimming good for me?", "none"],
    ["I'm 60, back pain for 15 years, never have had surgery. When is surgery needed?", "none"],
  ]);

  // Twelfth round (blind41, read): general causes, each beside controls.
  judges("a clinician's instruction to go to the emergency department now", [
    ["GP on the phone said take her to A&E but she's refusing, how do I convince her", "emergency"],
    ["111 told me to go to A&E now, is it really that serious? it's only my back", "emergency"],
    ["the physio said go to A&E if I ever lose control of my bladder", "none"],
    ["the GP said if it gets worse go to A&E", "none"],
    ["my GP said I don't need to go to A&E for sciatica", "none"],
    ["the doctor told me to go to A&E last week and they said it was a disc", "none"],
  ]);
  judges("legs named left and right together", [
    ["today my leg left and right both become weak, I walk like drunk man", "emergency"],
    ["my left leg is weak since the fall, the right one is fine", "urgent"],
  ]);
  judges("a temperature said to be up", [
    ["had a flu thing last week, temp still up and down, and now my back is really tender in one spot", "urgent"],
    ["the temp in the office is always up and down, my back aches from the chair", "none"],
  ]);
  judges("nothing as it is said (nutten, nuffin)", [
    ["mi back pain nah ease up at all, day or night, nutten help it, constant constant fi weeks now", "urgent"],
    ["nuffin wrong wiv me waterworks, just me back and leg", "none"],
  ]);
  judges("a young person named by an everyday word and an age", [
    ["neighbour's lad is 13, been moaning about his back for 2 months now, limping sometimes", "urgent"],
    ["our teenager is 14 and says her back hurts at night, for weeks now", "urgent"],
    ["the lad is 13 stone and lifts at the gym, my back is sore", "none"],
  ]);
  judges("a short word is not read as an acronym missing its first letter", [
    ["mi nuh have nuh problem wid mi wata or mi bowel, jus di back an di leg pain", "none"],
  ]);
  judges("a numbness gone again within minutes", [
    ["my leg go asleep after squat on small stool at work long time, but 5 minute later ok", "none"],
    ["my leg went numb after squatting at work, it was fine a few minutes later", "none"],
    ["my leg went numb after squatting at work and a few minutes later it was worse", "urgent"],
  ]);
  judges("a trigger phrase without its article", [
    ["I read on internet that back pain with numbness between the legs is emergency. I don't have this, why is it emergency?", "none"],
    ["sharp pain in middle of back, there all the time, even at night", "urgent"],
  ]);
  judges("a young child carried is the one who wets", [
    ["my back is killing me from carrying my 2 year old around, and she wet the bed last night", "none"],
    ["I was carrying my 2 year old upstairs and I wet myself, I didn't even feel it", "emergency"],
  ]);
  judges("the next sentence's 'it' is the pain it follows", [
    ["sharp pain in the middle of my back around bra strap level, started 2 wks ago out of nowhere. its there all the time", "urgent"],
    ["pain between my shoulder blades from the gym. it is there all the time this week but easing", "none"],
  ]);

  // blind42 (read): more general causes, each beside controls.
  judges("failing to pass urine, and strength a leg does not have", [
    ["Since morning he is failing to pass urine and his stomach is paining at the bottom", "emergency"],
    ["my husband have the back pain very strong and now he say his two legs no have strength, he cannot go up the stairs", "emergency"],
    ["failed to lift the sofa on my own, my back is sore now", "none"],
  ]);
  judges("a clinician's instruction after what they did", [
    ["physio just had a look at me and said go straight to a and e tonight, can i go tomorrow instead?", "emergency"],
  ]);
  judges("went to pee and nothing came", [
    ["gone for a slash and nothing, stood there 10 mins, feel like im bursting but it wont come", "emergency"],
    ["went for a wee and nothing, been trying all morning", "emergency"],
    ["bladder and bowels fine and nothing else wrong, just sciatica", "none"],
  ]);
  judges("pain that nothing changes", [
    ["the pain is there ALL the time no matter what i do. lying, sitting, standing, heat, ice, nothing changes it even a little", "urgent"],
    ["my back aches no matter what i do at work, but it eases when i get home and lie down", "none"],
  ]);
  judges("upper back pain that is new or stops sleep at night", [
    ["my middle back started hurting suddenly after I slept funny", "none"],
    ["Since one month I have pain in middle back, between the shoulder blades, and at night I cannot sleep from this pain", "urgent"],
    ["tight between my shoulder blades after a new gym routine", "none"],
  ]);
  judges("long-term cortisone", [
    ["I am taking cortisone tablets for many years for my lungs. Yesterday I felt sudden pain in my back", "urgent"],
  ]);
  judges("a carer's residents and a question in another word order", [
    ["i do nights in a care home, lots of our residents are incontinent so im bending to change pads all night and my lower back is wrecked", "none"],
    ["what is saddle numbness? I have it since this morning", "emergency"],
    ["I work in a care home, a resident with back pain has lost control of her bowels and can't feel it", "emergency"],
  ]);
  judges("not knowing whether one has opened one's bowels", [
    ["since yesterday i dont know if ive pooed or not, found it in my pants", "emergency"],
    ["my toddler doesnt know when she has pooed yet, potty training is hard on my back", "none"],
  ]);

  // Jelly legs that let someone fall, in two rounds' sets (blind40 and blind41, read): the legs gave way.
  judges("jelly legs that fall or nearly fall", [
    ["hurt my back mowing. now my legs both feel like jelly and i near about fell in the driveway", "emergency"],
    ["my legs are like jelly and i keep falling over since last night, back is agony", "emergency"],
    ["my legs were like jelly after the gym and i nearly fell off the treadmill lol", "none"],
    ["my legs feel like jelly today, back aches", "check"],
  ]);

  // From this round's review: changes that had silenced emergencies or raised false alarms, now controls.
  judges("review 4", [
    ["please what means this, my two legs no have strength since yesterday", "emergency"],
    ["I hav this since monday. what happens if you cant feel your bum and cant pee?", "emergency"],
    ["I wet myself in the shop and didn't even feel it, mins later fine but my back is agony", "emergency"],
    ["both legs gave way on the stairs, minutes later ok, it has happened three times today", "emergency"],
    ["care assistant here, the patient I look after has back pain and hasnt passed urine in 14 hours", "emergency"],
    ["in past 2 days I cannot feel my bum when I wipe", "emergency"],
    ["both egs weak since last night and getting weaker", "emergency"],
    ["my partner was carrying our 1 year old and then she wet herself without knowing, and her back is agony", "emergency"],
    ["my physio told me to ring 999 as soon as I notice any bladder changes", "none"],
    ["my doctor says going to A&E for back pain is a waste of time, so what can I do at home?", "none"],
    ["doctor said take paracetamol and get an emergency physio slot", "none"],
    ["I turned the temp up on my electric blanket and my back feels better", "none"],
    ["I do leg swings, legs left and right, is that good for sciatica?", "none"],
    ["I pee normally and nothing is wrong down there", "none"],
    ["I don't have strength in my legs like I used to at 70, what exercises help sciatica", "none"],
    ["I can't even go for a slash without my back twinging", "none"],
    ["on cortisone cream for my eczema and my back aches", "none"],
    ["both legs wobbly after the wedding last night haha, nearly fell over dancing", "none"],
  ]);

  // blind43 (scored, then its red flags read): general causes, each beside controls.
  judges("blind43: holding one's water, 'cyah', 'ay been', going down on the floor", [
    ["My mother have a slip disc. Now she cyah hold she water at all, it just comin, and she say she ain't feel it", "emergency"],
    ["me back's bin proper bad since Sat, now I ay been for a wee since yesterday dinner and me belly's like a balloon", "emergency"],
    ["back's gone, now both legs feel like jelly and I went down on the depot floor twice. cant hold meself up", "emergency"],
    ["today I don't have control of the... how to say, the bowel. It come out and I don't feel it", "emergency"],
    ["the kettle cant hold water anymore and my back hurts", "none"],
    ["went down the stairs and my legs felt like jelly after the long hike", "none"],
    ["ay up duck, my back's sore", "none"],
  ]);
  judges("blind43: a young brother, and the past said another way", [
    ["I have temperature normal, no fever, just the back", "none"],
    ["my back is worse with temperature changes", "none"],
    ["my little bro is 13 and hes had back pain for like 2 months now", "urgent"],
  ]);
  judges("blind43: someone else's emergency told beside one's own ordinary pain", [
    ["Me mate at work had to have emergency surgery cos his legs went and he couldn't pee. Freaked me out. Mine's just a sore back after the gym", "none"],
  ]);

  // blind44 and blind45 (scored, then their red flags read): general causes, each beside controls.
  judges("blind44/45: someone else's emergency, then one's own ordinary pain said plainly", [
    ["my neighbour's son needed an operation because he couldn't pee, it frightened me. I've just got a bit of sciatica in one leg", "none"],
    ["a woman at my work couldnt feel her bum and ended up in hospital, scared me. my back is only sore from gardening", "none"],
    ["one of my customers told me her dad lost control of his bladder with his back. nothing like that with me, just stiff", "none"],
    ["my husband told me he can't pee since this morning", "emergency"],
    ["it scared me, I couldn't feel my bum when I wiped this morning", "emergency"],
    ["my friend couldnt pee after her back op. I just have the same numb bum since yesterday", "emergency"],
  ]);
  judges("blind44/45: legs that gave way after a long effort are asked about, not escalated", [
    ["walked 18 miles on saturday and my legs gave way on the stairs after, back a bit achy", "check"],
    ["both my legs keep giving way since yesterday and I can't feel when I need to pee", "emergency"],
    ["both my legs keep giving way and it's getting worse by the hour", "emergency"],
  ]);
  judges("blind44/45: numb legs on waking that came back within minutes", [
    ["dozed off on the sofa, both legs numb when I woke but they came back in a few minutes", "none"],
    ["both legs numb since I woke up this morning", "emergency"],
  ]);
  judges("blind44/45: wetting where one slept or sat, not noticing it, the bladder's own feeling", [
    ["my grandad wet his chair twice today and he's had a bad back all week", "emergency"],
    ["woke up wet last night, didn't wake up to go, back's been awful", "emergency"],
    ["woke up wet with sweat, back aches", "none"],
    ["he's been wet twice today and did not seem to notice, his back is bad", "emergency"],
    ["she canny feel herself when she goes to the toilet since her back went", "emergency"],
    ["he doesnt know if he's finished peeing or not since his back went", "emergency"],
    ["a canny lad at work lent me a back support", "none"],
    ["she cant feel her seat when she sits since the fall", "emergency"],
  ]);
  judges("blind44/45: retention said with a stream or a proper pee; sciatica now on the other side as well", [
    ["I can't get a stream going when I pee, back has been killing me", "emergency"],
    ["I couldn't get the live stream of the physio class going, my back aches", "none"],
    ["not had a proper wee since last night, just dribbles, back is agony", "emergency"],
    ["sciatica in my right leg for a week, now the left's started as well", "emergency"],
    ["sciatica down my right leg, and now my left knee is sore as well from limping", "none"],
  ]);
  judges("blind44/45: a clinician's instruction after a long clause, an age set off by commas, steroid courses, a fever felt as hot and sick", [
    ["the GP phoned back about my back and the tingling and said go to A&E now", "emergency"],
    ["the GP phoned back and said go to A&E if it gets worse", "none"],
    ["my dad, 72, has back pain that came on out of nowhere last week", "urgent"],
    ["my dad, who is fit, has back pain after gardening", "none"],
    ["she has had lots of steroid courses for her asthma and now sudden back pain", "urgent"],
    ["back pain and burning when I wee, I feel hot and shivery", "urgent"],
  ]);
  judges("blind44/45: upper back pain said to be deep and not a muscle", [
    ["ache between my shoulder blades for a month, it's deep, not a pulled muscle, and doesn't change when I move", "urgent"],
    ["my upper back hurts after yoga, feels like a pulled muscle", "none"],
  ]);

  // The review of this round's red-flag changes: emergencies the first version silenced, false alarms it raised.
  judges("review 6: a relative's emergency is not silenced by the writer's everyday words", [
    ["My wife couldn't pee and her bottom went numb. I just have no idea what to do, should I take her in?", "emergency"],
    ["My dad wet himself and couldn't feel his legs. I just got him to bed, what do I do?", "emergency"],
    ["He lost control of his bowels and couldn't feel his bum when he wiped. Nothing like this has ever happened to him before.", "emergency"],
    ["My mum fell and wet herself and could not feel her legs. Her back was only sore before this.", "emergency"],
    ["my brother couldnt pee all of a sudden and his legs went weak. i only have paracetamol in the house, is that ok?", "emergency"],
    ["Went numb around the bum and couldn't pee, man it was scary. I just have to ask, is that serious?", "emergency"],
  ]);
  judges("review 6: a long effort only as the cause given, seats only a person wets, sweat only as what wet", [
    ["Both my legs have gone weak and keep giving way, the nearest hospital is 20 miles away, should I drive?", "emergency"],
    ["I used to love hiking but since yesterday both my legs keep giving way and I can't walk", "emergency"],
    ["The numbness in both legs came right up to my hips today", "emergency"],
    ["I wet myself while sweating with the pain this morning", "emergency"],
    ["I did not realise the paint on the bench was still wet, sat on it and then my back started hurting", "none"],
    ["Spilled my tea and wet the sofa, bending to clean it set my back off", "none"],
    ["It takes me ages to get up to pee from the recliner because of my back", "none"],
    ["The puppy did a pee on the mattress and I hurt my back lifting it", "none"],
  ]);
  judges("review 6: upper back, steroids, 'canny', an age by commas", [
    ["Pain between my shoulder blades, I'm not very muscular so maybe that's why", "none"],
    ["Pain in my upper back, no real change, it hurts when I move", "none"],
    ["I had lots of steroid injections for my sciatica", "none"],
    ["Went for a canny walk along the coast, both legs a bit tired now", "none"],
    ["my grandfather, 81, has new back pain this week out of nowhere", "urgent"],
  ]);

  judges("blind47: an urge named then what it is for, an emergency scan, a tingle that moved to the privates", [
    ["since this morning I am not getting the urge for passing urine at all", "emergency"],
    ["I get the urge for passing urine a lot at night, back aches", "none"],
    ["the GP said I need an emergency MRI tonight because of the numbness", "emergency"],
    ["the GP said I might need an MRI at some point if it doesn't settle", "none"],
    ["the tingling has moved from my leg to my privates today", "emergency"],
    ["pins and needles down my leg to my foot when I sit", "urgent"],
  ]);
  judges("blind47: a question about a sign taken up by 'only started today'", [
    ["is it normal to have to push hard to get any wee out and then just a trickle? only started today", "emergency"],
    ["is it normal to have to push hard to get any wee out and then just a trickle?", "none"],
  ]);
  judges("blind47: an age at the start of the message, 'never before', the middle of the back said sore", [
    ["cashier, 58, first time ever I've had back pain, started a week ago", "urgent"],
    ["Bus driver, 55. Never had a bad back before, 3 weeks of it now", "urgent"],
    ["pain, 8, and worse when I sit", "none"],
    ["I am 54 years. Never before I had back pain. Now one month it is there", "urgent"],
    ["Sore in the middle of my back for weeks now, not like my usual lower back. Doesn't change whether I move or not", "urgent"],
    ["my leg went numb when I sat cross-legged in yoga for long time. After few minutes it is ok", "none"],
  ]);

  // From the review of the late commits: controls for what those changes had silenced or raised.
  judges("review 5", [
    ["my dad cant feel his bum and he wet himself, he had his op a long time ago", "emergency"],
    ["Me mate had emergency surgery cos his legs went and he couldnt pee. Mine just started doing the same thing this morning", "emergency"],
    ["I ay got no feeling in me bum since this mornin", "emergency"],
    ["Mum's legs are like jelly, she fell twice today", "emergency"],
    ["my legs feel like jelly, I'm scared I'll fall over", "check"],
    ["I can't hold my water bottle properly because my back hurts when I reach", "none"],
    ["I can't hold my water down, keep being sick, back aches", "none"],
  ]);
  // The fourteenth round's general causes (blind49 and blind50, read after their first scores).
  judges("blind49/50: sciatica that has spread to the other leg, told after the sciatica", [
    ["sciatica in my left leg for a month. now its started in the right leg too and both are getting worse every day", "emergency"],
    ["sciatica down my left leg for weeks, but the last couple days it's crept into my right leg too", "emergency"],
    ["sciatica down t'left leg. today t'right leg's started an all", "emergency"],
    ["the rash has spread to my left leg too", "none"],
    ["my sciatica is only ever in the left leg, never the right", "none"],
  ]);
  judges("blind49/50: a leg that keeps giving way, or has dropped the person", [
    ["my left leg keeps buckling out of nowhere, went down in the parking lot today", "emergency"],
    ["this morning my left leg just gave way on the stairs, twice", "emergency"],
    ["my leg gave way once last week, fine since", "none"],
    ["my knee keeps giving way since my acl op", "none"],
    ["my right leg feels weak since yesterday", "urgent"],
  ]);
  judges("blind49/50: someone the writer only saw or heard of, and 'could that happen to me'", [
    ["watched 24 hours in A&E last night and a woman lost control of her bladder from a slipped disc and needed surgery. my back is just achy from work. could that happen to me out of nowhere?", "none"],
    ["My mate at work had to have emergency surgery for his disc, he lost feeling in his legs. I've got sciatica in my right leg only. Am I going to end up like him?", "none"],
    ["a woman at the bus stop collapsed and can't feel her legs, what do I do", "emergency"],
  ]);
  judges("blind49/50: a time set at the opening of a sentence, and a simile's words", [
    ["Ten years ago my disc went and I couldn't wee, ended up in A&E and had an emergency op, full recovery, no issues since.", "none"],
    ["Had a foot drop 6 years back, had the surgery and it came back fully.", "none"],
    ["Two years ago I had a disc op and now I can't pee", "emergency"],
    ["since yesterday evening there's a numb patch on the insides of both thighs and around my bottom, a bit like when the dentist's injection is wearing off", "emergency"],
  ]);
  judges("blind49/50: everyday and Caribbean words for the saddle and for not feeling", [
    ["last couple days my junk is kinda numb", "emergency"],
    ["now when I pass water I cyan feel nothing, it just running", "emergency"],
    ["I cyan feel when I peein, doan even know if it comin or not", "emergency"],
    ["his legs just won't do what he tells them tonight", "emergency"],
  ]);
  judges("blind49/50: difficulty passing urine, a night without a position", [
    ["now is difficult to urinate, I push but only little come out", "emergency"],
    ["my back hurts and it has been a bit difficult to pee since the weekend", "check"],
    ["I had a water infection last month, antibiotics sorted it, back's just a bit stiff now", "none"],
    ["At night more pain, can't sleep, any position is same.", "urgent"],
    ["I'm 60, no reason to worry I think, my back aches after golf as usual", "none"],
  ]);
  // The review of these changes: what they had silenced or raised, kept as controls. (A young child's
  // fever, a relative's illness now and a hard workout were tried and withdrawn: "My son has a fever and
  // bad back pain", "my breast cancer has come back", "did squats a week ago, today both legs went weak".)
  judges("review 7", [
    ["Years ago i had a slipped disc and ive been wetting myself since monday", "emergency"],
    ["A few months ago I hurt my back and I've wet myself this morning", "emergency"],
    ["A while back I hurt my back and my legs are both numb and weak", "emergency"],
    ["My dad had cauda equina and I can't feel my bum either, will I end up like him?", "emergency"],
    ["A man in my street had surgery for cauda equina, I can't pee properly and my bum is numb, am I at risk?", "emergency"],
    ["I lost control of my bladder a few months back and it happens every day now", "emergency"],
    ["I've had sciatica in my left leg for years, now the right one's started too", "emergency"],
    ["I fell from the steps yesterday and now I can't feel my bum or my privates", "emergency"],
    ["I did squats a week ago, but today both my legs suddenly went weak and won't hold me up", "emergency"],
    ["My son has a fever and bad back pain", "urgent"],
    ["Like my mum, my breast cancer has come back and my back is agony", "urgent"],
    ["I can't walk properly, it's been like this all day", "urgent"],
    ["my leg has given way twice today", "emergency"],
    ["The physio has helped my sciatica a lot and my left leg started feeling better too", "none"],
    ["my saddle area went numb like after a long bike ride and it wore off", "none"],
    ["my back hurts only a little now", "none"],
    ["I'm 62 and my back has been bad for 20 years, it flares up for no reason now and then", "none"],
    ["I need more pain relief at night", "none"],
    ["what is the point of checking for saddle numbness? i cant feel my bum since monday", "emergency"],
    ["mi cyaan feel mi batty", "emergency"],
  ]);
  // blind52/53 (read after their first scores): a leg gone weak suddenly or within the hour, a foot
  // that will not come up, Geordie and Scots words, urine that comes away unnoticed, "bowls", a fear
  // of what may come. Each with controls.
  judges("blind52/53: a leg that went weak suddenly, a foot that will not come up", [
    ["my mum's left leg went weak all of a sudden an hour ago, she can't get up off the settee", "emergency"],
    ["in the last hour my right leg has gone weak and I can't lift it onto the bed", "emergency"],
    ["my knees went weak all of a sudden when I saw him", "none"],
    ["his right leg suddenly went weak on the stairs", "emergency"],
    ["my leg suddenly lost all power, I'm on the kitchen floor", "emergency"],
    ["the front of my foot won't come up when I walk since Sunday", "emergency"],
    ["toes keep scuffing the pavement on my left side since the weekend", "emergency"],
    // The review: the onset must be the weakness's own, and a leg gone to sleep or a shoe is not it.
    ["my leg has been weak for 3 weeks, I'm seeing the GP in an hour", "urgent"],
    ["my leg has been weak for months, suddenly the pain has got worse this week", "urgent"],
    // An emergency rule's innocent cause asks rather than passing in silence (see "How the red-flag check works").
    ["sat on my foot watching telly, my leg went to sleep, suddenly couldn't move it for a minute", "check"],
    ["my new trainers keep scuffing at the toes, any tips for sciatica-friendly shoes?", "none"],
    ["the appointment for my foot hasn't come up yet", "none"],
  ]);
  judges("blind52/53: dialect words, urine unnoticed, a misspelt bowel, a fear of what may come", [
    ["pain gaun doon baith legs since the weekend", "emergency"],
    ["a cannit feel when a need a wee since last neet", "emergency"],
    ["the wee comes away without me knowing since Friday, back's bad", "emergency"],
    ["the tap water comes out brown, back's bad too", "none"],
    // The review: "bowls" is also lawn bowls, and a fear word before a present symptom reports it.
    ["since my back went I can't control my bowls, they keep going in the ditch", "none"],
    ["terrified that I can't feel my bum since this morning", "emergency"],
    ["I feel nowt different in me legs, just me back", "none"],
  ]);
  // The second review: "in the past" with a span of time after it is recent, not history.
  judges("review: 'in the past couple of hours' is now", [
    ["I can't feel my bum, it's gone numb in the past couple of hours", "emergency"],
    ["i have wet myself twice in the past 2 days", "emergency"],
    ["in the past I had numbness down there but it went", "none"],
  ]);
  // The second review: "nothing different", "anything odd" is nothing unusual felt, not numbness.
  judges("review: feeling nothing unusual", [
    ["I don't feel anything odd down there, just back pain", "none"],
    ["I feel nothing different in my legs, just my back", "none"],
    ["I can't feel anything down there since this morning", "emergency"],
  ]);
  judges("blind53: pain worse lying flat, nothing taken helps, stiffness that takes ages on waking", [
    ["the pain never lets up, when I lie flat it is worse and I sleep sitting in the chair", "urgent"],
    ["it's there day and night and nothing I take helps", "urgent"],
    ["nothing I take helps but it does come and go", "none"],
    ["my back is better when I lie down", "none"],
    ["I'm 24, I wake up with my lower back and hips really stiff, takes ages to loosen up", "urgent"],
  ]);
  // blind54/55 (read): an episode told in the past and settled in the next breath is over, unless
  // it is dated today; "if I ever..." after a comma still supposes.
  judges("blind54/55: a passing episode that settled, a condition asked about", [
    ["my legs gave way after the charity walk. Next day fine, back a bit stiff", "none"],
    ["foot went numb in the tractor for a few minutes, then fine", "none"],
    ["legs went weak after the night shift, all better after a sleep", "none"],
    ["my legs gave way on the stairs today, then fine", "emergency"],
    ["my legs gave way on the stairs. Not fine since, can barely walk", "emergency"],
    ["Just so I know, if I ever couldn't hold my water, would that be an emergency?", "none"],
  ]);
  // A story of someone else's emergency, then the writer's own complaint played down: the story is theirs.
  judges("blind54/55: someone else's emergency told, then one's own lesser complaint", [
    ["my pal at work couldn't pee and had to have an operation on his spine. I have got a bit of sciatica, that's all", "none"],
    ["my niece lost feeling down below and needed surgery. I am having a small ache only, is it the same?", "none"],
    ["my husband couldn't pee last night and his legs went weak. I have a bit of back ache too", "emergency"],
    ["My mum lost control of her bladder this morning. I have a bit of back pain myself", "emergency"],
  ]);
  judges("blind55: a dog named by its breed is not the person", [
    ["my dachshund has a bad disc and her back legs have gone wobbly and she wet her bed", "none"],
    ["walked our labrador and since then I can't feel my bum, my back is agony", "emergency"],
  ]);
  // blind55 (read): back pain that first starts before 20 (CKS), an age said "63 now" or ending a
  // self-introduction, and "for no reason" as a new onset.
  judges("blind55: a new back pain before 20 or after 50, told as people tell their age", [
    ["im 17 and my back started hurting for no reason a fortnight ago", "urgent"],
    ["never had a bad back in my life, 58 now, it started last month for no reason", "urgent"],
    ["never had a bad back, 66 now, it came out of nowhere last month", "urgent"],
    ["retired postman from Leeds, 71. Back started aching last week for no reason", "urgent"],
    ["I'm 17 and I've had back pain on and off for years from rugby", "none"],
    ["my son is 17 and fell off his skateboard today, his back hurts a lot", "urgent"],
    ["my back pain is 7 now, was 9 this morning", "none"],
  ]);
  // blind54/55 (read): weakness growing by the hour is as fast a progression as a sudden one.
  judges("blind54/55: a leg weaker by the hour, or unable now to do what it did this morning", [
    ["both my legs feel like jelly since this morning and getting weaker by the hour", "emergency"],
    ["my left leg is weaker today than yesterday, back's agony", "emergency"],
    ["can't lift my right leg into the car now, this morning i could", "emergency"],
    ["I've felt weak and shaky since this morning, back aches, my legs hurt", "none"],
    ["my leg pain is worse since this morning", "none"],
  ]);
  // The review of this round's red-flag changes: a relative's emergency stays theirs and current
  // when the writer asks about them; a settling that is doubted, came back, is of another complaint,
  // is the same day, or is "fine" in another sense settles nothing; improvement is not progression;
  // weights, lifts, past ages and strains are not a new pain at an age.
  judges("review: what the contrast, the settling, the progression and the ages must not clear or raise", [
    ["My nan had a fall, couldnt get up, lost feeling in both legs. I have my usual back pain. shes on the floor still", "emergency"],
    ["Dad lost control of his bowels and couldn't walk. Mine is a small ache only. Should I ring 999 for him?", "emergency"],
    ["Lifting my husband off the floor, went numb in the saddle and couldnt wee. I have a small ache in my back as well", "emergency"],
    ["My legs gave out on the stairs. Next day totally fine. Happened again today", "emergency"],
    ["My legs gave way on the stairs last night and I cant feel my bum. Next day fine tho?", "emergency"],
    ["I wet myself last night and couldnt feel the toilet paper. Then fine this morning, is that normal", "emergency"],
    ["I couldnt feel my bum when wiping after the fall. Pain was fine by the evening thanks to the tablets", "emergency"],
    ["my mum wet herself and cant feel her bottom, she says shes fine by herself, should i call someone", "emergency"],
    ["Wife couldnt feel her bum and wet herself. Next day fine she said but I doubt it, she is walking funny", "emergency"],
    ["leg weak, better than this morning", "urgent"],
    ["right leg weak after the epidural, this morning i could not lift it at all, now its coming back", "urgent"],
    ["I am 18 and a half stone and my back suddenly went when lifting", "none"],
    ["Lost loads of weight, 85 now, and my back suddenly went", "none"],
    ["I've had back pain since age 16, first time it has gone down my leg", "none"],
    ["I'm 17 and it's my first time doing deadlifts, my lower back is sore today", "none"],
    ["I'm 63 and I started crying for no reason today, my back is sore", "none"],
    ["I am 62, had a bad back for 20 years, it starts aching for no reason some days", "none"],
  ]);
  // blind53/54/55 (read): numbness where a belt or boots press is their doing, not the nerve root's.
  judges("blind53-55: numbness under a tight belt or in tight boots", [
    ["numb patch on the outside of my thigh since I started wearing a heavier tool belt", "none"],
    ["my toes tingle since I got new steel toecaps, back's fine", "none"],
    ["my foot has gone numb since monday and my back is killing me", "urgent"],
  ]);
  // blind58 (read): ages and counts in words, a pain with "no reason" for it, trying and nothing
  // coming, a bladder still full after a slow start, the other leg going too; and what is not a sign.
  judges("blind58: numbers in words, no reason given, retention told as trying, the other leg going", [
    ["Seventy three years old. Never had back trouble in my life, now my back aches all day and all night", "urgent"],
    ["sixty-eight and never had a bad back, it started last week out of nowhere", "urgent"],
    ["im sixteen and my back has hurt every day for a month, no reason, didnt hurt it", "urgent"],
    ["im 16 and my back has hurt every day for a month, no reason, didnt hurt it", "urgent"],
    ["no reason to worry, no numbness or weakness in my legs", "none"],
    ["i am thirty two and my back hurts when i lift", "none"],
    ["been trying to pee for the last 3 hours, nothing. back has been out since sunday", "emergency"],
    ["since Saturday I sit on the toilet a long time before anything happens, then only a dribble, and I still feel full after", "emergency"],
    ["I still feel like I need to go after I've been, since my back went", "check"],
    ["i eat a big dinner and still feel full after, back aches", "none"],
    ["my left leg has got so weak I'm dragging it and now the right one is starting to go as well", "emergency"],
    ["had a steroid injection last week, my face went a bit red and hot the night after, normal?", "none"],
    ["had a steroid injection last week and the site is red and hot", "urgent"],
    // The second review: numbers in words that are no age, fullness of the stomach, trying that found nothing wrong.
    ["NHS waiting list is fifty two weeks for an MRI and this pain came on suddenly", "none"],
    ["surgeon says it's fifty-fifty, first time ive had sciatica this bad", "none"],
    ["my BP is ninety over sixty and this is the first time I have had sciatica", "none"],
    ["no reason to suspect cancer the consultant said, its mechanical", "none"],
    ["I still feel full after breakfast and my lower back aches", "none"],
    ["with four kids the house never feels empty and my back is wrecked", "none"],
    ["tried to pee before the bladder scan like they said, nothing to report, scan was fine", "none"],
    ["potty training - she keeps trying to wee on the potty and nothing, my back is wrecked", "none"],
    ["been trying for a wee since 6am, not a drop, back went yesterday", "emergency"],
    ["had a caudal epidural tuesday, the spot just above my bum cheek is red hot and swollen", "urgent"],
    ["my left leg is weak and the right one is starting to give way as well", "emergency"],
    // blind60 (read): a temperature given as a number; "running temperatures"; not being able to stand.
    ["back pain on one side low down, pee burning and smells, temp 38.2, feel sick", "urgent"],
    ["severe back pain that's constant and i keep running temperatures", "urgent"],
    ["temp is normal, 37, but my back aches", "none"],
    ["Bath temperature 39 degrees, is that too hot for my sore back", "none"],
    ["I'm a temp, 40 hours a week on my feet, back is sore", "none"],
    ["temp 37, 39 weeks pregnant and my back aches", "none"],
    ["temperature was 38 degrees in Seville and my back was fine", "none"],
    // A fall laughed at is someone else's (four read sets had it as a hard none); a fall watched stays.
    ["nearly wet myself laughing at my mate falling off the settee, then pulled something in my back", "none"],
    ["I watched my dad fall down the stairs and now his back is agony", "urgent"],
    ["my back is agony and since this morning I'm not being able to stand on my left leg at all", "urgent"],
  ]);
});

describe("whose sign it is, and signs said plainly (blind63, read)", () => {
  judges("a carer's own back", [
    // The people a carer looks after are not the patient when only the carer's own back is spoken of.
    ["I'm an HCA on a dementia unit, most of our residents are doubly incontinent so it's a lot of pad changes. My lower back aches by the end of every shift. How do I protect my back?", "none"],
    ["I look after my mum who has dementia and is incontinent, so lots of lifting her on and off the commode. My back has gone and it's into my right leg now.", "none"],
    // ...but a carer telling of the cared-for person's new back pain is telling of their sign.
    ["Hi I'm the carer for my wife who has been on steroid tablets long term. She suddenly got back pain after a coughing fit yesterday.", "urgent"],
    ["my mum is incontinent since this morning and her back is killing her", "emergency"],
  ]);
  judges("an animal with a word about it", [
    ["my old labrador is incontinent now bless him so i'm lifting him in and out the garden a lot. my back has started aching", "none"],
    ["our 14 year old collie has been incontinent, my back hurts lifting her", "none"],
    ["my old back has been agony and I have wet myself twice today", "emergency"],
  ]);
  judges("cancer that is not the writer's", [
    ["I work as an HCA at a cancer hospice and the hoisting is doing my back in. Pain into my left leg on bad days.", "none"],
    ["doing the Race for Life for cancer research next month and my back and hamstring have been sore from training", "none"],
    ["My late husband had a spinal tumour which paralysed him. I myself have a stiff lower back and some aching in the left leg.", "none"],
    ["I had breast cancer 3 years ago and now my back aches", "urgent"],
    ["my husband had prostate cancer and now his back hurts", "urgent"],
  ]);
  judges("a denial right before the sign", [
    ["my sister had cauda equina last year. mine is just pain down one leg, toilet all normal, nothing numb down there", "none"],
    ["theres nothing, no feeling when i wipe and my back is agony", "emergency"],
    ["nothing helps and I can't pee since this morning, back is agony", "emergency"],
  ]);
  judges("legs that give way or will not work", [
    ["he's had a bad back since saturday. tonight he can't stand up, his legs just go from under him when he tries", "emergency"],
    ["woke up and neither leg would work properly, like dead weights. back pain since i lifted a washing machine", "emergency"],
    ["my legs went to jelly on the way to the bathroom this morning and i couldnt get back up, had to crawl back to bed. back's been bad for days", "emergency"],
  ]);
  judges("other urgent signs", [
    ["pallet came down off the racking at work and caught me across the back, pain going down my leg", "urgent"],
    ["chain keeps slipping on the big cog at the back of my road bike, how do i adjust the rear mech", "none"],
    ["i slipped on the ice yesterday and my back is killing me", "urgent"],
    // Vomiting with hot and cold spells is an infection's chills (a hangover or morning sickness is not).
    ["feel terrible, been throwing up, hot and cold, and my lower back is screaming. started 2 days ago", "urgent"],
    ["been throwing up all morning with a hangover and my back aches", "none"],
    ["12 weeks pregnant, been sick every morning and my lower back aches", "none"],
    ["lying down makes the back pain so much worse, sleeping in the armchair for a month. never eases at night", "urgent"],
    // Another complaint worse at night is not the back's night pain.
    ["my son is 14 and has had a dry cough for three weeks, worse at night. should I be worried?", "none"],
    ["my back pain is worse at night and nothing eases it", "urgent"],
  ]);
  // The review of this round's first batch: what those changes had raised or silenced.
  judges("review of blind63's batch", [
    ["my husband had prostate cancer in 2019, now back pain that won't shift, I have to help him dress", "urgent"],
    ["My daughter (15) had a bone tumour removed 2 years ago. Now constant back pain for 3 weeks. I am worried", "urgent"],
    ["went back to work in May after cancer treatment, now lower back pain that won't shift", "urgent"],
    ["back pain worse at night, cough too, lost weight", "urgent"],
    ["the back pain keeps getting worse every week and headaches too", "urgent"],
    ["I kick my feet out from under the duvet at night because I get hot, my back aches", "none"],
    ["my toddler grabbed my legs from under the table and I jarred my back", "none"],
    ["neither leg is numb, both move fine, it's just the ache in my back", "none"],
    ["the rain came down on me all the way home and my back is stiff", "none"],
    ["my boss came down on me hard today and my back is in bits", "none"],
    ["cant get back up to speed at work since my back went", "none"],
    ["lying down makes it better, standing makes it worse, my lower back", "none"],
    ["the ibuprofen is no help at night so I take it in the morning, my back aches", "none"],
    ["at the building site a load of timber toppled over onto me, back is bruised and sore", "urgent"],
    ["lying flat in bed makes my back pain a whole lot worse, I have to sleep in the chair", "urgent"],
    // An age after the person a message opens with ("mate's 52,") is their age: found once "nothing fell on him" was read as the denial it is.
    ["mate's 52, never had back trouble, now he's lying on the floor with bad new back pain since this morning. nothing fell on him", "urgent"],
    ["wife's 61, first time ever her back's gone like this, came on suddenly", "urgent"],
    ["mate 30, back sore after the gym", "none"],
  ]);
  // The second review of this round (273 probes): what the first fixes had raised or silenced.
  judges("second review of blind63's batch", [
    ["i slipped a disc last year and today my legs just went from under me in the kitchen", "emergency"],
    ["had my new CAT scan and they found a tumour on my spine, back pain at night", "urgent"],
    ["my new lab results show the cancer markers are up and my back is agony at night", "urgent"],
    ["my late wife's oncologist is now treating my prostate cancer, my back is bad", "urgent"],
    ["I've done a lot of research on my cancer and this back pain really worries me", "urgent"],
    ["my back pain and cough are both worse at night, lost weight too", "urgent"],
    ["I look after my husband who went incontinent this week and can't stand up, my back is wrecked from lifting him", "emergency"],
    ["neither leg would move the way the yoga teacher wanted, my hamstrings are too tight", "none"],
    ["my toddler never settles at night and my back aches from rocking him", "none"],
    ["lying down makes my back pain a bit worse for the first few minutes then it settles", "none"],
    ["I've been sick of this back pain for months, hot and cold packs do nothing", "none"],
    ["when I came down the stairs this morning the pain hit me like a knife", "none"],
    ["came down with flu last week and it hit me hard, my back aches", "none"],
    ["a load of bricks came down off the scaffold and hit me on the back", "urgent"],
    ["my dry cough gets worse at night and my back aches from coughing", "none"],
    ["did 200 squats at bootcamp, legs were jelly and I couldn't get back up off the floor after the burpees lol", "check"],
    // "nothing" before a short list the sign ends denies it too.
    ["nothing tingling or numb in my saddle area, I checked the list you gave", "none"],
    ["tingling or numb saddle area since this morning", "emergency"],
    ["my back hurts and nothing helps and I wet myself", "emergency"],
  ]);
});

