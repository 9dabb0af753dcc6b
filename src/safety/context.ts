import { normalizeText, stem } from "../text/normalize.ts";
import type { Span, Token } from "./pattern.ts";

/**
 * NegEx/ConText-style context for a red-flag mention: is it denied, asked about, in the past, or
 * happening now? Scope ends at clause terminators ("but", "because", sentence ends), so
 * "no back pain but I wet myself" still counts as happening now.
 */
export type MentionStatus = "current" | "negated" | "hypothetical" | "historical";

const CLAUSE_BREAK_WORDS = new Set(["but", "however", "although", "though", "because", "cos", "coz", "cuz", "except", "whereas", "yet", "anyway", "also"]);
const NEW_SUBJECT = new Set(["i", "he", "she", "they", "we", "my", "his", "her", "their", "it", "now", "today", "this", "suddenly"]);
const PERSONAL = new Set(["i", "me", "my", "myself", "he", "him", "his", "himself", "she", "her", "herself", "they", "them", "their", "we", "our", "us"]);
const QUESTION_OPENERS = new Set(["what", "how", "when", "why", "which", "is", "are", "can", "could", "does", "do", "will", "would", "should", "whats", "hows"]);

const WH_WORDS = new Set(["what", "how", "when", "why", "which", "whats", "hows"]);

const phrases = (list: string[]) => list.map((p) => p.split(" "));

const NEGATION_BEFORE = phrases([
  "no", "not", "never", "without", "denies", "deny", "denied", "nor", "neither", "none", "nearly", "almost",
  "zero", "free of", "absence of", "ruled out", "negative for", "no sign of", "no signs of", "no problem with", "no problems with",
  "no issues with", "no trouble with", "no change in", "no changes in", "nothing wrong with",
]);
/** Denials that still deny from inside a pattern's gap; "not" and "zero" are left out, being part of symptoms ("isn't coming out", "zero sensation"). */
const GAP_NEGATIONS = new Set(["no", "never", "without", "denies", "denied", "nor", "neither"]);

/** Animals: "my cat lost bladder control after her op" is not a person in danger. */
const NOT_A_PERSON = phrases(["my cat", "our cat", "my dog", "our dog", "my puppy", "my kitten", "my horse", "my rabbit", "our puppy", "my pet"]);

/** Bare words deny only right after the symptom ("bladder fine"); "I can't pee ok what do I do" is not a denial. */
const NEGATION_ADJACENT = phrases(["fine", "normal", "ok", "okay", "good"]);
const NEGATION_AFTER = phrases([
  "is fine", "are fine", "is normal", "are normal", "is ok", "are ok", "all good", "is good", "are good", "feels fine", "feel fine", "seems fine",
  "no problem", "no problems", "no issues", "not a problem", "unaffected", "working fine", "working normally", "as normal", "as usual", "totally fine",
]);
const HYPOTHETICAL_BEFORE = phrases([
  "what if", "if", "suppose", "supposing", "imagine", "in case", "hypothetically", "signs of", "sign of", "symptoms of", "symptom of",
  "what does", "what do", "what is", "what are", "what causes", "what would", "what happens", "what would happen", "how do i know",
  "how would i know", "how can i tell", "how do you know", "how do you tell", "when should", "when to", "should i worry", "worried about",
  "worry about", "afraid of", "scared of", "risk of", "chance of", "chances of", "cause", "causes", "lead to", "leads to", "result in",
  "is it possible", "possible to", "ever", "heard about", "heard that", "read about", "read that", "i read", "called", "tell me about",
  "explain", "meaning of", "keep saying", "people say", "ppl say", "people keep saying", "they say", "everyone says", "i heard", "heard", "apparently", "definition of", "will i", "would i", "could i", "can i", "can you", "could you", "can sciatica", "can a",
  "could sciatica", "could this", "felt like i could", "thought i would", "so bad i could", "would a", "could a", "does a", "will a", "asked if", "asked me if", "asked whether", "asking if", "asked about", "family history", "runs in the family", "does sciatica", "do people", "can people", "anyone", "worst case", "lest",
]);
const HYPOTHETICAL_AFTER = phrases([
  "mean", "means", "meaning", "a sign", "a symptom", "a red flag", "an emergency", "serious", "dangerous", "would be",
  "is called", "does that make", "more likely", "hereditary", "genetic", "run in families", "runs in families", "why is that", "why is it", "is that true", "is it true", "is that right", "true or not"
]);
const HISTORY_BEFORE = phrases([
  "used to", "when i was", "in the past", "history of", "previously", "once had", "as a child", "as a kid", "when i was younger", "when i was a", "last year",
  "years back", "back in", "years ago", "long ago", "a while back", "ages ago",
]);
const HISTORY_AFTER = phrases([
  "years ago", "year ago", "months ago", "long ago", "ages ago", "gone now", "went away", "has gone", "have gone", "all gone",
  "cleared up", "cleared", "resolved", "fully recovered", "recovered", "got better", "better now", "fine now", "back then", "in the past",
  "no longer a problem", "sorted now", "sorted itself", "healed", "a while back", "ok now", "okay now", "normal now",
  "back to normal", "wore off", "it went", "went off", "fine ever since", "fine since", "been fine", "settled", "settled down", "passed",
  "after a minute", "after a few minutes", "after a couple of minutes", "it was fine", "was fine after", "fine after", "came back after",
]);

/** Splits a message into tokens that know their clause and sentence. */
export function tokenize(text: string, correct: (word: string) => string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let sentence = 0;
  let segment = 0;
  let sentenceStart = 0;
  const raw = normalizeText(text).match(/[a-z0-9]+|[.!?;:\n]+|,/g) ?? [];
  raw.forEach((piece, i) => {
    if (piece === ",") {
      segment++;
      return;
    }
    if (!/^[a-z0-9]/.test(piece)) {
      if (piece.includes("?")) for (let k = sentenceStart; k < tokens.length; k++) tokens[k].question = true;
      clause++;
      sentence++;
      segment++;
      sentenceStart = tokens.length;
      return;
    }
    const next = raw[i + 1] ?? "";
    if (CLAUSE_BREAK_WORDS.has(piece) || ((piece === "and" || piece === "so" || piece === "then") && NEW_SUBJECT.has(next))) {
      clause++;
      return;
    }
    const word = correct(piece);
    tokens.push({ word, stem: stem(word), clause, sentence, segment });
  });
  return tokens;
}

/** "can't tell if", "not sure if": here "if" means "whether" and asks nothing hypothetical. */
const WHETHER_BEFORE_IF = new Set(["tell", "know", "sure", "wonder", "wondering", "see", "check", "notice", "unsure", "certain"]);

function phraseEndsIn(tokens: Token[], from: number, to: number, list: string[][]): boolean {
  for (let i = Math.max(0, from); i < to; i++) {
    for (const p of list) {
      if (i + p.length > to) continue;
      if (p.length === 1 && p[0] === "if" && WHETHER_BEFORE_IF.has(tokens[i - 1]?.word ?? "")) continue;
      let ok = true;
      for (let k = 0; k < p.length && ok; k++) ok = tokens[i + k].word === p[k];
      if (ok) return true;
    }
  }
  return false;
}

/** Where each word's clause, sentence and comma stretch start and end: computed once per message, so long messages stay linear. */
interface Layout {
  clauseStart: number[];
  clauseEnd: number[];
  sentenceStart: number[];
  sentenceEnd: number[];
  segmentEnd: number[];
  impersonal: Map<number, boolean>;
  pastYear: Map<number, boolean>;
  animals: number[];
}

const layouts = new WeakMap<Token[], Layout>();

function layoutOf(tokens: Token[]): Layout {
  let l = layouts.get(tokens);
  if (l) return l;
  const n = tokens.length;
  const runs = (key: (t: Token) => number | undefined) => {
    const start = new Array<number>(n);
    const end = new Array<number>(n);
    for (let i = 0; i < n; i++) start[i] = i > 0 && key(tokens[i - 1]) === key(tokens[i]) ? start[i - 1] : i;
    for (let i = n - 1; i >= 0; i--) end[i] = i < n - 1 && key(tokens[i + 1]) === key(tokens[i]) ? end[i + 1] : i + 1;
    return [start, end];
  };
  const [clauseStart, clauseEnd] = runs((t) => t.clause);
  const [sentenceStart, sentenceEnd] = runs((t) => t.sentence);
  const [, segmentEnd] = runs((t) => t.segment);
  const animals: number[] = [];
  for (let i = 0; i < n; i++) if (NOT_A_PERSON.some((p) => p.every((w, k) => tokens[i + k]?.word === w))) animals.push(i);
  l = { clauseStart, clauseEnd, sentenceStart, sentenceEnd, segmentEnd, impersonal: new Map(), pastYear: new Map(), animals };
  layouts.set(tokens, l);
  return l;
}

function cached(map: Map<number, boolean>, key: number, compute: () => boolean): boolean {
  let v = map.get(key);
  if (v === undefined) {
    v = compute();
    map.set(key, v);
  }
  return v;
}

/** Decides how a matched mention is meant. `allowHistory` rules (a history of cancer) skip the past check. */
export function mentionStatus(tokens: Token[], span: Span, options: { allowHistory?: boolean; scanInside?: boolean } = {}): MentionStatus {
  const l = layoutOf(tokens);
  const clauseStart = l.clauseStart[span.start];
  const clauseEnd = l.clauseEnd[span.start];
  const impersonal = () => cached(l.impersonal, clauseStart, () => isImpersonalQuestion(tokens, clauseStart, clauseEnd));
  // After-words count only in the mention's own comma stretch: "I wet myself, is that normal?" is a report.
  const afterEnd = Math.min(clauseEnd, l.segmentEnd[Math.max(span.start, span.end - 1)]);
  // A semantic match spans a whole clause, so any of its words may hold the trigger ("no numbness").
  if (options.scanInside) {
    const end = l.sentenceEnd[span.start];
    if ([NEGATION_BEFORE, NEGATION_AFTER, NEGATION_ADJACENT].some((list) => phraseEndsIn(tokens, clauseStart, clauseEnd, list))) return "negated";
    if (phraseEndsIn(tokens, clauseStart, clauseEnd, HYPOTHETICAL_BEFORE) || phraseEndsIn(tokens, clauseStart, clauseEnd, HYPOTHETICAL_AFTER)) return "hypothetical";
    if (impersonal()) return "hypothetical";
    if (!options.allowHistory && (phraseEndsIn(tokens, clauseStart, end, HISTORY_BEFORE) || phraseEndsIn(tokens, clauseStart, end, HISTORY_AFTER))) return "historical";
    return "current";
  }
  const before = Math.max(clauseStart, span.start - 6);
  if (phraseEndsIn(tokens, before, span.start, NEGATION_BEFORE)) return "negated";
  // "my feet fine, no pins and needles": a denial inside a gap of the pattern still denies.
  if (span.gaps?.some((g) => GAP_NEGATIONS.has(tokens[g].word))) return "negated";
  if (phraseEndsIn(tokens, span.end, Math.min(afterEnd, span.end + 4), NEGATION_AFTER)) return "negated";
  if (phraseEndsIn(tokens, span.end, Math.min(afterEnd, span.end + 1), NEGATION_ADJACENT)) return "negated";
  if (animalIsSubject(tokens, span, l)) return "negated";
  if (phraseEndsIn(tokens, Math.max(clauseStart, span.start - 10), span.start, HYPOTHETICAL_BEFORE)) return "hypothetical";
  if (phraseEndsIn(tokens, span.end, Math.min(afterEnd, span.end + 6), HYPOTHETICAL_AFTER)) return "hypothetical";
  if (impersonal()) return "hypothetical";
  if (!options.allowHistory) {
    if (phraseEndsIn(tokens, Math.max(clauseStart, span.start - 20), span.start, HISTORY_BEFORE)) return "historical";
    if (phraseEndsIn(tokens, span.end, Math.min(l.sentenceEnd[span.start], span.end + 16), HISTORY_AFTER)) return "historical";
    if (cached(l.pastYear, clauseStart, () => mentionsPastYear(tokens, clauseStart, clauseEnd))) return "historical";
  }
  return "current";
}

/** "my dog's back legs have gone wobbly and he's dribbling wee": the animal comes first and no "I" follows it. */
function animalIsSubject(tokens: Token[], span: Span, l: Layout): boolean {
  const from = l.sentenceStart[span.start];
  for (const i of l.animals) {
    if (i < from || i >= span.start) continue;
    const between = tokens.slice(i + 2, span.start).map((t) => t.word);
    if (!between.some((w) => w === "i" || w === "me" || w === "myself")) return true;
  }
  return false;
}

/** "can you lose bladder control from sciatica?": a question about the condition, not a report. */
function isImpersonalQuestion(tokens: Token[], start: number, end: number): boolean {
  const opener = tokens[start]?.word ?? "";
  if (!QUESTION_OPENERS.has(opener) || tokens[start + 1]?.word === "not") return false;
  // Without a question mark only a wh-word makes it a question: "can feel nothing" is a report.
  if (!tokens[start].question && !WH_WORDS.has(opener)) return false;
  for (let i = start; i < end; i++) if (PERSONAL.has(tokens[i].word)) return false;
  return true;
}

function mentionsPastYear(tokens: Token[], start: number, end: number): boolean {
  const thisYear = new Date().getFullYear();
  for (let i = start + 1; i < end; i++) {
    const y = Number(tokens[i].word);
    if (tokens[i - 1].word === "in" && y >= 1950 && y < thisYear) return true;
  }
  return false;
}
