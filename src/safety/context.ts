import { expandChatForms } from "../text/chat-speak.ts";
import { lowerBound } from "../text/lower-bound.ts";
import { normalizeText, stem } from "../text/normalize.ts";
import type { Span, Token } from "./pattern.ts";
import type { ChildrenExempt, ContextLexicon } from "./rules.ts";

/**
 * ConText (Harkema et al., 2009) for a red-flag mention: is it denied, supposed, reported by
 * someone else, in the past, uncertain, about someone who is not a person with the writer now,
 * or happening now? Trigger lexicons live in the `context` section of corpus/red-flags.yml.
 *
 * Each trigger has a direction (before or after the mention) and a scope. A scope ends at a clause
 * boundary: sentence punctuation, a line break, a terminating conjunction ("but", "because"), or a
 * new subject. The new-subject rule is what makes run-on messages work: in "can you help i cant
 * control my bladder" the question "can you" has its own subject ("you"), and the second subject
 * "i" starts a new clause, so the bladder is reported, not asked about. A subject right after the
 * trigger belongs to it ("what if I lose control" stays hypothetical).
 */
export type MentionStatus = "current" | "negated" | "hypothetical" | "historical" | "uncertain" | "other";

/** Subjects that start a new clause when they come after a trigger's own clause. */
const SUBJECTS = new Set(["i", "he", "she", "they", "we", "my", "his", "her", "their", "our", "mine"]);
/** Possessives that open a subject of two words ("my mum", "her husband"). */
const POSSESSIVES = new Set(["my", "his", "her", "their", "our"]);
/** Words that may stand between a trigger and its own subject without starting a new clause. */
const LINKING = new Set(["both", "all", "either", "of", "that", "if", "when", "whether", "one", "day", "some", "someday", "eventually", "ever", "again", "then", "just", "really", "also", "actually", "maybe", "in", "the", "future", "later", "suddenly", "this", "it", "is", "was", "happens", "happened", "like"]);
/**
 * In a supposition only, reported speech and a possessed noun stay with the trigger's own subject
 * ("what if my mum ever says she can't pee"; "ever" links everywhere); after a denial they do not ("no, my doctor said I
 * have lost control of my bladder" reports the loss).
 */
const SUPPOSITION_LINKING = new Set(["says", "said", "tells", "told"]);
/** First-person words: the writer is speaking of themselves. */
const FIRST_PERSON = new Set(["i", "me", "my", "myself", "mine"]);
const PERSONAL = new Set(["i", "me", "my", "myself", "he", "him", "his", "himself", "she", "her", "herself", "they", "them", "their", "we", "our", "us"]);
const QUESTION_OPENERS = new Set(["what", "how", "when", "why", "which", "is", "are", "can", "could", "does", "do", "will", "would", "should", "whats", "hows"]);
const YES_NO_OPENERS = new Set(["does", "do", "will", "would", "should", "could", "can"]);
/** After "can"/"could" these make a dropped-subject report ("can feel nothing"), not a question. */
const REPORT_VERBS = new Set(["not", "feel", "barely", "hardly", "only", "get", "walk", "stand", "pee", "wee", "move", "lift", "hold", "control", "see", "tell", "go", "stop"]);
const WH_WORDS = new Set(["what", "how", "when", "why", "which", "whats", "hows"]);
/** Words that put a relative's illness in the past ("my aunt had cancer", "grandad died of it"). */
const PAST_MARKERS = new Set(["had", "died", "passed", "was", "were", "ago", "survived", "beat", "lost"]);
/** The writer's own back or legs, named as theirs (not "I am", "I have": a carer says those of the person cared for). */
const OWN_BACK = ["my back", "my lower back", "my own back", "my spine", "my leg", "my legs", "my sciatica", "me back"].map((p) => p.split(" "));
/** The writer speaks of their own back or legs: a relative's past illness is then family history. */
const FIRST_PERSON_BODY = ["my back", "my leg", "my legs", "my sciatica", "my pain", "i have", "i am", "i have got", "i got", "i hurt", "my lower back", "my spine", "for me", "i get"].map((p) => p.split(" "));
/** The writer speaks of a third person's own back or legs: that person is the patient. */
const THIRD_PERSON_BODY = ["his back", "her back", "their back", "his legs", "her legs", "his leg", "her leg", "she has", "he has", "she is", "he is", "she can", "he can"].map((p) => p.split(" "));
/** "not sure if": here "if" means "whether" and asks nothing hypothetical. */
const WHETHER_BEFORE_IF = new Set(["tell", "know", "sure", "wonder", "wondering", "see", "check", "notice", "unsure", "certain"]);

/** Ages of 50 and over become the word "over50", so the rules can name the concept without numbers. */
// A person named right before a number gives their age: "my dad's 78" reads "my dad 78" once normalized.
const AGE_BEFORE = ["i am", "am", "aged", "age", "is", "he is", "she is", "turned", "turning", "at", "my dad", "my mum", "my mom", "my father", "my mother", "my husband", "my wife", "my partner", "my grandad", "my grandpa", "my grandma", "my nan", "my gran",
  // "mi" is "my" in Caribbean English ("mi granny 78"); a bare "granny 78" is not read (the number may count times or hours).
  "my granny", "mi granny", "mi gran", "mi nan", "mi dad", "mi mum", "mi mother", "mi father"].map((p) => p.split(" "));
const AGE_AFTER = ["years old", "year old", "yrs old", "yr old", "yo", "y o", "years of age", "yrs", "years", "m", "f"].map((p) => p.split(" "));
/** Words after "I am 52", "is 52" that make the number a measure, a span or a reading ("is 52 weeks", "ninety over sixty", "fifty fifty"), not an age. */
const NOT_AN_AGE_AFTER = new Set(["kg", "kilos", "pounds", "lbs", "quid", "dollars", "euros", "minutes", "mins", "percent", "degrees", "miles", "km", "weeks", "days", "months", "hours", "times", "over", "out", "50"]);
const DECADES = new Map([["fifties", 50], ["sixties", 60], ["seventies", 70], ["eighties", 80], ["nineties", 90]]);

/** Words after "nothing" or "anything" that make it "nothing unusual" ("feel nothing different"). */
const UNUSUAL = new Set(["different", "odd", "wrong", "unusual", "strange", "weird", "untoward", "abnormal", "amiss", "funny", "new"]);

const FEEL_VERBS = new Set(["feel", "feels", "felt", "feeling"]);
/** "feel nothing different" at i: "nothing" or "anything" after a verb of feeling, before a word of the unusual. */
function feltUnusual(words: string[], i: number): boolean {
  return (words[i] === "nothing" || words[i] === "anything") && FEEL_VERBS.has(words[i - 1] ?? "") && UNUSUAL.has(words[i + 1] ?? "");
}

/** Units of a recent span: "in the past 2 days" is now. */
const RECENT_UNITS = new Set(["hour", "hours", "hr", "hrs", "minutes", "mins", "day", "days", "week", "weeks", "night", "nights", "24", "48", "72"]);

/** Splits a message into tokens that know their clause, sentence, comma stretch and quotation. */
export function tokenize(text: string, correct: (word: string) => string, terminators: string[][] = []): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let sentence = 0;
  let segment = 0;
  let sentenceStart = 0;
  let quoted = false;
  let newSubjectNext = false;
  let andSubjectNext = false;
  let statementNext = false;
  // "w/o" is chat-speak for "without"; "8kg" is a number and a unit.
  // A decimal point is not a sentence's end: "38.9" is read "38 point 9".
  // A trailing-off "..." before a word in lower case is a pause, not a sentence's end, when the words
  // before it cannot end a sentence: "my legs just... went". After a whole sentence ("nothing wrong
  // with my legs... numb between my legs") it still ends one, so a denial does not reach past it.
  const normalized = pastYears(spelledNumbers(normalizeText(oneWordLines(text).replace(TRAILING_OFF, "$1 ").replace(/\bw\/o\b/gi, "without").replace(/(\d)(kgs?|lbs?|st|stone|pounds)\b/gi, "$1 $2").replace(/(\d)\.(\d)/g, "$1 point $2"))));
  // Quotation marks around words ('saddle anaesthesia', "incontinence") make them a mention, not a
  // report. Single quotes count only as a pair around words; a " after a digit is inches (6'2").
  const quotedText = normalized.replace(/(?<![a-z0-9])'([a-z][^'\n]*?[a-z])'(?![a-z0-9])/g, '"$1"').replace(/(\d)"/g, "$1 ").replace(/(\d)'/g, "$1 ");
  // Chat forms written out as the rest of Lumbar reads them: "hot n cold" is "hot and cold".
  // "every single day" intensifies "every day": the lexicon's phrases ("worse every day", "every
  // night") hold for it, so the "single" after "every" is dropped.
  const raw = expandChatForms(quotedText.match(/[a-z0-9]+|[.!?;:\n]+|,|"/g) ?? [])
    .filter((w, i, all) => !(w === "single" && all[i - 1] === "every"))
    // "in the past couple of hours" is the last couple of hours, not the past: only "in the past"
    // without a span of time after it is history.
    .map((w, i, all) => (w === "past" && all[i - 1] === "the" && all[i - 2] === "in" && all.slice(i + 1, i + 4).some((n) => RECENT_UNITS.has(n)) ? "last" : w))
    // "I feel nothing different", "don't feel anything odd down there": nothing unusual is felt,
    // not numbness. The pair becomes one word no numbness pattern reads.
    // Only after a verb of feeling: "nothing odd with my bladder" still denies what follows.
    .flatMap((w, i, all) => (feltUnusual(all, i) ? ["nothingunusual"] : feltUnusual(all, i - 1) ? [] : [w]));
  const termSet = new Set(terminators.filter((t) => t.length === 1).map((t) => t[0]));
  const multi = terminators.filter((t) => t.length > 1);
  // A long message repeats its words: each distinct word is stemmed once.
  const stems = new Map<string, string>();
  raw.forEach((piece, i) => {
    if (piece === '"') {
      quoted = !quoted;
      return;
    }
    if (piece === ",") {
      segment++;
      // "it wasn't like this yesterday, it's getting worse": a pronoun and its verb after a comma open
      // a new statement, so a denial before it does not run on into it. A list after a comma ("no
      // numbness, tingling or weakness") opens none. The clause goes on: "it" is still what the clause named.
      if (opensStatement(raw[i + 1] ?? "", raw[i + 2] ?? "")) statementNext = true;
      return;
    }
    if (!isWordStart(piece.charCodeAt(0))) {
      if (piece.includes("?")) for (let k = sentenceStart; k < tokens.length; k++) tokens[k].question = true;
      clause++;
      sentence++;
      segment++;
      quoted = false;
      sentenceStart = tokens.length;
      return;
    }
    const next = raw[i + 1] ?? "";
    // "..., no injury, and it wakes me at night": "and it" after a comma starts a new statement too.
    const andIt = piece === "and" && next === "it" && raw[i - 1] === ",";
    if (termSet.has(piece) || andIt || ((piece === "and" || piece === "so" || piece === "then") && SUBJECTS.has(next))) {
      clause++;
      // A consequence with a new subject ("... so I put my weight on the other leg") is a new
      // statement: even a sentence-wide pattern gap (~~) does not reach into it.
      if (piece === "so" || piece === "then") newSubjectNext = true;
      if (piece === "and" && SUBJECTS.has(next)) andSubjectNext = true;
      return;
    }
    const c0 = piece.charCodeAt(0);
    const word = c0 >= 48 && c0 <= 57 ? piece : correct(piece);
    let wordStem = stems.get(word);
    if (wordStem === undefined) stems.set(word, (wordStem = stem(word)));
    const token: Token = { word, stem: wordStem, clause, sentence, segment };
    if (quoted) token.quoted = true;
    if (newSubjectNext) token.newSubject = true;
    if (andSubjectNext) token.andSubject = true;
    if (statementNext) token.statement = true;
    tokens.push(token);
    newSubjectNext = false;
    andSubjectNext = false;
    statementNext = false;
  });
  // Multi-word terminators ("apart from") end the clause they sit in: every word from there on moves
  // half a clause on. The shift is carried along rather than applied to the rest of the message at
  // each terminator, which made a message with many of them quadratic.
  let shift = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (multi.some((p) => p.every((w, k) => tokens[i + k]?.word === w && tokens[i + k].clause === tokens[i].clause))) shift += 0.5;
    tokens[i].clause += shift;
  }
  reportedSpeechIsReport(tokens);
  markAges(tokens);
  return tokens;
}

const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = { eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const SPELLED_TENS = /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](one|two|three|four|five|six|seven|eight|nine))?\b/g;
const SPELLED_TEENS = /\b(eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b/g;

/**
 * Numbers from 11 to 99 written in words become digits, so an age or a count said in words ("Seventy
 * three years old", "sixty-eight", "perhaps thirty tablets") is read in the same strict forms as one
 * in digits, and no more loosely. Single units ("one", "two") stay words: they are everyday speech.
 * (A general words-to-numbers package would also turn "one" and "a hundred" into numbers; this is all
 * the rules need.)
 */
function spelledNumbers(text: string): string {
  // "fifty fifty" is even odds, not a number.
  return text.replace(/\bfifty[ -]fifty\b/g, "evens").replace(SPELLED_TENS, (_m, tens: string, unit?: string) => String(TENS[tens] + (unit ? UNITS[unit] : 0))).replace(SPELLED_TEENS, (m: string) => String(TEENS[m]));
}

/**
 * A year long past ("back in '85", "in 1979", "in 2003") is the past as "back in the 80s" is: it
 * becomes "in the past", which the history terms read. Only years to 2015 and two-digit years from
 * '30 to '99 or '00 to '15, so no year that may be this one or last is read as history without a clock.
 */
function pastYears(text: string): string {
  return text.replace(/\b(back )?in '?(19[0-9]{2}|20(?:0[0-9]|1[0-5]))\b|\b(back )?in '([0-9]{2})\b/g, (m, back1?: string, year?: string, back2?: string, short?: string) => {
    if (short !== undefined && Number(short) > 15 && Number(short) < 30) return m;
    return `${back1 ?? back2 ?? ""}in the past`;
  });
}

/** A "..." after a word that cannot end a sentence ("just", "my", "can't"), before a word in lower case. */
const TRAILING_OFF = /\b(just|suddenly|totally|completely|kind of|sort of|a|an|the|my|his|her|their|both|and|or|to|of|is|are|was|were|feel|feels|felt|went|gone|go|goes|can|could|cant|can't|can\u2019t|couldnt|couldn't|couldn\u2019t|not)\s*(?:\.{2,}|\u2026)\s*(?=[a-z])/g;

/** Words that make a quotation someone's own account: "she says 'I can't feel my wee coming'". */
// Only the first person singular: a clinician's "we worry when they can't pee" speaks of patients in
// general, and is still a quotation of what to watch for.
const SPEAKER_WORDS = new Set(["i", "im", "ive", "id", "me", "my", "mine", "myself"]);
// A relative's own account passed on speaks of them in the third person singular ("my wife says 'she
// can't pee and her bum is numb'", "mum said 'we can't get her to pee'"); a warning quoted from a
// leaflet speaks of a case ("'if he loses bladder control, go to A&E'").
const THIRD_PERSON_ONE = new Set(["she", "shes", "her", "he", "hes", "his", "him"]);
const CONDITIONAL_WORDS = new Set(["if", "when", "whenever", "unless"]);
/** Words that make a quotation something read, not a person the writer knows passing on their account. */
// Not "wrote" or "someone": "I wrote to 111 '...'" and "I told someone at work '...'" are the writer's own account.
const READ_SOURCES = new Set(["stranger", "post", "posted", "forum", "reddit", "facebook", "online", "internet", "article", "comment", "comments", "thread", "website", "video", "tiktok", "youtube", "song", "lyrics", "film", "movie"]);

/** Verbs that pass on what someone said. */
// (Posting or writing it to others passes it on too: "my mate posted on snapchat 'sorry everyone'".)
const SPEECH_VERBS = new Set(["say", "says", "saying", "sayin", "said", "told", "tells", "telling", "texted", "texts", "messaged", "muttering", "mutters", "muttered", "keeps", "kept", "posted", "posts", "wrote", "writes", "sent", "sends", "whatsapped", "snapchatted", "tweeted"]);
/** A person who may be passing on their own account (not "it says", "the script says"). */
const PEOPLE = new Set(["he", "she", "hes", "shes", "they", "dad", "da", "mum", "mam", "ma", "mom", "wife", "husband", "brother", "sister", "son", "daughter", "mate", "friend", "partner", "gran", "nan", "grandad", "grandma", "granny", "boyfriend", "girlfriend", "uncle", "aunt", "auntie", "father", "mother", "colleague", "neighbour", "neighbor", "missus", "fella", "lass", "bloke", "pal", "cousin"]);
/** Speakers whose quoted words are terms to look up, not their own account. */
const CLINICIANS = new Set(["doctor", "doctors", "doc", "gp", "physio", "nurse", "consultant", "surgeon", "specialist", "chiro", "chiropractor", "paramedic", "leaflet", "nhs", "111", "receptionist", "dr"]);

/**
 * A quoted term ('saddle anaesthesia', "incontinence") is a mention; a quoted sentence in which a
 * person speaks of themselves ("Gran texted me: 'I can't go to the lavatory since breakfast'") is
 * their account, passed on: a report like any other, so its quotation marks are dropped.
 */
function reportedSpeechIsReport(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; ) {
    if (!tokens[i].quoted) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && tokens[j].quoted && tokens[j].sentence === tokens[i].sentence) j++;
    let from = i;
    while (from > 0 && tokens[from - 1].sentence === tokens[i].sentence) from--;
    // Read somewhere (a post, a forum), unless a person the writer knows posted it themselves ("my
    // mate posted on snapchat 'sorry everyone'").
    const lead = tokens.slice(from, i);
    const personPosted = lead.some((t, k) => SPEECH_VERBS.has(t.word) && lead.slice(Math.max(0, k - 4), k).some((u) => PEOPLE.has(u.word)));
    const read = lead.some((t) => READ_SOURCES.has(t.word)) && !personPosted;
    const quote = tokens.slice(i, j);
    // A quotation of one person ("Gran says she 'can't feel her wee coming'") passes on her account
    // too; one that speaks of people in general ("we worry when they can't pee") is a warning.
    const ofOnePerson = quote.some((t) => THIRD_PERSON_ONE.has(t.word)) && !quote.some((t) => CONDITIONAL_WORDS.has(t.word));
    // Words a person is said to say ("he keeps saying he's 'ready to go'", "she told me she 'can't see
    // the point anymore'") are their account, passed on; a clinician's quoted term is not.
    const before = tokens.slice(Math.max(from, i - 8), i);
    const passedOn =
      quote.length >= 2 && before.some((t) => SPEECH_VERBS.has(t.word)) && tokens.slice(from, i).some((t) => PEOPLE.has(t.word)) && !tokens.slice(from, i).some((t) => CLINICIANS.has(t.word));
    if (!read && (quote.some((t) => SPEAKER_WORDS.has(t.word)) || ofOnePerson || passedOn)) for (let k = i; k < j; k++) delete tokens[k].quoted;
    i = j;
  }
}

/** Contracted pronoun-and-verb forms, each a subject with its verb. */
const SUBJECT_VERB = new Set(["its", "im", "ive", "hes", "shes", "theyre", "theyve", "were", "weve", "id", "ill"]);
const PRONOUNS = new Set(["it", "i", "he", "she", "they", "we", "this", "that"]);
const VERBS = new Set(["is", "was", "has", "had", "have", "am", "are", "were", "keeps", "kept", "gets", "got", "feels", "felt", "seems", "will", "would", "can", "could", "started", "starts", "goes", "went", "comes", "came"]);

/** Whether the words after a comma open a statement of their own: a pronoun and its verb. */
function opensStatement(first: string, second: string): boolean {
  return SUBJECT_VERB.has(first) || (PRONOUNS.has(first) && VERBS.has(second));
}

const LINE_DENIAL = /^\s*(no|not|never|nothing|none|nil|without|denies|neg)\b/i;

/**
 * "back\nkilling\ncant\nfeel\nmy\nbits": a message typed a word or two to a line is one sentence,
 * not a dozen; its line breaks are spaces.
 */
function oneWordLines(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  if (lines.length < 4) return text;
  // A list ("no fever\nno injury\ncant pee") keeps its lines: joined, a denial would reach the next items.
  if (lines.some((line) => LINE_DENIAL.test(line))) return text;
  const words = lines.reduce((n, line) => n + line.trim().split(/\s+/).length, 0);
  return words / lines.length <= 2 ? lines.join(" ") : text;
}

/** A character code of a-z or 0-9 (what /^[a-z0-9]/ tests, without a regular expression per word). */
function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** "I'm 63", "63 years old", "63yo", "in my sixties": ages of 50 and over become "over50". */
function markAges(tokens: Token[]): void {
  const at = (i: number, p: string[]) => p.every((w, k) => tokens[i + k]?.word === w);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].word;
    // Every age form but a decade's name starts with a digit.
    const c0 = w.charCodeAt(0);
    if ((c0 < 48 || c0 > 57) && !DECADES.has(w)) continue;
    const glued = /^(\d{2,3})(yo|yrs|y|m|f)$/.exec(w);
    const decade = /^(\d)0s$/.exec(w);
    // A single digit is never over 50, but "my 7 year old" is a child's age: only the strict child forms read it.
    if (/^\d(yo)?$/.test(w)) {
      if (childAge(tokens, i, w.endsWith("yo"))) Object.assign(tokens[i], { word: "under16", stem: "under16", age: Number(w[0]), gluedAge: w.endsWith("yo") });
      continue;
    }
    let age = glued ? Number(glued[1]) : /^\d{2,3}$/.test(w) ? Number(w) : decade ? Number(decade[1]) * 10 : DECADES.get(w) ?? NaN;
    if (Number.isNaN(age)) continue;
    const isAge =
      glued !== null ||
      ((decade !== null || DECADES.has(w)) && ["my", "his", "her", "their"].includes(tokens[i - 1]?.word ?? "")) ||
      AGE_BEFORE.some((p) => i >= p.length && at(i - p.length, p) && !NOT_AN_AGE_AFTER.has(tokens[i + 1]?.word ?? "")) ||
      AGE_AFTER.some((p) => at(i + 1, p) && (p[0] !== "years" || !["ago", "now", "of"].includes(tokens[i + 2]?.word ?? "") || p.length > 1)) ||
      // A message that opens with a bare number and "and" or a comma gives the writer's age ("56 and never had back pain").
      // ("56 and my back..." drops the "and" as the boundary before a new subject: the clause changes.)
      (i === 0 && (tokens[1]?.word === "and" || (tokens[1] !== undefined && (tokens[1].segment !== tokens[0].segment || tokens[1].clause !== tokens[0].clause)))) ||
      // A number set apart by commas after a person is their age: "my dad, 72, has...", "Skipper here, 60, fit as a fiddle".
      // So does one set apart at the very start, after who is writing ("Bus driver, 55.", "cashier, 58, first time ever").
      (i > 0 && aloneInClause(tokens, i) && (APPOSITION_AFTER.has(tokens[i - 1].word) || i <= 3 || (endsFirstSentence(tokens, i) && !measuredInSentence(tokens, i)))) ||
      // A message that opens with a person and a number set apart ("mate's 52, never had back trouble", "Dad 78, fell yesterday").
      (i === 1 && (ADULTS.has(tokens[0].word) || OTHER_PEOPLE.has(tokens[0].word)) && (tokens[2] === undefined || tokens[2].segment !== tokens[1].segment)) ||
      // "63 now" set apart by commas: "never had a bad back in my life, 63 now, taxi 30 years"
      // (not a weight or a lift: "lost loads of weight, 85 now").
      (i > 0 && tokens[i + 1]?.word === "now" && tokens[i - 1].segment !== tokens[i].segment && (tokens[i + 2] === undefined || tokens[i + 2].segment !== tokens[i].segment || tokens[i + 2].sentence !== tokens[i].sentence) && !measuredInSentence(tokens, i));
    if (!isAge) age = NaN;
    if (age >= 50 && age <= 110) Object.assign(tokens[i], { word: "over50", stem: "over50", age });
    else if (childAge(tokens, i, glued !== null)) Object.assign(tokens[i], { word: "under16", stem: "under16", age, gluedAge: glued !== null });
    // 16 to 19 in the same strict forms as a child's age ("im 16 and...", "17yo"): CKS counts back
    // pain that first starts before 20 as a red flag, as after 50.
    else if (childAge(tokens, i, glued !== null, [16, 19]) && !halfOrSince(tokens, i)) Object.assign(tokens[i], { word: "under20", stem: "under20", age, gluedAge: glued !== null });
  }
}

/** "18 and a half stone", "since age 16", "from 17": a measure or a past age, not the writer's age now. */
function halfOrSince(tokens: Token[], i: number): boolean {
  if (tokens[i + 1]?.word === "and" && (tokens[i + 2]?.word === "a" || tokens[i + 2]?.word === "half")) return true;
  return tokens.slice(Math.max(0, i - 3), i).some((t) => t.word === "since" || t.word === "from" || t.word === "was");
}

/** Words of a weight or a lift, which a bare number beside them measures instead of an age. */
const MEASURES = new Set(["weight", "weigh", "weighs", "weighed", "kg", "kgs", "kilos", "stone", "lbs", "pounds", "pb", "squat", "squats", "deadlift", "deadlifts", "bench", "lifted", "lift", "reps", "score", "scale"]);
function measuredInSentence(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && tokens[k].sentence === tokens[i].sentence; k--) if (MEASURES.has(tokens[k].word)) return true;
  for (let k = i + 1; k < tokens.length && tokens[k].sentence === tokens[i].sentence; k++) if (MEASURES.has(tokens[k].word)) return true;
  return false;
}

/** A number set apart that ends the message's first sentence: who is writing ("retired miner from the Rhondda, 74."). */
function endsFirstSentence(tokens: Token[], i: number): boolean {
  return tokens[i].sentence === tokens[0].sentence && (tokens[i + 1] === undefined || tokens[i + 1].sentence !== tokens[i].sentence);
}

/** Words a person's age set apart by commas follows: the person ("my dad, 72,") or a self-introduction ("Skipper here, 60,"). */
const APPOSITION_AFTER = new Set(["here", "dad", "mum", "mom", "father", "mother", "husband", "wife", "partner", "gran", "nan", "grandad", "grandpa", "grandma", "granny", "grandfather", "grandmother", "law", "stepdad", "stepmum", "papa", "pop", "uncle", "aunt", "auntie", "brother", "sister", "neighbour", "neighbor", "friend", "me", "myself"]);
/** The token is a clause of its own: the words either side of it belong to other clauses (commas round it). */
function aloneInClause(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return before !== undefined && (before.clause !== t.clause || before.segment !== t.segment) && (after === undefined || after.clause !== t.clause || after.segment !== t.segment);
}

/** Forms that give a child's age and nothing else: "14 yo", "a 9 year old", "I'm 14", "my son is 12". */
const CHILD_AGE_AFTER = ["years old", "year old", "yrs old", "yr old", "yo", "y o", "years of age"].map((p) => p.split(" "));
const CHILD_AGE_BEFORE = ["i am", "aged", "age", "my son is", "my daughter is", "my boy is", "my girl is", "my kid is", "my child is"].map((p) => p.split(" "));

/**
 * Ages 2 to 15 become "under16" (CKS: back pain in a child is a red flag with persisting pain, a limp,
 * night pain or nerve symptoms). Stricter forms than for the over-50s: "pain is 9/10", "is 12 hours"
 * and "5 years" are not ages.
 */
function childAge(tokens: Token[], i: number, glued: boolean, range: [number, number] = [2, 15]): boolean {
  const m = /^(\d{1,2})(?:yo)?$/.exec(tokens[i].word);
  if (!m) return false;
  const age = Number(m[1]);
  if (age < range[0] || age > range[1]) return false;
  if (glued) return tokens[i].word.endsWith("yo");
  const at = (k: number, p: string[]) => p.every((w, j) => tokens[k + j]?.word === w);
  const unitAfter = ["out", "of", "10", "hours", "hrs", "days", "weeks", "months", "years", "yrs", "year", "yr", "kg", "kilos", "mins", "minutes", "percent", "times"].includes(tokens[i + 1]?.word ?? "");
  if (unitAfter) return CHILD_AGE_AFTER.some((p) => at(i + 1, p));
  // After the age only its end: "I'm 14 and...", "she is 12, ...", not "I'm 14 stone".
  const next = tokens[i + 1];
  const ends = next === undefined || next.clause !== tokens[i].clause || next.segment !== tokens[i].segment || AGE_ENDS.has(next.word);
  if (!ends) return CHILD_AGE_AFTER.some((p) => at(i + 1, p));
  // "my little brother is 12", "she is only 9": a young person named just before "is".
  const personIs = tokens[i - 1]?.word === "is" || (tokens[i - 1]?.word === "only" && tokens[i - 2]?.word === "is");
  const person = personIs && [2, 3, 4, 5].some((k) => YOUNG_PEOPLE.has(tokens[i - k]?.word ?? ""));
  return CHILD_AGE_AFTER.some((p) => at(i + 1, p)) || person || CHILD_AGE_BEFORE.some((p) => i >= p.length && at(i - p.length, p));
}

/** Words that may follow a bare age: "I'm 14 and...", "he is 12 now". */
const AGE_ENDS = new Set(["and", "but", "so", "now", "with", "lol", "yo", "y", "years", "yrs"]);

/** People whose age follows "is" ("my little brother is 12"). */
// With the everyday words for a young person ("the neighbour's lad is 13", "our teenager is 14").
const YOUNG_PEOPLE = new Set(["son", "daughter", "boy", "girl", "kid", "child", "brother", "sister", "nephew", "niece", "grandson", "granddaughter", "cousin", "he", "she", "stepson", "stepdaughter",
  "lad", "lass", "laddie", "lassie", "teen", "teenager", "youngster", "kiddo", "grandkid", "grandchild", "bro", "sis"]);

/** Where each word's clause, sentence and comma stretch start and end: computed once per message, so long messages stay linear. */
interface Layout {
  clauseStart: Int32Array;
  clauseEnd: Int32Array;
  sentenceStart: Int32Array;
  sentenceEnd: Int32Array;
  segmentStart: Int32Array;
  segmentEnd: Int32Array;
  /** For each position, the end of the (longest) pseudo-trigger starting there, or 0. */
  pseudoEnd: Int32Array;
  /** The longest pseudo-trigger, in words: how far back a pseudo-trigger covering a word can start. */
  pseudoLongest: number;
  impersonal: Map<number, boolean>;
  /** Animal subjects and young children not preceded by an object marker, ascending. */
  animals: number[];
  animalCues: number[];
  children: number[];
  /** Young children named as an object ("carrying my 2 year old"): the "she" or "he" of what follows. */
  childObjects: number[];
  relatives: Set<number>;
  /** Relative positions, ascending. */
  relativeList: number[];
  thirdPersonPatient: boolean;
  /** Positions of people the writer cares for at work, when the message asks how to handle them. */
  caredFor: number[];
  firstPersonPatient: boolean;
  /** The message asks whether family history raises the writer's own risk ("does it run in families?"). */
  familyRisk: boolean;
  pastYear: Map<number, boolean>;
  /** Per sentence start: "when I was 8" somewhere in the sentence. */
  agedPast: Map<number, boolean>;
  /** Per sentence start: the writer is at ease about what the sentence says (see {@link atEase}). */
  atEase: Map<number, boolean>;
  /** Per sentence start: where its last phrase of a feeling outlasting its cause starts ("not going away even off the bike"), or -1. */
  persists: Map<number, number>;
  /** Per sentence start: a word placing the sentence in the present or the last day. */
  recent: Map<number, boolean>;
  /** Per trigger list and sentence start: the last position where an after-trigger of the list starts (-1). */
  lastAfter: Map<string[][], Map<number, number>>;
  /** Last position at or before i that is "i", "me" or "myself" (-1). */
  lastSelf: Int32Array;
  /** Prefix counts (count before position i) of words the checks below look for anywhere in a clause or sentence. */
  owned: () => Int32Array;
  modal: () => Int32Array;
  firstPersonNotRelative: () => Int32Array;
  my: () => Int32Array;
  past: () => Int32Array;
  /** Smallest position at or after i where "fine/normal/ok" is followed within four words by "after/once/when/again" in its sentence (n if none). */
}

const layouts = new WeakMap<Token[], Layout>();

/** A trigger list's phrases by their first word: each position is compared only with the phrases that can start there. */
const byFirstWord = new WeakMap<string[][], Map<string, string[][]>>();
function phrasesStartingWith(list: string[][], word: string): string[][] | undefined {
  let m = byFirstWord.get(list);
  if (!m) {
    m = new Map();
    for (const p of list) if (p.length > 0) m.set(p[0], [...(m.get(p[0]) ?? []), p]);
    byFirstWord.set(list, m);
  }
  return m.get(word);
}

/** Some value of the ascending list lies in [from, to). */
function anyIn(list: number[], from: number, to: number): boolean {
  const k = lowerBound(list, from);
  return k < list.length && list[k] < to;
}

/** A value computed on first use and kept. */
function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

/** Prefix counts of the positions where `test` holds: count[i] is how many come before i. */
function prefixCount(n: number, test: (i: number) => boolean): Int32Array {
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) count[i + 1] = count[i] + (test(i) ? 1 : 0);
  return count;
}

/** The phrase starts at token i, all of it inside one clause ("my back. Legs..." is not "back legs"). */
function startsAt(tokens: Token[], i: number, p: string[]): boolean {
  for (let k = 0; k < p.length; k++) if (tokens[i + k]?.word !== p[k] || tokens[i + k].clause !== tokens[i].clause) return false;
  return true;
}

function layoutOf(tokens: Token[], ctx: ContextLexicon): Layout {
  let l = layouts.get(tokens);
  if (l) return l;
  const n = tokens.length;
  const runs = (key: (t: Token) => number | undefined) => {
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    let previous = n > 0 ? key(tokens[0]) : undefined;
    for (let i = 1; i < n; i++) {
      const k = key(tokens[i]);
      start[i] = k === previous ? start[i - 1] : i;
      previous = k;
    }
    let next = n > 0 ? key(tokens[n - 1]) : undefined;
    if (n > 0) end[n - 1] = n;
    for (let i = n - 2; i >= 0; i--) {
      const k = key(tokens[i]);
      end[i] = k === next ? end[i + 1] : i + 1;
      next = k;
    }
    return [start, end];
  };
  const [clauseStart, clauseEnd] = runs((t) => t.clause);
  const [sentenceStart, sentenceEnd] = runs((t) => t.sentence);
  const [segmentStart, segmentEnd] = runs((t) => t.segment);
  const find = (list: string[][]) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (phrasesStartingWith(list, tokens[i].word)?.some((p) => startsAt(tokens, i, p))) out.push(i);
    return out;
  };
  const pseudoEnd = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let longest = 0;
    for (const p of phrasesStartingWith(ctx.pseudo, tokens[i].word) ?? []) if (p.length > longest && startsAt(tokens, i, p)) longest = p.length;
    if (longest > 0) pseudoEnd[i] = i + longest;
  }
  const thirdPersonPatient = find(THIRD_PERSON_BODY).length > 0;
  const firstPersonPatient = find(FIRST_PERSON_BODY).length > 0;
  const children = find(ctx.childSubject);
  // "my 9 yr old", "our 5 year old": a child under 13 named by age.
  for (let i = 0; i < n - 1; i++) {
    const glued = /^(\d{1,2})(yo|yr|yrs)$/.exec(tokens[i].word);
    // An age read as a child's is "under16" by now, its number kept beside it.
    const age = tokens[i].word === "under16" ? (tokens[i].age ?? NaN) : Number(glued ? glued[1] : /^\d{1,2}$/.test(tokens[i].word) ? tokens[i].word : NaN);
    if (age < 13 && ["my", "our", "his", "her"].includes(tokens[i - 1]?.word ?? "") && (glued || tokens[i].gluedAge === true || ["yr", "yrs", "year", "years", "yo"].includes(tokens[i + 1].word))) children.push(i - 1);
  }
  children.sort((a, b) => a - b);
  // "my son is 17", "my daughter (15)": a son or daughter of 13 or over is not a young child.
  // (An age read already, "my son is 17" as under20, counts as its number.)
  const youngChildren = children.filter((i) => !tokens.slice(i + 1, i + 6).some((t) => (/^\d{1,2}$/.test(t.word) && Number(t.word) >= 13) || (t.age !== undefined && t.age >= 13)));
  const relativeList = find(ctx.relativePast);
  const relatives = new Set(relativeList);
  // A subject right after "off", "from", "walking"... is an object ("thrown off my horse").
  const subjects = (positions: number[]) => positions.filter((i) => !OBJECT_MARKERS.has(tokens[i - 1]?.word ?? ""));
  const others = othersAfterMy(ctx);
  const lastSelf = new Int32Array(n);
  for (let i = 0; i < n; i++) lastSelf[i] = SELF.has(tokens[i].word) ? i : i > 0 ? lastSelf[i - 1] : -1;
  l = {
    clauseStart, clauseEnd, sentenceStart, sentenceEnd, segmentStart, segmentEnd,
    pseudoEnd, pseudoLongest: Math.max(0, ...ctx.pseudo.map((p) => p.length)),
    impersonal: new Map(), pastYear: new Map(), agedPast: new Map(), atEase: new Map(), persists: new Map(), recent: new Map(), lastAfter: new Map(),
    animals: subjects(animalsWithModifiers(tokens, ctx, find(ctx.animalSubject))), animalCues: find(ctx.animalCue), children: subjects(youngChildren), childObjects: youngChildren.filter((i) => OBJECT_MARKERS.has(tokens[i - 1]?.word ?? "")), relatives, relativeList, thirdPersonPatient,
    firstPersonPatient,
    familyRisk: find(ctx.familyRisk).length > 0,
    // A carer asking how to handle someone, or speaking only of their own back ("most of our residents
    // are doubly incontinent... how do I protect my back?"): the people they care for are not the patient.
    // ("I'm the carer for my wife... she suddenly got back pain" speaks of the wife's back: "I am" is not the writer's own back.)
    caredFor: find(ctx.careTask).length > 0 || (find(OWN_BACK).length > 0 && !thirdPersonPatient) ? find(ctx.careRecipient) : [],
    lastSelf,
    // Computed when a check first asks for them (many messages never need some).
    owned: once(() => prefixCount(n, (i) => SELF.has(tokens[i].word) || (tokens[i].word === "my" && !others.some((p) => startsAt(tokens, i + 1, p))))),
    modal: once(() => prefixCount(n, (i) => MODALS.has(tokens[i].word))),
    firstPersonNotRelative: once(() => prefixCount(n, (i) => FIRST_PERSON.has(tokens[i].word) && !relatives.has(i + 1))),
    my: once(() => prefixCount(n, (i) => tokens[i].word === "my")),
    past: once(() => prefixCount(n, (i) => PAST_MARKERS.has(tokens[i].word))),
  };
  layouts.set(tokens, l);
  return l;
}

/** Words that may stand between an owner and the animal ("my old labrador", "our 14 year old collie"). */
const ANIMAL_MODIFIERS = new Set(["old", "elderly", "senior", "young", "little", "big", "poor", "fat", "rescue", "lovely", "daft", "sweet", "family", "year", "years", "yr", "yrs", "yo", "deaf", "blind"]);
const NOT_ONLY_ANIMALS = new Set(["cat", "pet", "lab", "pony"]);
const animalNouns = new WeakMap<ContextLexicon, Set<string>>();
/**
 * The animal subjects the lexicon names ("my labrador"), and the same animals with a word or three
 * about them between owner and animal ("my old labrador", "our 14 year old collie"), at the owner's position.
 */
function animalsWithModifiers(tokens: Token[], ctx: ContextLexicon, named: number[]): number[] {
  let nouns = animalNouns.get(ctx);
  if (!nouns) {
    // ("cat", "pet" and "lab" are also scans and tests: "my new CAT scan", "my new lab results".)
    nouns = new Set(ctx.animalSubject.filter((p) => p.length === 2 && ["my", "our", "the"].includes(p[0]) && !NOT_ONLY_ANIMALS.has(p[1])).map((p) => p[1]));
    animalNouns.set(ctx, nouns);
  }
  const found = new Set(named);
  for (let i = 0; i < tokens.length; i++) {
    if (!["my", "our", "the"].includes(tokens[i].word)) continue;
    for (let k = i + 1; k < Math.min(tokens.length, i + 5); k++) {
      const w = tokens[k].word;
      if (tokens[k].clause !== tokens[i].clause) break;
      if (nouns.has(w) && k > i + 1) {
        found.add(i);
        break;
      }
      if (!ANIMAL_MODIFIERS.has(w) && !/^\d{1,2}$/.test(w) && tokens[k].age === undefined) break;
    }
  }
  return [...found].sort((a, b) => a - b);
}

function cached<T>(map: Map<number, T>, key: number, compute: () => T): T {
  let v = map.get(key);
  if (v === undefined) {
    v = compute();
    map.set(key, v);
  }
  return v;
}

/**
 * A before-trigger ending inside [from, to) whose scope reaches `to`: not part of a pseudo-trigger,
 * and no new subject between the trigger and the mention (a subject right after it is its own).
 */
function triggerBefore(tokens: Token[], from: number, to: number, list: string[][], l: Layout, subjectEndsScope = true, supposition = false, skip?: (end: number) => boolean): boolean {
  for (let i = Math.max(0, from); i < to; i++) {
    for (const p of phrasesStartingWith(list, tokens[i].word) ?? []) {
      const end = i + p.length;
      if (end > to || skip?.(end)) continue;
      // "not sure if" asks whether; "feels as if" describes the feeling: neither supposes.
      if (p.length === 1 && p[0] === "if" && (ifMeansWhether(tokens, i) || tokens[i - 1]?.word === "as")) continue;
      if (!startsAt(tokens, i, p)) continue;
      if (insidePseudo(l, i, end)) continue;
      if (subjectEndsScope && newSubjectBetween(tokens, end, to, supposition)) continue;
      return true;
    }
  }
  return false;
}

/**
 * "not sure if", "tell me if": "if" at i asks whether, right after its verb in the same comma
 * stretch. "Just so I know, if I ever couldn't hold my water..." supposes: the comma parts them, and
 * "if (I) ever" is a condition whatever comes before it.
 */
function ifMeansWhether(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before || !WHETHER_BEFORE_IF.has(before.word) || before.segment !== tokens[i].segment) return false;
  return tokens[i + 1]?.word !== "ever" && tokens[i + 2]?.word !== "ever";
}

/** Position i is part of a pseudo-trigger other than the trigger [i, end) itself. */
function insidePseudo(l: Layout, i: number, end: number): boolean {
  for (let s = Math.max(0, i - l.pseudoLongest + 1); s <= i; s++) {
    const e = l.pseudoEnd[s];
    if (e > i && !(s === i && e === end)) return true;
  }
  return false;
}

/**
 * A subject that is not the trigger's own opens a new clause. The trigger's own subject follows it
 * directly or after linking words only ("what if I...", "scared that one day I..."); a subject after
 * a verb ("can you help | i can't...", "does anyone know why | I wet myself") starts a new clause.
 */
function newSubjectBetween(tokens: Token[], afterTrigger: number, mention: number, supposition = false): boolean {
  let linkedOnly = true;
  for (let k = afterTrigger; k < mention; k++) {
    const w = tokens[k].word;
    if (SUBJECTS.has(w)) {
      if (!linkedOnly) return true;
      // "if my mum ever says...": the possessed noun is part of the trigger's own subject.
      if (supposition && POSSESSIVES.has(w)) k++;
      continue;
    }
    if (supposition && SUPPOSITION_LINKING.has(w)) continue;
    // "no injury, it wakes him at night": "it" opening a new comma stretch after other words is a
    // new subject too (inside one stretch it is linking: "what if it happens").
    if (w === "it" && !linkedOnly && k > 0 && tokens[k].segment !== tokens[k - 1].segment) return true;
    if (!LINKING.has(w)) linkedOnly = false;
  }
  return false;
}

/** After "gone", these words keep it meaning resolved ("has gone now"); others make it an onset ("has gone numb"). */
const GONE_RESOLVED = new Set(["now", "away", "completely", "since", "again", "thankfully", "for", "off", "altogether"]);

/** An after-trigger starting inside [from, to). */
function triggerAfter(tokens: Token[], from: number, to: number, list: string[][], l: Layout, skip?: (i: number) => boolean): boolean {
  for (let i = from; i < to; i++) if (!skip?.(i) && afterTriggerAt(tokens, i, to, list, l)) return true;
  return false;
}

/** An after-trigger of the list starts at i and ends by `to`. */
function afterTriggerAt(tokens: Token[], i: number, to: number, list: string[][], l: Layout): boolean {
  for (const p of phrasesStartingWith(list, tokens[i].word) ?? []) {
    if (i + p.length > to || !startsAt(tokens, i, p)) continue;
    // A phrase does not run across a comma: "it was fine, now I struggle with stairs" is not "fine now".
    if (tokens[i + p.length - 1].segment !== tokens[i].segment) continue;
    if (p[p.length - 1] === "gone") {
      const next = tokens[i + p.length];
      // A comma after it ends the phrase: "it has gone, back still stiff" is resolved.
      if (next && next.clause === tokens[i].clause && next.segment === tokens[i + p.length - 1].segment && !GONE_RESOLVED.has(next.word)) continue;
    }
    if (insidePseudo(l, i, i + p.length)) continue;
    return true;
  }
  return false;
}

/**
 * An after-trigger starting anywhere from `from` to the end of its sentence. The last one in each
 * sentence is found once, so a sentence of many clauses is not re-read for each of them.
 */
function triggerAfterToSentenceEnd(tokens: Token[], from: number, list: string[][], l: Layout): boolean {
  const start = l.sentenceStart[from];
  const end = l.sentenceEnd[from];
  let bySentence = l.lastAfter.get(list);
  if (!bySentence) l.lastAfter.set(list, (bySentence = new Map()));
  let last = bySentence.get(start);
  if (last === undefined) {
    last = -1;
    for (let i = end - 1; i >= start; i--) {
      if (afterTriggerAt(tokens, i, end, list, l)) {
        last = i;
        break;
      }
    }
    bySentence.set(start, last);
  }
  return last >= from;
}

export interface MentionOptions {
  /** The past is the point (a history of cancer): skip the history check. */
  allowHistory?: boolean;
  /** Wetting or soiling by a young child is not a spinal sign. */
  childrenExempt?: ChildrenExempt;
  /** A semantic match spans a whole clause: any of its words may hold a trigger. */
  scanInside?: boolean;
  /**
   * Harm told as recent is not undone by feeling well now (an overdose feels fine for a day): a
   * resolution after the mention counts only for an event told in the distant past.
   */
  recentStays?: boolean;
  /** A general question in the rule's words is uncertain (asked about), not hypothetical. */
  generalQuestionsAsk?: boolean;
}

/** Decides how a matched mention is meant. */
export function mentionStatus(tokens: Token[], span: Span, ctx: ContextLexicon, options: MentionOptions = {}): MentionStatus {
  if (!options.generalQuestionsAsk) return judgeMention(tokens, span, ctx, options);
  // A question in the rule's words supposes nothing to be answered: it is asked about.
  const status = judgeMention(tokens, span, ctx, options);
  return status === "hypothetical" && asksAQuestion(tokens, span, layoutOf(tokens, ctx)) ? "uncertain" : status;
}

/** The mention's clause is a question: a question mark, or a wh-word or yes/no opener at its start. */
function asksAQuestion(tokens: Token[], span: Span, l: Layout): boolean {
  const opener = tokens[l.clauseStart[span.start]]?.word ?? "";
  return tokens[span.start].question === true || WH_WORDS.has(opener) || QUESTION_OPENERS.has(opener);
}

function judgeMention(tokens: Token[], span: Span, ctx: ContextLexicon, options: MentionOptions): MentionStatus {
  const l = layoutOf(tokens, ctx);
  const clauseStart = l.clauseStart[span.start];
  const clauseEnd = l.clauseEnd[span.start];
  const impersonal = () => cached(l.impersonal, clauseStart, () => isImpersonalQuestion(tokens, clauseStart, clauseEnd));
  if (options.scanInside) {
    if ([ctx.negationBefore, ctx.negationAfter, ctx.negationAdjacent].some((list) => triggerAfter(tokens, clauseStart, clauseEnd, list, l))) return "negated";
    if (triggerAfter(tokens, clauseStart, clauseEnd, ctx.hypotheticalBefore, l) || triggerAfter(tokens, clauseStart, clauseEnd, ctx.hypotheticalAfter, l) || impersonal()) return "hypothetical";
    if (triggerAfter(tokens, Math.max(clauseStart, l.segmentStart[span.start]), Math.min(clauseEnd, l.segmentEnd[span.start]), ctx.beliefBefore, l)) return "hypothetical";
    if (!options.allowHistory && (triggerAfterToSentenceEnd(tokens, clauseStart, ctx.historyBefore, l) || triggerAfterToSentenceEnd(tokens, clauseStart, ctx.historyAfter, l))) return "historical";
    if (!options.allowHistory && takenUpAsLongStanding(tokens, span, l, ctx)) return "historical";
    return "current";
  }
  // After-triggers count only in the mention's own comma stretch: "I wet myself, is that normal?" is a report.
  const afterEnd = Math.min(clauseEnd, l.segmentEnd[Math.max(span.start, span.end - 1)]);

  // Experiencer: an animal, a young child's wetting, a relative's illness in the past.
  if (subjectBefore(span, l.animals, l) || anyIn(l.animalCues, clauseStart, clauseEnd)) return "other";
  // Unless the child's own back is spoken of ("our little one's got a temp and his back's killing
  // him"): then the sign is the child's with back pain, and worth a doctor.
  const childExempt = options.childrenExempt === true || (options.childrenExempt === "unless-their-back" && !l.thirdPersonPatient);
  if (childExempt && subjectBefore(span, l.children, l)) return "other";
  // "carrying my 2 year old around, and she wet the bed": the child carried is the "she" who wet it.
  // Only when the writer is the one carrying: "my partner was carrying our 1 year old and then she wet
  // herself" is the partner's.
  if (childExempt && THIRD_PRONOUNS.has(tokens[span.start - 1]?.word ?? "") && subjectBefore(span, l.childObjects, l) && !adultBefore(tokens, l.sentenceStart[span.start], span.start)) return "other";
  // A relative's past illness is family history when the writer speaks of their own back, or asks
  // whether it raises their own risk ("my grandad had spinal cancer, does that make me more likely...").
  if (options.allowHistory && (l.familyRisk || (l.firstPersonPatient && !l.thirdPersonPatient)) && relativeInPast(tokens, span, l)) return "other";
  // So is the illness of someone who has died ("my late husband had a spinal tumour"), whoever's back is asked about.
  if (options.allowHistory && lateRelativeBefore(tokens, span, l)) return "other";
  // Any rule: a relative's past illness told to ask whether it raises the writer's own risk ("my
  // grandad lost control of his bladder and had surgery, am I at higher risk?"), unless the sentence
  // says it is recent.
  if (l.familyRisk && relativeInPast(tokens, span, l) && !recentInSentence(tokens, span, l)) return "other";
  // A carer asking how to lift or move a resident "who is incontinent": the condition is why they
  // need care, not a change happening now (unless the sentence says it is recent).
  const sentenceFrom = l.sentenceStart[span.start];
  const writerSpeaks = (from: number) => l.owned()[span.end] - l.owned()[from] > 0;
  // ("who went incontinent this week", "has started wetting himself" is a change: theirs, and new.)
  const changedInSentence = () => tokens.slice(sentenceFrom, l.sentenceEnd[span.start]).some((t) => CARE_CHANGE_WORDS.has(t.word));
  if (anyIn(l.caredFor, sentenceFrom, l.sentenceEnd[span.start]) && !writerSpeaks(Math.max(sentenceFrom, span.start - 2)) && !recentInSentence(tokens, span, l) && !changedInSentence()) return "other";

  // Negation, back to the start of the mention's own statement at most.
  let before = Math.max(clauseStart, span.start - 8);
  for (let k = span.start; k > before; k--) if (tokens[k].statement) before = k;
  // A denial of a verb in its own comma stretch ("not eating much, clothes hanging off me") denies that verb only.
  // Only "not" denies a verb this way: "no tingling, numbness or weakness" is a list of denied nouns.
  const deniesOwnVerb = (end: number) => tokens[end - 1]?.word === "not" && /ing$/.test(tokens[end]?.word ?? "") && tokens[end].segment !== tokens[span.start].segment;
  // An age is not denied by what is denied before it ("never had a bad back, 66 now").
  const ageAlone = span.end - span.start === 1 && tokens[span.start].age !== undefined;
  if (!ageAlone && triggerBefore(tokens, before, span.start, ctx.negationBefore, l, true, false, deniesOwnVerb)) return "negated";
  // "nothing numb down there", "toilet all normal, nothing numb": "nothing" right before the sign denies
  // it (only right before: "nothing helps and I can't pee" denies nothing of the peeing).
  // (In the same comma stretch: "there's nothing, no feeling when I wipe" tells the sign twice.)
  const deniedByNothing = (i: number) => tokens[i]?.word === "nothing" && tokens[i].segment === tokens[i + 1]?.segment && !insidePseudo(l, i, -1);
  // ...or before a short list the sign ends ("nothing tingling or numb in my saddle area").
  const listStart = (i: number) => (LIST_JOINS.has(tokens[i]?.word ?? "") && tokens[i - 1]?.segment === tokens[i].segment ? i - 2 : i);
  if (deniedByNothing(span.start - 1) || deniedByNothing(listStart(span.start - 1)) || span.gaps?.some((g) => deniedByNothing(g) && !span.gaps!.includes(g + 1))) return "negated";
  // "my legs aren't numb or weak": a denial inside a gap of the pattern still denies.
  if (span.gaps?.some((g) => ctx.negationBefore.some((p) => p.length === 1 && p[0] === tokens[g].word) && !insidePseudo(l, g, -1))) return "negated";
  if (triggerAfter(tokens, span.end, Math.min(afterEnd, span.end + 4), ctx.negationAfter, l)) return "negated";
  // A joke taken back ("can't feel my legs after that 20k ruck 😂 jk") withdraws its whole sentence,
  // however far the "jk" trails the mention: the writer says none of it happened.
  if (triggerAfter(tokens, span.end, l.sentenceEnd[span.start], ctx.retraction, l)) return "negated";
  // "bladder fine" denies; "I can't pee ok what do I do" does not: the bare word must end the clause.
  if (span.end + 1 === clauseEnd && triggerAfter(tokens, span.end, span.end + 1, ctx.negationAdjacent, l)) return "negated";

  // Hypothetical, definitions, reported speech.
  if (tokens.slice(span.start, span.end).every((t) => t.quoted)) return "hypothetical";
  if (triggerBefore(tokens, Math.max(clauseStart, span.start - 10), span.start, ctx.uncertainBefore, l, true, true)) return "uncertain";
  if (triggerBefore(tokens, Math.max(clauseStart, span.start - 10), span.start, ctx.hypotheticalBefore, l, true, true)) return "hypothetical";
  // A belief or a fear ("scared it is cauda equina") supposes what its own comma stretch says, not
  // a report after the comma ("scared it is cauda equina, can't feel my bum when I wipe").
  if (triggerBefore(tokens, Math.max(clauseStart, l.segmentStart[span.start], span.start - 10), span.start, ctx.beliefBefore, l, true, true)) return "hypothetical";
  // "my legs are numb what does that mean" asks about the writer's own symptom: still a report.
  // A conditional ("I'd wet myself if I saw a spider") stays hypothetical whoever it is about.
  const owned = l.owned()[span.end] - l.owned()[clauseStart] > 0;
  const after = Math.min(afterEnd, span.end + 8);
  if (conditional(tokens, clauseStart, span.start, span.end, after, l)) return "hypothetical";
  if (!owned && triggerAfter(tokens, span.end, after, ctx.hypotheticalAfter, l)) return "hypothetical";
  if (impersonal()) return "hypothetical";

  // Temporality.
  if (!options.allowHistory) {
    if (opensInThePast(tokens, span, l, ctx) || pastThenWellNow(tokens, span, l)) return "historical";
    if (cached(l.agedPast, l.sentenceStart[span.start], () => agedInThePast(tokens, l.sentenceStart[span.start], l.sentenceEnd[span.start]))) return "historical";
    // Time reaches over a new subject: "years ago when I had my op my leg was numb".
    // ...but not over a comma ("a history of IV drug use, presenting with a fever" is a fever now),
    // and not when the sentence says it is recent ("when I was at work today my legs gave way").
    if (triggerBefore(tokens, Math.max(clauseStart, l.segmentStart[span.start], span.start - 20), span.start, ctx.historyBefore, l, false) && !recentInSentence(tokens, span, l)) return "historical";
    // Resolution or improvement after the mention is about it only up to a new subject ("I wet
    // myself, my back pain is much better" has not resolved the wetting).
    const resolvedScope = ownScopeEnd(tokens, span.end, Math.min(l.sentenceEnd[span.start], span.end + 24));
    // ...and a denied one ("not much better", "never got better") says the opposite, and one inside
    // a simile ("numb, a bit like when the dentist's injection is wearing off") describes the comparison.
    const notAboutIt = (i: number) => aboutOtherComplaint(tokens, span.end, i) || deniedAt(tokens, i, ctx) || afterSimile(tokens, i);
    const resolvable = !options.recentStays || datesDistant(tokens, span, l);
    if (resolvable && triggerAfter(tokens, span.end, resolvedScope, ctx.historyAfter, l, notAboutIt)) return "historical";
    if (cached(l.pastYear, clauseStart, () => mentionsPastYear(tokens, clauseStart, clauseEnd))) return "historical";
    if (agoNonNative(tokens, l.segmentStart[span.start], l.segmentEnd[span.start]) && !recentInSentence(tokens, span, l)) return "historical";
    if (resolvable && fineAgainAfter(tokens, span.end, resolvedScope)) return "historical";
    // An episode told in the past and settled in the next breath ("My legs gave out at the end of the
    // marathon. Next day totally fine"; "numb for a couple of minutes, then fine").
    if (resolvable && settledNext(tokens, span, l, ctx)) return "historical";
    // A baseline ("all my life", "for 10 years") unless the sentence marks something new ("I wet the
    // bed last night, dry my whole life", "never in my whole life").
    const baseline = triggerAfter(tokens, span.end, resolvedScope, ctx.baselineAfter, l, notAboutIt) || yearsLong(tokens, span.end, resolvedScope);
    if (baseline && !markedNew(tokens, span, l)) return "historical";
    if (takenUpAsLongStanding(tokens, span, l, ctx)) return "historical";
  }
  return "current";
}

/** Past verbs that tell an event as over ("took an overdose", "was suicidal"). */
const PAST_EVENT_VERBS = new Set(["took", "was", "were", "had", "did", "tried", "attempted", "overdosed", "cut", "used", "went", "got", "harmed", "hurt"]);
/** Words that put an event years back ("in my twenties", "as a teenager", "back in the 90s"). */
const DISTANT_PAST = new Set(["decade", "decades", "20s", "30s", "40s", "twenties", "teens", "teen", "teenager", "thirties", "forties", "fifties", "younger", "70s", "80s", "90s", "2000s"]);
/** Units that put an event years back when followed by "ago" or "back" ("years ago", "ages ago", "months back"). */
const DISTANT_UNITS = new Set(["years", "year", "yrs", "ages", "months", "decades"]);
/** Words of a recent span, which a recovery "now" does not put in the past. */
const RECENT_SPANS = new Set(["hour", "hours", "minutes", "mins", "night", "tonight", "tonite", "today", "yesterday", "morning", "evening", "afternoon", "arvo", "earlier", "just", "week", "weeks", "days", "day", "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "teatime", "lunch", "lunchtime", "dinner", "breakfast", "bed", "again", "recently", "lately"]);

/** Places one was at years back: "when I was at uni". */
const LIFE_STAGE_PLACES = new Set(["uni", "university", "school", "college"]);

/**
 * Whether an event is dated a year or more back and nothing recent is said: the dating in the
 * event's own clause ("years ago", "last year", "in my twenties", "as a teenager", "used to", "when
 * I was at uni"), nothing recent anywhere in the sentence ("on Saturday", "at teatime", "again").
 * Not "my 15 year old took...", not "diagnosed years ago and I took an overdose on Saturday".
 */
function datesDistant(tokens: Token[], span: Span, l: Layout): boolean {
  for (let i = l.sentenceStart[span.start]; i < l.sentenceEnd[span.start]; i++) if (RECENT_SPANS.has(tokens[i].word)) return false;
  let distant = false;
  for (let i = l.clauseStart[span.start]; i < l.clauseEnd[span.start]; i++) {
    const w = tokens[i].word;
    const next = tokens[i + 1]?.word;
    if (LIFE_STAGE_PLACES.has(w) && tokens[i - 1]?.word === "at" && ["was", "were"].includes(tokens[i - 2]?.word ?? "")) distant = true;
    if (
      DISTANT_PAST.has(w) ||
      (DISTANT_UNITS.has(w) && (next === "ago" || next === "back")) ||
      (w === "used" && next === "to") ||
      // "back in '85" reads "back in the past" (pastYears).
      (w === "in" && next === "the" && tokens[i + 2]?.word === "past") ||
      (w === "long" && (next === "ago" || next === "time")) ||
      (w === "last" && (next === "year" || next === "summer" || next === "winter" || next === "spring" || next === "autumn" || next === "christmas"))
    )
      distant = true;
  }
  return distant;
}

/** Words of being well ("I'm in a good place now", "I'm proper good now", "doing fine now"). */
const WELL_WORDS = new Set(["good", "fine", "well", "better", "ok", "okay", "great", "grand", "happy", "happier", "stable", "sound", "safe", "safer", "stronger", "healthy", "healthier"]);

/**
 * A past event told in past verbs, then a later stretch saying the writer is well now ("Years ago I
 * took an overdose, I'm in a good place now"; "Was suicidal in my twenties, got through it and I'm
 * proper good now"): the "now" dates the recovery, not the event. Only the writer's own "I am ...
 * now", and never when the event's own stretch speaks in the present.
 */
function pastThenWellNow(tokens: Token[], span: Span, l: Layout): boolean {
  const from = l.segmentStart[span.start];
  let past = false;
  // The event's own words, up to the end of the mention: its verbs must be past.
  for (let i = from; i < span.end; i++) {
    const w = tokens[i].word;
    if (PRESENT_VERBS_NOW.has(w) || NOW_WORDS.has(w)) return false;
    if (PAST_EVENT_VERBS.has(w)) past = true;
  }
  // Only a distant past: an overdose "last night" or "an hour ago" needs help whatever is felt now.
  if (!past || !datesDistant(tokens, span, l)) return false;
  const to = Math.min(tokens.length, span.end + 30);
  for (let i = span.end; i < to; i++) {
    if (tokens[i].word !== "now") continue;
    let well = false;
    let writer = false;
    // "I'm in a good place now", "now I'm well".
    for (let k = Math.max(l.segmentStart[i], i - 8); k < Math.min(l.segmentEnd[i], i + 5); k++) {
      if (WELL_WORDS.has(tokens[k].word)) well = true;
      if (tokens[k].word === "i" || tokens[k].word === "im") writer = true;
    }
    return well && writer;
  }
  return false;
}

/** Words that date a stretch to now, against a time set at the opening of its sentence. */
const NOW_WORDS = new Set(["today", "tonight", "now", "yesterday", "currently", "suddenly", "again", "still", "since", "morning", "evening", "afternoon", "week", "days", "lately", "recently"]);
/** Present and perfect verbs: a stretch that uses one tells of now, whatever time opened it ("Years ago I had an op and I can't feel my bum"). */
const PRESENT_VERBS_NOW = new Set(["am", "is", "are", "have", "has", "can", "keep", "keeps", "been", "getting", "get", "gets", "happens", "feel", "feels"]);

/**
 * A time set at the opening of a sentence ("Ten years ago my disc went and I couldn't wee, ended up in
 * A&E...", "2 years back I had...") dates its whole first comma stretch, across "and I": a new subject
 * does not end it as it ends a trigger's reach elsewhere. Not when that stretch says it is now.
 */
function opensInThePast(tokens: Token[], span: Span, l: Layout, ctx: ContextLexicon): boolean {
  const from = l.sentenceStart[span.start];
  if (l.segmentStart[span.start] > from) return false;
  let dated = false;
  // The time may follow a number or a word of quantity ("ten", "about 10", "a few").
  for (let i = from; i <= from + 2 && i < span.start && !dated; i++) {
    for (const p of phrasesStartingWith(ctx.historyAfter, tokens[i].word) ?? []) {
      if (i + p.length <= span.start && startsAt(tokens, i, p) && /\b(ago|back)$/.test(p.join(" "))) dated = true;
    }
  }
  if (!dated) return false;
  // Past verbs only, in the dated stretch; and nothing in the sentence that says it is now.
  for (let i = from; i < l.segmentEnd[span.start]; i++) if (PRESENT_VERBS_NOW.has(tokens[i].word)) return false;
  for (let i = from; i < l.sentenceEnd[span.start]; i++) if (NOW_WORDS.has(tokens[i].word) && !(tokens[i].word === "since" && tokens[i - 1]?.word === "issues")) return false;
  return true;
}

/** Words of a change in a take-up sentence ("...for months but now worse"), besides the new-marking ones. */
const CHANGE_WORDS = new Set(["but", "worse", "worsening", "now", "either", "anymore", "suddenly", "spreading", "except"]);

/** Openings of a sentence that take the one before up as its subject: "Been like that for ages", "It's always been this way". */
const TAKE_UP_OPENERS = new Set(["been", "it", "its", "always", "that", "thats", "this", "has", "same", "had", "i", "ive"]);
/** Long-standing or unchanged, said in everyday words: "for ages", "for years", "never changes". */
const LONG_STANDING = /\b(?:for (?:ages|years|months|a long time|donkeys years|yonks)|never (?:changes|changed|gets worse|got worse|varies)|does not change|has not changed|always the same|same as always)\b/;

/**
 * "the outside of my right thigh feels a bit numb when I stand a lot. Been like that for ages, never
 * changes.": the next sentence opens on the mention ("been like that", "it's always...") and calls
 * it long-standing or unchanged, a baseline as much as one said in the mention's own sentence. Not
 * when the mention's own sentence marks it new ("numb since last night. Been like that all day").
 */
function takenUpAsLongStanding(tokens: Token[], span: Span, l: Layout, ctx: ContextLexicon): boolean {
  const next = l.sentenceEnd[span.start];
  if (next >= tokens.length || !TAKE_UP_OPENERS.has(tokens[next].word)) return false;
  const end = l.sentenceEnd[next];
  const sentence = tokens.slice(next, Math.min(end, next + 16)).map((t) => t.word).join(" ");
  if (!/\b(like (?:that|this)|this way|that way|the same|same as (?:always|ever)|as always|it|its)\b/.test(sentence)) return false;
  const says = LONG_STANDING.test(sentence) || triggerAfter(tokens, next, end, ctx.baselineAfter, l);
  // "It's been like this for months but today it's much worse": the take-up itself marks a change.
  const changes = tokens.slice(next, end).some((t, k) => !(t.word === "never" && UNCHANGED_AFTER_NEVER.has(tokens[next + k + 1]?.word ?? "")) && (NEW_MARKERS.has(t.word) || CHANGE_WORDS.has(t.word)));
  return says && !changes && !markedNew(tokens, span, l);
}

/** Words before a noun that make it the object, not the subject ("thrown off my horse"). */
const OBJECT_MARKERS = new Set(["off", "from", "on", "with", "of", "to", "by", "walking", "walked", "after", "over", "onto", "carrying", "lifting", "lifted", "picking"]);

/** "my dog's legs have gone wobbly": the subject comes first in the sentence and no "I" follows it. */
function subjectBefore(span: Span, subjects: number[], l: Layout): boolean {
  // A subject counts when the last "I"/"me"/"myself" before the mention is not two or more words after it.
  const lastSelf = span.start > 0 ? l.lastSelf[span.start - 1] : -1;
  return anyIn(subjects, Math.max(l.sentenceStart[span.start], lastSelf - 1), span.start);
}

/** Words that join two items of a list ("tingling or numb"). */
const LIST_JOINS = new Set(["or", "and", "nor"]);
/** Words that tell of a change, not a standing state ("went incontinent this week"). */
const CARE_CHANGE_WORDS = new Set(["went", "gone", "started", "starting", "become", "became", "becoming", "new", "newly", "week", "suddenly", "recently", "lately"]);
/** People spoken of as "my late ...": someone who has died. */
const LATE_PEOPLE = new Set(["husband", "wife", "partner", "son", "daughter", "mum", "mom", "mother", "dad", "father", "brother", "sister", "grandad", "grandfather", "grandma", "grandmother", "nan", "gran", "uncle", "aunt", "aunty", "auntie", "friend", "cousin"]);
/** "My late husband had a spinal tumour": the nearest person before the mention in its sentence is one who has died, and no "I" comes between. */
function lateRelativeBefore(tokens: Token[], span: Span, l: Layout): boolean {
  // Close before the mention, as the subject of its verb ("my late husband had a spinal tumour"):
  // "my late wife's oncologist is treating my prostate cancer" is the writer's.
  for (let k = span.start - 1; k >= Math.max(l.sentenceStart[span.start], span.start - 6); k--) {
    const w = tokens[k].word;
    if (w === "i" || w === "my" || w === "whose" || THIRD_SUBJECTS.has(w)) return false;
    if (LATE_PEOPLE.has(w)) return tokens[k - 1]?.word === "late" && LATE_VERBS.has(tokens[k + 1]?.word ?? "");
  }
  return false;
}
const LATE_VERBS = new Set(["had", "got", "was", "suffered", "battled", "fought", "died", "developed"]);

/** "my aunt had bone cancer years ago": a relative, a past verb, and the writer's own back elsewhere. */
function relativeInPast(tokens: Token[], span: Span, l: Layout): boolean {
  const from = l.sentenceStart[span.start];
  const to = l.sentenceEnd[span.start];
  if (!anyIn(l.relativeList, from, span.start)) return false;
  // The writer as the nearest subject before the mention ("My dad had cauda equina and I can't feel
  // my bum either"): the mention is the writer's own, whoever the sentence began with.
  for (let k = span.start - 1; k >= from; k--) {
    const w = tokens[k].word;
    if (w === "i") return false;
    if (l.relatives.has(k) || THIRD_SUBJECTS.has(w)) break;
  }
  const firstPersonBetween = l.firstPersonNotRelative()[span.start] - l.firstPersonNotRelative()[from] > 0;
  if (firstPersonBetween && l.my()[span.start] - l.my()[from] === 0) return false;
  return l.past()[to] - l.past()[from] > 0;
}
const THIRD_SUBJECTS = new Set(["he", "she", "his", "her", "him", "they", "their"]);

/** "I'd wet myself if I saw a spider": "if" after a mention supposes only after a modal verb. */
const MODALS = new Set(["would", "could", "might"]);
function conditional(tokens: Token[], clauseStart: number, spanStart: number, spanEnd: number, afterEnd: number, l: Layout): boolean {
  if (!tokens.slice(spanEnd, afterEnd).some((t) => t.word === "if")) return false;
  return l.modal()[spanStart + 1] - l.modal()[clauseStart] > 0;
}

/** People besides family who may open a message about them ("mate's 52, ..."). */
const OTHER_PEOPLE = new Set(["mate", "friend", "neighbour", "neighbor", "boss", "colleague", "hubby", "missus", "wifey", "granny"]);
/** Adults who may carry a child and be the "she" or "he" after it. */
const ADULTS = new Set(["partner", "wife", "husband", "mum", "mom", "mother", "dad", "father", "sister", "brother", "friend", "nan", "gran", "granny", "grandma", "grandad", "aunt", "auntie", "uncle", "girlfriend", "boyfriend", "she", "he"]);
function adultBefore(tokens: Token[], from: number, to: number): boolean {
  const child = tokens.slice(from, to).findIndex((t) => OBJECT_MARKERS.has(t.word));
  return tokens.slice(from, child < 0 ? to : from + child).some((t) => ADULTS.has(t.word));
}

/** A young child's pronouns as subject. */
const THIRD_PRONOUNS = new Set(["she", "he"]);

/** "I", "me", "myself": the writer. */
const SELF = new Set(["i", "me", "myself"]);

/** Other people who can follow "my" ("my grandad", "my son"), per lexicon. */
const othersAfterMyCache = new WeakMap<ContextLexicon, string[][]>();
function othersAfterMy(ctx: ContextLexicon): string[][] {
  let others = othersAfterMyCache.get(ctx);
  if (!others) othersAfterMyCache.set(ctx, (others = [...ctx.relativePast, ...ctx.childSubject.map((p) => p.slice(1)), ...ctx.careRecipient].filter((p) => p.length > 0)));
  return others;
}

/** "when I was 8", "when I was 19": a past age in the mention's sentence. */
function agedInThePast(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i + 3 < to; i++) {
    if (tokens[i].word === "when" && tokens[i + 1].word === "i" && tokens[i + 2].word === "was" && /^\d{1,2}$/.test(tokens[i + 3].word)) return true;
  }
  return false;
}

/** Words that place a mention in the present or the last day or so. */
const RECENT = new Set(["today", "tonight", "now", "yesterday", "morning", "afternoon", "evening", "since", "currently", "suddenly"]);

/** Words that say something is over, before "now" ("long behind me now", "fine now", "all gone now"): then "now" dates the recovery, not the sign. */
const OVER_NOW = new Set(["behind", "fine", "ok", "okay", "better", "gone", "past", "sorted", "healed", "recovered", "clean"]);
function settledBefore(tokens: Token[], i: number): boolean {
  return OVER_NOW.has(tokens[i - 1]?.word ?? "") || (OVER_NOW.has(tokens[i - 2]?.word ?? "") && tokens[i - 1]?.clause === tokens[i].clause);
}

function recentInSentence(tokens: Token[], span: Span, l: Layout): boolean {
  const from = l.sentenceStart[span.start];
  return cached(l.recent, from, () => {
    for (let i = from; i < l.sentenceEnd[span.start]; i++) if (RECENT.has(tokens[i].word) && !(tokens[i].word === "now" && settledBefore(tokens, i))) return true;
    return false;
  });
}

/**
 * Words that, opening a later comma stretch or clause, start a statement about something else ("my
 * back pain", "the pain"). A bare pronoun ("I'm fine now", "it came back") still speaks of the mention.
 */
const NEW_SUBJECT_OPENERS = new Set(["my", "his", "her", "their", "our", "the"]);

/** The end of what an after-trigger can say about a mention: the first later stretch opened by a new subject. */
function ownScopeEnd(tokens: Token[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const opens = k > 0 && (tokens[k].segment !== tokens[k - 1].segment || tokens[k].clause !== tokens[k - 1].clause);
    if (opens && NEW_SUBJECT_OPENERS.has(tokens[k].word)) return k;
    // "feverish and my back aches, had a kidney infection last year": a stretch opening on "had a"
    // (its "I" left out) tells of another event, which its time words are about.
    if (opens && (tokens[k].word === "had" || tokens[k].word === "got") && (tokens[k + 1]?.word === "a" || tokens[k + 1]?.word === "an")) return k;
  }
  return to;
}

/** Other complaints a resolution or improvement may be about instead ("numb down there, pain improving"). */
const OTHER_COMPLAINTS = new Set(["pain", "pains", "ache", "aches", "aching", "backache", "sciatica", "hip", "neck", "spasm", "spasms", "stiffness", "headache", "cramp", "cramps"]);

/** The trigger at i has another complaint as its subject: named just before it, not taken up again by "it". */
function aboutOtherComplaint(tokens: Token[], from: number, i: number): boolean {
  for (let k = i - 1; k >= Math.max(from, i - 3); k--) {
    const w = tokens[k].word;
    if (w === "it" || w === "its") return false;
    // "the numbness from sciatica is getting better": a complaint after "from", "due to" or "caused
    // by" is the cause, not the subject; "on top of the sciatica which is improving" is the subject.
    if (OTHER_COMPLAINTS.has(w)) {
      const m = DETERMINERS.has(tokens[k - 1]?.word ?? "") ? k - 2 : k - 1;
      const marker = tokens[m]?.word ?? "";
      const isCause = marker === "from" || (marker === "to" && tokens[m - 1]?.word === "due") || (marker === "by" && tokens[m - 1]?.word === "caused");
      return !isCause;
    }
  }
  return false;
}

/** Words between a cause marker ("from", "due to", "caused by") and the complaint it names. */
const DETERMINERS = new Set(["the", "my", "a", "his", "her", "this", "that"]);

/** "can't feel my legs after spin class, loved it": the writer is at ease about it in the same sentence ("I'm not laughing" is not). */
export function atEase(tokens: Token[], span: Span, ctx: ContextLexicon): boolean {
  const l = layoutOf(tokens, ctx);
  // Read once per sentence: a long sentence of many doubted matches must not be scanned for each.
  return cached(l.atEase, l.sentenceStart[span.start], () => {
    for (let i = l.sentenceStart[span.start]; i < l.sentenceEnd[span.start]; i++) if (ctx.atEase.some((p) => startsAt(tokens, i, p)) && !deniedAt(tokens, i, ctx)) return true;
    return false;
  });
}

/**
 * "my saddle area feels asleep since yesterday, not going away even off the bike": the feeling is
 * said to outlast the innocent cause it would have, so that cause no longer explains it. Read once
 * per sentence.
 */
export function persists(tokens: Token[], span: Span, ctx: ContextLexicon): boolean {
  const l = layoutOf(tokens, ctx);
  // Said after the feeling, in its sentence: "my back pain is still bad, my feet go numb" is not.
  // The last phrase of the sentence is found once; a match before it is followed by it.
  const last = cached(l.persists, l.sentenceStart[span.start], () => {
    for (let i = l.sentenceEnd[span.start] - 1; i >= l.sentenceStart[span.start]; i--) if (ctx.persisting.some((p) => startsAt(tokens, i, p))) return i;
    return -1;
  });
  return last >= span.end;
}

/** A one-word denial just before position i: "not from exercise", "I'm not laughing" deny the cause they name. */
export function deniedAt(tokens: Token[], i: number, ctx: ContextLexicon): boolean {
  return [i - 1, i - 2].some((k) => k >= 0 && tokens[k].clause === tokens[i].clause && ctx.negationBefore.some((p) => p.length === 1 && p[0] === tokens[k].word));
}

/** Words that make a sentence about a change, not a baseline. */
const NEW_MARKERS = new Set([...RECENT, "night", "last", "first", "started", "until", "till", "new", "never", "week"].filter((w) => w !== "since"));

/** After "never", these say it stayed the same ("never changed"), not that it is new ("never had this"). */
const UNCHANGED_AFTER_NEVER = new Set(["changed", "changes", "change", "changing", "varied", "varies", "moved", "spread", "spreads"]);

function markedNew(tokens: Token[], span: Span, l: Layout): boolean {
  for (let i = l.sentenceStart[span.start]; i < l.sentenceEnd[span.start]; i++) {
    if (tokens[i].word === "never" && UNCHANGED_AFTER_NEVER.has(tokens[i + 1]?.word ?? "")) continue;
    // "for a couple of years now": the "now" closes the span of years, it marks nothing new.
    if (tokens[i].word === "now" && ["years", "yrs", "decades"].includes(tokens[i - 1]?.word ?? "")) continue;
    if (NEW_MARKERS.has(tokens[i].word)) return true;
  }
  return false;
}

/** "incontinent for 10 years since his stroke": a symptom of years is a baseline, not a new sign. */
const YEARS_LONG = /\bfor (?:over |about |nearly |almost |more than |the last |the past )?(?:\d+|over50|a few|a couple of|a good few|a number of|many|several|two|three|four|five|six|ten|twenty) (?:years|yrs|decades)\b/;
function yearsLong(tokens: Token[], from: number, to: number): boolean {
  return from < to && YEARS_LONG.test(tokens.slice(from, to).map((t) => t.word).join(" "));
}

/** "fine 5 mins after I got out", "normal again once I stood up": resolved after the mention. */
function fineAgainAfter(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!["fine", "normal", "ok", "okay"].includes(tokens[i].word)) continue;
    for (let k = i + 1; k < Math.min(to, i + 5); k++) if (["after", "once", "when", "again"].includes(tokens[k].word)) return true;
  }
  return false;
}

/** Words of being back to normal. */
const SETTLED = new Set(["fine", "normal", "ok", "okay", "better", "grand", "right"]);
/** Words that put the settling after the episode: the next day, by a time, after rest. */
const SETTLED_WHEN = new Set(["next", "following", "then", "by", "after", "since"]);
/**
 * A passing episode said to have settled: within the mention's sentence after it, or in the first
 * words of the next sentence when the mention's own sentence is told in the past ("gave out",
 * "was numb"), a word of being fine with a word of when ("then fine", "fine by dinnertime", "next
 * day totally fine", "all better after a proper sleep"). Not when denied ("not fine since"), nor
 * for an episode dated today or in the last hours.
 */
function settledNext(tokens: Token[], span: Span, l: Layout, ctx: ContextLexicon): boolean {
  // A settling the same day as a recent episode ("my legs gave way this morning, then fine", "I wet
  // myself last night... fine this morning") still needs the episode looked at: only an undated or
  // older one is settled. So does one that came back or is doubted ("Happened again today").
  if (recentInSentence(tokens, span, l) || SAME_DAY.some((p) => tokens.some((_, k) => startsAt(tokens, k, p)))) return false;
  if (tokens.slice(span.end).some((t, k) => AGAIN.has(t.word) || (t.word === "back" && ["its", "is", "now"].includes(tokens[span.end + k - 1]?.word ?? "")))) return false;
  const sentenceEnd = l.sentenceEnd[span.start];
  const window = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) {
      if (!SETTLED.has(tokens[i].word) || deniedAt(tokens, i, ctx) || tokens[i].question) continue;
      if (tokens[i].word === "right" && tokens[i - 1]?.word !== "all") continue;
      if (tokens[i].word === "better" && tokens[i - 1]?.word !== "all") continue;
      // "fine by herself", "fine by him to wait": fine in another sense.
      if (tokens[i + 1]?.word === "by" && PRONOUN_AFTER_BY.has(tokens[i + 2]?.word ?? "")) continue;
      // "Pain was fine by the evening": the settling is another complaint's.
      if (aboutOtherComplaint(tokens, from, i)) continue;
      for (let k = Math.max(from, i - 3); k < Math.min(to, i + 4); k++) if (SETTLED_WHEN.has(tokens[k].word)) return true;
    }
    return false;
  };
  if (window(span.end, ownScopeEnd(tokens, span.end, sentenceEnd))) return true;
  // The next sentence settles only an episode told in the past in the mention's own clause: "My legs
  // gave way last night and I can't feel my bum. Next day fine" leaves the numbness now.
  if (sentenceEnd >= tokens.length || !toldInPast(tokens, l.clauseStart[span.start], l.clauseEnd[span.start])) return false;
  return window(sentenceEnd, Math.min(l.sentenceEnd[sentenceEnd] ?? tokens.length, sentenceEnd + 5));
}
/** Times of the same or the last day, in which a settling does not clear an emergency. */
const SAME_DAY = [["last", "night"], ["this", "morning"], ["this", "afternoon"], ["this", "evening"], ["today"], ["tonight"], ["yesterday"]];
/** Words that say it came back, goes on, or that the settling is doubted. */
const AGAIN = new Set(["again", "still", "happening", "recurring", "returned", "doubt", "worse", "every"]);
const PRONOUN_AFTER_BY = new Set(["herself", "himself", "myself", "themselves", "him", "her", "me", "them", "us"]);
const EPISODE_PAST = new Set(["gave", "went", "was", "were", "had", "felt", "got", "could", "couldnt", "did"]);
function toldInPast(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (EPISODE_PAST.has(tokens[i].word)) return true;
  return false;
}

/** "can you lose bladder control from sciatica?": a question about the condition, not a report. */
function isImpersonalQuestion(tokens: Token[], start: number, end: number): boolean {
  const opener = tokens[start]?.word ?? "";
  if (!QUESTION_OPENERS.has(opener) || tokens[start + 1]?.word === "not") return false;
  // "what's the point of anything": a rhetorical question says something is pointless; it asks nothing.
  if (rhetoricalPoint(tokens, start)) return false;
  // Without a question mark a wh-word makes it a question, and so does a yes/no opener with a
  // subject that is not a verb ("does sciatica ever affect both legs"); "can feel nothing" is a report.
  if (!tokens[start].question && !WH_WORDS.has(opener) && !(YES_NO_OPENERS.has(opener) && !REPORT_VERBS.has(tokens[start + 1]?.word ?? ""))) return false;
  for (let i = start; i < end; i++) if (PERSONAL.has(tokens[i].word) && !writerState(tokens, i)) return false;
  return true;
}

/** "what is (even) the point": the opener of a rhetorical question. */
function rhetoricalPoint(tokens: Token[], start: number): boolean {
  const w = (k: number) => tokens[start + k]?.word;
  if (w(0) !== "what" || w(1) !== "is") return false;
  const k = w(2) === "even" ? 3 : 2;
  if (w(k) !== "the" || w(k + 1) !== "point") return false;
  // Of anything, of living, of me, any more, or nothing after: pointlessness. "the point of
  // checking for saddle numbness?" is a question.
  const next = tokens[start + k + 2];
  if (!next || next.clause !== tokens[start].clause) return true;
  return ["anymore", "any", "even", "in", "trying", "carrying", "going", "living", "me"].includes(next.word) || (next.word === "of" && ["anything", "any", "all", "living", "me", "it", "going", "carrying", "trying", "life", "this"].includes(tokens[start + k + 3]?.word ?? ""));
}

/** How the writer feels about asking: "...like cancer or kidneys, I'm spiraling right now". */
const WRITER_STATES = new Set(["worried", "scared", "terrified", "anxious", "nervous", "stressed", "panicking", "freaking", "spiraling", "spiralling", "curious", "wondering", "confused", "paranoid", "overthinking", "asking"]);
/** Words after the state that make the rest a report after all ("im worried its numb down there now"). */
const CLAIM_AFTER_STATE = new Set(["its", "it", "since", "today", "tonight", "can", "cant", "not", "have", "has", "had", "been", "my", "because", "cos", "as"]);

/**
 * "I am worried", "I'm spiraling": the writer's state of mind, which owns no symptom of the question,
 * when nothing after it in the sentence tells of the writer's own body.
 */
function writerState(tokens: Token[], i: number): boolean {
  if (!(tokens[i].word === "i" && tokens[i + 1]?.word === "am" && WRITER_STATES.has(tokens[i + 2]?.word ?? ""))) return false;
  for (let k = i + 3; k < tokens.length && tokens[k].sentence === tokens[i].sentence; k++) if (CLAIM_AFTER_STATE.has(tokens[k].word)) return false;
  return true;
}

/** Units of "before 3 year", the way many non-native speakers say "3 years ago". */
const AGO_UNITS = new Set(["year", "years", "yr", "yrs", "month", "months"]);

/** "before 3 year I have operation": "before N years" in the mention's own comma stretch. */
function agoNonNative(tokens: Token[], start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) {
    if (tokens[i - 1].word === "before" && /^\d{1,2}$/.test(tokens[i].word) && AGO_UNITS.has(tokens[i + 1]?.word ?? "")) return true;
  }
  return false;
}

function mentionsPastYear(tokens: Token[], start: number, end: number): boolean {
  const thisYear = new Date().getFullYear();
  for (let i = start + 1; i < end; i++) {
    const y = Number(tokens[i].word);
    if (tokens[i - 1].word === "in" && y >= 1950 && y < thisYear) return true;
  }
  return false;
}

/**
 * A cause inside a simile ("numb, like after sitting on a bike saddle for hours", "as if I'd sat on
 * ice") is no cause: "like" opening what follows (before "after", "when", "i", "i've"...) or "as if"
 * earlier in the comma stretch.
 */
const SIMILE_OPENERS = new Set(["after", "when", "i", "ive", "im", "someone", "you", "a", "an", "sitting", "being"]);
export function afterSimile(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 8); k--) {
    if (tokens[k].segment !== tokens[i].segment) return false;
    const w = tokens[k].word;
    // "numb like after a long ride and it wore off": the simile ends where a new clause begins.
    if (w === "and" || w === "then" || w === "but") return false;
    if (w === "like" && SIMILE_OPENERS.has(tokens[k + 1]?.word ?? "")) return true;
    if ((w === "if" || w === "though") && tokens[k - 1]?.word === "as") return true;
  }
  return false;
}
