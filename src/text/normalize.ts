/**
 * Turns what people type into comparable words: lowercase, accents and curly quotes folded,
 * contractions opened ("can't" -> "can not") so negation and phrase rules see whole words.
 */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan'?t\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bwon'?t\b/g, "will not"],
  [/\bshan'?t\b/g, "shall not"],
  [/\b(ai|is|are|was|were|do|does|did|has|have|had|could|would|should|must|need)n'?t\b/g, "$1 not"],
  [/\b(i|you|we|they)'ve\b/g, "$1 have"],
  [/\b(i|you|we|they|he|she|it)'ll\b/g, "$1 will"],
  [/\b(i|you|we|they|he|she)'d\b/g, "$1 would"],
  [/\bi'?m\b/g, "i am"],
  [/\b(you|we|they)'re\b/g, "$1 are"],
  // Scots "whit's" is "what's" (chat-speak then writes "whit" out as "what").
  [/\b(it|he|she|that|what|whit|there|who)'s\b/g, "$1 is"],
  [/\b(\w+)'s\b/g, "$1"],
  // Southern US "y'all" is "you all" (split at the apostrophe, its "y" would read as "why").
  [/\by'all\b/g, "you all"],
  // Yorkshire's shortened article ("round t'middle", "down t'pub") is "the".
  [/\bt'(?=[a-z])/g, "the "],
];

/** ASCII with no capital letter, apostrophe or backtick. */
const PLAIN = /^[\x00-\x26\x28-\x40\x5b-\x5f\x61-\x7f]*$/;
/** Every word the replacements below change when the text has no apostrophe. */
const BARE_CONTRACTION = /\b(cyaan|kyaan|cyah|kyah|cyan|doan|cant|dont|doesnt|didnt|isnt|wasnt|arent|werent|havent|hasnt|hadnt|couldnt|wouldnt|shouldnt|wont|aint|mustnt|neednt|shant|cannot|im|ive)\b/;
/**
 * Scots and Northern negatives ("cannae feel ma legs", "it doesnae help", "dinnae ken"): a negation
 * like "can't", so the red-flag context and the lexicon read them as one.
 */
// "-na" only where no English word ends so ("arena" is not "are not").
const SCOTS_NEGATIVE = /\b(?:(can|does|dis|did|is|was|wis|would|wid|could|should|have|hav|has|had|do|din|are|were|must|will|wull|need)nae|(can|din|does|did|is|was|would|could|should|has|had|will)na)\b/g;
const SCOTS_NEGATIVE_ANY = new RegExp(SCOTS_NEGATIVE.source);
const SCOTS_VERB: Record<string, string> = { dis: "does", wis: "was", wid: "would", hav: "have", din: "do", wull: "will" };

// Not after an article or an intensifier: "a canny walk" is a good walk.
const CANNY_VERB = /(?<!\b(?:a|the|so|dead|proper|very|right|reet) )\bcanny (feel|walk|move|pee|wee|pass|go|get|stand|sit|lift|hold|tell|stop|sleep|bend|do|see|control|keep|make)\b/g;
const CANNY_ANY = new RegExp(CANNY_VERB.source);
const FOR_GOOD = /\b(?:for|fi) good\b/;
const FOR_GOOD_ALL = /\b(?:for|fi) good\b/g;
const SHOT_OF = /\b(get|got|gets|getting)\s+shot\s+of\b/g;
const SHOT_OF_ANY = /\bshot\s+of\b/;
/** "nothing" as it is said and typed: Caribbean "nutten", Cockney "nuffin", dropped "g" ("nothin"). */
const NOTHING_SAID = /\b(nutten|nuttin|nuttn|nuffin|nuffink|nuthin|nothin)\b/g;
const NOTHING_SAID_ANY = new RegExp(NOTHING_SAID.source);

/** Lowercased, accent-free text with contractions opened and punctuation kept (clauses need it). */
export function normalizeText(text: string): string {
  // Text that is already lowercase ASCII without apostrophes and without a contraction written
  // without one ("cant", "im") comes out unchanged: said with two tests instead of twenty
  // replacements (the red-flag check embeds every clause of a long message this way).
  if (PLAIN.test(text) && !BARE_CONTRACTION.test(text) && !SCOTS_NEGATIVE_ANY.test(text) && !FOR_GOOD.test(text) && !SHOT_OF_ANY.test(text) && !NOTHING_SAID_ANY.test(text) && !CANNY_ANY.test(text)) return text;
  let t = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, " - ")
    .toLowerCase();
  // People drop the apostrophe ("cant", "dont", "im"); these are unambiguous enough to open.
  // Jamaican and Caribbean English "cyaan"/"kyaan"/"cyah" is "can't" too ("mi cyaan walk good").
  t = t.replace(/\b(cant|cyaan|kyaan|cyah|kyah|cyan|doan|dont|doesnt|didnt|isnt|wasnt|arent|werent|havent|hasnt|hadnt|couldnt|wouldnt|shouldnt|wont|aint)\b/g, (w) =>
    w === "cant" || w === "cyaan" || w === "kyaan" || w === "cyah" || w === "kyah" || w === "cyan" ? "can not" : w === "wont" ? "will not" : w === "doan" ? "do not" : w.replace(/nt$/, "") + " not",
  );
  t = t.replace(/\bim\b/g, "i am").replace(/\bive\b/g, "i have");
  t = t.replace(SCOTS_NEGATIVE, (_w, nae: string | undefined, na: string | undefined) => `${SCOTS_VERB[nae ?? na!] ?? nae ?? na} not`);
  // Scots and Ulster "canny" before a verb is "can't" ("he canny feel his feet"); elsewhere it is
  // Geordie for good or careful ("a canny lad"), and stays.
  t = t.replace(CANNY_VERB, "can not $1");
  // An idiom, not an evaluation: "get rid of it for good" means for ever, and is not "Good Posture".
  t = t.replace(FOR_GOOD_ALL, "for ever");
  // "get shot of it" is British for get rid of it, not an injection.
  t = t.replace(SHOT_OF, "$1 rid of");
  // "nutten help it" is "nothing helps it": a denial the red-flag rules and the lexicon read as one.
  t = t.replace(NOTHING_SAID, "nothing");
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to);
  return t;
}

/** Words of a normalized text (letters and digits), in order. */
export function words(normalized: string): string[] {
  return normalized.match(/[a-z0-9]+/g) ?? [];
}

export const STOPWORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself his " +
    "how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours ourselves out over own " +
    "same she should so some such than that the their theirs them themselves then there these they this those through to too under until up " +
    "very was we were what when where which while who whom why will with would you your yours yourself yourselves " +
    "also get got getting really thing things like one ok okay please thanks thank hi hello hey lot lots bit kind sort anything something " +
    "im ive id u ur pls plz dont cant know want tell need say said much many go going gonna wanna use used way ways make makes may might " +
    "am is s t pls plz thx ppl u ur bc tho rn idk tbh lol omg btw ya yeah yep nah hmm " +
    // Words that frame what is asked ("any tips", "good idea?", "examples?") say nothing of its topic.
    // So does "best" ("best way to ease it", "what's best for sciatica"): it asks for the answer, whatever the topic.
    "tip tips advice idea ideas example examples exactly suggestion suggestions info meanwhile anyway best " +
    // Hedges and emphasis ("he never fell or nothing", "does it even help", "why me though") frame a
    // sentence the same way: counted as content, they made a follow-up look like a new subject.
    "never nothing though even actually always ever finally goes gone went till " +
    // Small numbers in words ("four months") count like digits, which are not topics either.
    "three four five six seven eight nine ten eleven twelve " +
    // Dates ("since last Christmas", "back in March", "every Monday") say when, not what about.
    "january february march april june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday weekend christmas xmas easter summer winter autumn " +
    // Light verbs frame a sentence ("can i take...", "the chemist is giving me...") and say nothing of its topic.
    "take takes taking took taken give gives giving gave given " +
    // "so my back stops killing me": stopping says what is wanted of any advice, not which; phrases that
    // mean more ("stop it coming back", "stop the pain") are concepts of the lexicon.
    "stop stops stopped stopping " +
    // Words of address and politeness from the Englishes people write in ("what causes it po", "kindly
    // tell ji", "abeg", "bhai") frame a message; counted as content they made a follow-up look foreign.
    "po opo ji sir madam maam mam abeg bhai yaar lah kindly"
  ).split(/\s+/),
);

/**
 * A light suffix stripper (Porter-like, much smaller). It only has to map the forms people and
 * the article use to one key ("stretches", "stretching" -> "stretch"), on both sides alike.
 */
export function stem(word: string): string {
  return memo(stems, word, stemUncached);
}

// Stemming runs on every word of every message, document and query; words repeat, so results are kept (bounded).
// The bound is above a large corpus's vocabulary (about 50,000 words at 100,000 synthetic chunks):
// with the earlier bound of 30,000, a build analysing chunk after chunk emptied it again and again.
const STEM_CACHE_LIMIT = 120_000;
const stems = new Map<string, string>();
const inflectionStems = new Map<string, string>();
function memo(cache: Map<string, string>, word: string, compute: (w: string) => string): string {
  let s = cache.get(word);
  if (s === undefined) {
    if (cache.size > STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, (s = compute(word)));
  }
  return s;
}

// Made once, not per word: a long message of words never seen stems tens of thousands of them.
const PLURAL_RULES: Array<[RegExp, string]> = [
  [/ies$/, "y"],
  [/([^aeiou])ied$/, "$1y"],
  [/sses$/, "ss"],
  [/([sxz]|ch|sh)es$/, "$1"],
  [/([^su])s$/, "$1"],
];
const DOUBLED = new Set("bdfgmnprt");
const SUFFIXES = ["ational", "ization", "fulness", "iveness", "ation", "ments", "ment", "ness", "ings", "ing", "edly", "ful", "ity", "ion", "ly", "ed", "er", "ical", "al", "ive", "ic", "ous", "e"];
const SUFFIXES_BY_LAST = new Map<string, string[]>();
for (const s of SUFFIXES) SUFFIXES_BY_LAST.set(s[s.length - 1], [...(SUFFIXES_BY_LAST.get(s[s.length - 1]) ?? []), s]);

/**
 * Words for pain share its key: "my legs are hurting" is a question about leg pain, and the one
 * passage that says "getting hurt" (injured) must not outrank every passage about pain for it.
 */
const PAIN_WORDS = new Set(["hurt", "hurts", "hurting", "ache", "aches", "aching", "achy", "achey", "sore", "pains", "painful"]);

function stemUncached(word: string): string {
  if (PAIN_WORDS.has(word)) return "pain";
  let w = word;
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  // Every plural rule ends in "s" or "d"; the suffixes are tried only if they end in the word's last letter (in their order).
  const last = w[w.length - 1];
  if (last === "s" || last === "d") {
    for (const [re, to] of PLURAL_RULES) {
      if (re.test(w)) {
        w = w.replace(re, to);
        break;
      }
    }
  }
  for (const s of SUFFIXES_BY_LAST.get(w[w.length - 1]) ?? []) {
    if (w.endsWith(s) && w.length - s.length >= 3) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  // "sitting" -> "sitt" -> "sit", so inflected forms meet their base.
  if (w.length >= 2 && w[w.length - 1] === w[w.length - 2] && DOUBLED.has(w[w.length - 1])) w = undoubled(w, word);
  if (w.endsWith("y") && w.length > 3) w = w.slice(0, -1) + "i";
  return w;
}

/**
 * The last letter of a doubled pair dropped ("sitt" -> "sit"). English doubles a final consonant
 * only before -ing, -ed, -er and -est ("getting" is "get"); a word without one that would become a
 * function word keeps its pair: "butt" as "but" would be matched by every "but" of every message
 * (a buttock in "but I'm only 31").
 */
function undoubled(w: string, word: string): string {
  const u = w.slice(0, -1);
  return STOPWORDS.has(u) && !/(ing|ed|er|est)$/.test(word) ? w : u;
}

/**
 * Removes inflections only (plurals, -ed, -ing), never derivations: "stretches", "stretching" ->
 * "stretch", but "medical" stays apart from "medication" and "wat" from "water", which the full
 * {@link stem} merges. Lay phrases match on this, so a concept is what its words say, inflected.
 */
export function inflectionStem(word: string): string {
  return memo(inflectionStems, word, inflectionStemUncached);
}

function inflectionStemUncached(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (/ies$/.test(w)) w = w.slice(0, -3) + "y";
  else if (/([^aeiou])ied$/.test(w)) w = w.slice(0, -3) + "y";
  else if (/sses$/.test(w)) w = w.slice(0, -2);
  else if (/([sxz]|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (/[^su]s$/.test(w) && !/(is|us|ss)$/.test(w)) w = w.slice(0, -1);
  else if (/ing$/.test(w) && w.length - 3 >= 3) w = w.slice(0, -3);
  else if (/[^e]ed$/.test(w) && w.length - 2 >= 3) w = w.slice(0, -2);
  else if (/eed$/.test(w)) w = w.slice(0, -1);
  if (/([bdfgmnprt])\1$/.test(w)) w = undoubled(w, word);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}
