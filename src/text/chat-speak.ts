/**
 * Chat and text-message forms, written out, so that spelling correction and the lexicon see the
 * words people mean: "wat" is "what", not a stem of "water"; "ur back" is "your back". This is a
 * closed class, like contractions, not a vocabulary: only forms of function and everyday words that
 * stand for one word whatever the topic. Ambiguous forms ("2", "4", "r") are left alone, and so are
 * nouns ("doc"): what they mean for the corpus is the lexicon's business.
 */
const CHAT_FORMS: Record<string, string> = {
  wat: "what", wut: "what", wht: "what", wats: "what is", whats: "what is", hows: "how is", whos: "who is", wen: "when", y: "why",
  u: "you", ya: "you", ur: "your", urs: "yours", yr: "your", em: "them",
  pls: "please", plz: "please", pleez: "please",
  bc: "because", bcoz: "because", bcos: "because", bcz: "because", becuz: "because", cuz: "because", coz: "because", cos: "because",
  hw: "how", abt: "about", thru: "through", tho: "though", til: "until", b4: "before", rn: "right now",
  shud: "should", shd: "should", wud: "would", wld: "would", cud: "could", cld: "could", hav: "have", kno: "know", knw: "know", dat: "that", dis: "this",
  ppl: "people", smth: "something", sth: "something", sumthin: "something", somethin: "something",
  thx: "thanks", thnx: "thanks", ty: "thank you",
  wk: "week", wks: "weeks", yrs: "years", hrs: "hours", mins: "minutes", nite: "night", tmrw: "tomorrow", tmr: "tomorrow",
  lyk: "like", gud: "good", rly: "really", rlly: "really", srsly: "seriously", luv: "love", n: "and", w: "with",
  // Spoken forms written as said (Scots, Irish, Northern English, Southern US, dictated text): function
  // words only, each standing for one word whatever the topic. "wee" (small, or urine) and "aw" (all,
  // or a sigh) are left alone.
  whit: "what", doon: "down", tae: "to", dae: "do", aboot: "about", oot: "out", efter: "after", ower: "over", wi: "with", telt: "told",
  lang: "long", nae: "no", naw: "no", ye: "you", yer: "your", yous: "you", youse: "you", yall: "you all",
  hisself: "himself", theirselves: "themselves", gonna: "going to", gotta: "got to", wanna: "want to", kinda: "kind of",
  sorta: "sort of", dunno: "do not know", outta: "out of", lotta: "lot of",
  gie: "give", gies: "gives", giein: "giving", gien: "given", noo: "now", gaun: "going", hoo: "how",
  // Geordie and Scots: "baith" both, "cannit" cannot, "neet" night. ("nowt" and "owt" are left
  // alone: "I feel nowt different" is not "I feel nothing".)
  baith: "both", cannit: "can not", neet: "night",
  // Jamaican and Caribbean English: "siddung" is sit down, "dem" them, "fi" for or to.
  siddung: "sit down", sidung: "sit down", dem: "them", fi: "for", nuh: "not", tek: "take", inna: "in",
  woulda: "would have", cyaan: "can not",
};
/** Past participles after which Black Country "ay" is "haven't" (elsewhere it may be "aye"). */
const AY_BEFORE = new Set(["been", "got", "had", "done", "seen", "gone", "eaten", "slept", "peed", "weed", "pooed"]);
/** Verbs after which Caribbean "dung" is "down" ("lie dung inna bed"). */
const DOWN_AFTER = new Set(["lie", "lay", "lying", "laying", "sit", "sat", "sitting", "bend", "bending", "bent", "go", "come", "fall", "fell", "kneel", "squat", "get"]);
/** Words before which "tae" is a toe. */
const TOE_AFTER = new Set(["my", "ma", "me", "big", "wee", "his", "her", "the", "left", "right"]);

/** Subjects before which Caribbean "a go" is "going to". */
const CARIBBEAN_SUBJECTS = new Set(["mi", "him", "she", "dem", "wi", "yu", "unu", "im", "i", "me"]);
/** Right after "can" or "could", or their "not" (normalizing has written "can't" out as "can not"). */
function afterCan(words: string[], i: number): boolean {
  const before = words[i - 1] ?? "";
  return before === "can" || before === "could" || (before === "not" && ["can", "could"].includes(words[i - 2] ?? ""));
}
/** Words before which "ma" is a mother ("me ma", "his ma"): elsewhere it is "my" ("ma back's gone"). */
const MOTHER_AFTER = new Set(["my", "me", "his", "her", "your", "ur", "yer", "our", "their", "the", "ma"]);

/** Words beside which a lone "r" can only be the verb: "what r they", "u r", and opening a question, "r the strong ones risky". */
const ARE_AFTER = new Set(["u", "you", "they", "we", "these", "those", "there", "what", "wat", "how", "who", "where", "when", "why", "which"]);
const ARE_BEFORE = new Set(["the", "u", "you", "ur", "your", "they", "these", "those", "there", "we", "my", "his", "her", "their", "them", "any", "some", "all"]);

/**
 * Words after which "pt" is a nurse's patient ("pt with dementia", "pt c/o LBP", "pt is 84"), not
 * physical therapy ("does pt help", "pt exercises").
 */
const PATIENT_BEFORE = new Set(["with", "has", "had", "is", "was", "c", "co", "complains", "complaining", "reports", "reporting", "presents", "presenting", "who", "aged", "hx", "history", "says", "said", "keeps", "cant", "can", "unable"]);

/** Replaces chat forms in a list of normalized words (multi-word expansions are split). */
export function expandChatForms(words: string[]): string[] {
  return words.flatMap((w, i) => {
    // "9 yr old" is a year, not "your".
    if (w === "yr" && /^\d+$/.test(words[i - 1] ?? "")) return ["year"];
    // Scots "tae" is "toe" where a toe is meant ("ma big tae"), elsewhere "to".
    if (w === "tae" && TOE_AFTER.has(words[i - 1] ?? "")) return ["toe"];
    if (w === "dung" && DOWN_AFTER.has(words[i - 1] ?? "")) return ["down"];
    // Black Country "ay" before a past participle is "haven't": "I ay been for a wee since yesterday".
    // Its double negative says no once: "I ay got no feeling" has no feeling.
    if (w === "ay" && AY_BEFORE.has(words[i + 1] ?? "")) return ["no", "nothing", "none", "any"].includes(words[i + 2] ?? "") ? ["have"] : ["have", "not"];
    // Caribbean "a go" after a subject is the future "going to" ("him a go end it tonight", "mi a go
    // see di doctor"); "have a go" is a try.
    if (w === "a" && words[i + 1] === "go" && CARIBBEAN_SUBJECTS.has(words[i - 1] ?? "")) return ["going"];
    if (w === "go" && words[i - 1] === "a" && CARIBBEAN_SUBJECTS.has(words[i - 2] ?? "")) return ["to"];
    // "wi fi" is the wireless, not "with for".
    if ((w === "wi" && words[i + 1] === "fi") || (w === "fi" && words[i - 1] === "wi")) return [w];
    if (Object.hasOwn(CHAT_FORMS, w)) return CHAT_FORMS[w].split(" ");
    if ((w === "pt" || w === "pts") && PATIENT_BEFORE.has(words[i + 1] ?? "")) return [w === "pt" ? "patient" : "patients"];
    if (w === "ma" && i + 1 < words.length && !MOTHER_AFTER.has(words[i - 1] ?? "")) return ["my"];
    // Dictation writes the verb as its homophone where only the verb can stand: "can't fell my bum"
    // (after "can", past tense cannot follow), "can't pea", "need a pea".
    if (w === "fell" && afterCan(words, i)) return ["feel"];
    if ((w === "pea" || w === "pees") && (afterCan(words, i) || ["to", "a", "need", "needs"].includes(words[i - 1] ?? ""))) return [w === "pea" ? "pee" : "pees"];

    // "r" is a letter too ("vitamin r", "r and d"): it is "are" only where a pronoun or determiner says so.
    if (w === "r" && (ARE_AFTER.has(words[i - 1] ?? "") || (i === 0 && ARE_BEFORE.has(words[1] ?? "")))) return ["are"];
    return [w];
  });
}
