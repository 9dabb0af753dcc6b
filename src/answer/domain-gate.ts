import type { Analysis } from "../text/analyzer.ts";
import { stem, STOPWORDS } from "../text/normalize.ts";
import type { ConceptKind } from "../text/lexicon.ts";
import type { DomainVocabulary } from "./domain-vocabulary.ts";

/** What in a question shows it is about something the corpus covers. */
export interface DomainEvidence {
  /** Conditions, body parts and symptoms: lexicon topic concepts and the corpus's heading topics. */
  topics: string[];
  /** Treatments the corpus describes. */
  treatments: string[];
  /** Activities and circumstances, which count only alongside a topic or treatment. */
  context: string[];
  /** How the question asks (a cause, a treatment, prevention): never evidence alone. */
  intents: string[];
}

/**
 * Reads the evidence off an analysed (respelled) question. Only content counts: concepts and the
 * corpus's own topic words; question words, "often", "best way" or "fix" never do, so an off-topic
 * question cannot ride in on its shape.
 */
export function domainEvidence(analysis: Analysis, kindOf: (concept: string) => ConceptKind, vocabulary: DomainVocabulary): DomainEvidence {
  const of = (kind: ConceptKind) => [...new Set(analysis.concepts.filter((c) => kindOf(c) === kind))];
  const headingTopics = analysis.residual.filter((s) => vocabulary.topicStems.has(s)).map((s) => `w:${s}`);
  const weak = analysis.residual.filter((s) => vocabulary.weakTopicStems.has(s)).map((s) => `w:${s}`);
  return { topics: [...of("topic"), ...new Set(headingTopics)], treatments: of("treatment"), context: [...of("context"), ...weak], intents: of("intent") };
}

/** Intents that only an ailment has: stopping it coming back, whether it ever ends (corpus/lay-terms.yml). */
const PRESUPPOSE_AN_AILMENT = new Set(["prevention", "prognosis"]);
/** Words that point at something already known to both sides: the ailment the service is for. */
const POINTING_BACK = new Set(["it", "this", "that"]);

/** The evidence names no topic, treatment or activity: only how it is asked, if anything. */
export function namesNothing(e: DomainEvidence): boolean {
  return e.topics.length === 0 && e.treatments.length === 0 && e.context.length === 0;
}

/** A question that names nothing, has no foreign word and asks what only an ailment is asked: stopping "it" coming back, whether "this" ever gets better. */
function asksOfUnnamedAilment(e: DomainEvidence, analysis: Analysis, foreign: number): boolean {
  return namesNothing(e) && foreign === 0 && e.intents.some((i) => PRESUPPOSE_AN_AILMENT.has(i)) && analysis.words.some((w) => POINTING_BACK.has(w));
}

/**
 * True when the evidence is enough to answer: a topic or a treatment. Context alone ("ice or heat?",
 * "feet flat on the floor at my desk?") is enough only when it carries the question: either at least
 * two context phrases, one of them specific (a phrase of two words or more such as "cold pack", an
 * activity a heading names such as "core", or a topic word such as "back"), outnumbering the words the corpus never uses; or a best passage that
 * shares three of the question's content terms, with at most one foreign word; or, with no foreign
 * word at all, an activity a section heading names ("posture tips", or a lay phrase of it: "stay in
 * bed"), or pain asked about the articles' way ("how do I stop the pain coming back"). Single everyday
 * words ("broken laptop", "coffee or tea", "train my puppy to sit") are not a back question.
 */
export function isInDomain(e: DomainEvidence, analysis: Analysis, vocabulary: DomainVocabulary, bestPassage?: Analysis, senses?: Pick<SenseReader, "isHealthConcept">, unnamedAilment = false): boolean {
  if (e.topics.length > 0 || e.treatments.length > 0) return true;
  // A number ("I'm 58", "for 3 weeks") is no word of another subject.
  const foreign = analysis.residual.filter((st) => !vocabulary.isCorpusStem(st) && !/^\d+$/.test(st)).length;
  // Asked of a back-pain service, "how do I stop it coming back" or "does this ever get better" with
  // nothing named and no word of another subject asks about the pain the service is for: only an
  // ailment comes back or gets better. ("how do I stop the mould coming back" names something else.)
  // Only for a whole message that opens a conversation (`unnamedAilment`): after "I get migraines",
  // "how do I stop it coming back" is about the migraines, and a clause read alone may have left its
  // subject in another clause ("my wifi keeps dropping, how do I stop it happening").
  if (e.context.length === 0) return unnamedAilment && asksOfUnnamedAilment(e, analysis, foreign);
  const spans = analysis.spans.filter((s) => s.concepts.some((c) => e.context.includes(c)));
  const weak = analysis.residual.filter((st) => vocabulary.weakTopicStems.has(st)).length;
  const named = (s: { start: number; end: number }) => analysis.words.slice(s.start, s.end).some((w) => vocabulary.headingContextStems.has(stem(w)));
  const specific = weak + spans.filter((s) => s.end - s.start >= 2 || named(s)).length;
  if (spans.length + weak >= 2 && specific >= 1 && spans.length + weak > foreign) return true;
  // Asked to a back-pain service, a question made only of an activity the corpus has a section on
  // ("posture tips", "rest or keep moving?", "standing desk good idea?") is about that section; one
  // word the corpus never uses ("rest my pizza dough", "posture for playing guitar") and it is not.
  // The activity must be said in the corpus's own words: "is coffee ok" reaches the drinks concept
  // through the lexicon, but the article never speaks of coffee.
  const ownWords = (s: { start: number; end: number }) => analysis.words.slice(s.start, s.end).every((w) => STOPWORDS.has(w) || vocabulary.isArticleStem(stem(w)));
  // A lay phrase of a health activity ("stay in bed", "keep to my bed" for rest) counts like the
  // article's own words; a single everyday noun does not ("laptop" for posture, "bike" for cardio),
  // nor an everyday concept ("coffee" for drinks: corpus/lay-terms.yml, everyday_senses.not_health).
  const said = (s: { start: number; end: number; concepts: string[] }) => ownWords(s) || (senses !== undefined && s.end - s.start >= 2 && s.concepts.every((c) => senses.isHealthConcept(c)));
  if (foreign === 0 && spans.every(said) && spans.some((s) => s.concepts.some((c) => vocabulary.headingContextConcepts.has(c)))) return true;
  // Asked to a back-pain service, a question with nothing foreign in it, two or more content items
  // and some context (an activity, or a weak topic word such as "pain": "does the treatment depend
  // on how bad the pain is") is about backs; an activity must still be said in the articles' own
  // words, so "coffee or tea" stays out.
  if (foreign === 0 && spans.every(ownWords) && analysis.residual.length + spans.length >= 2) return true;
  // Pain asked about in a way the articles answer (its cause, how to stop it coming back), with
  // nothing foreign: "ok pain gone finally, how do I stop it coming back".
  if (foreign === 0 && weak > 0 && e.intents.length > 0) return true;
  if (!bestPassage || foreign > 1) return false;
  const passage = new Set([...bestPassage.stems, ...bestPassage.concepts]);
  const terms = new Set([...analysis.residual, ...analysis.concepts.filter((c) => e.context.includes(c))]);
  return [...terms].filter((t) => passage.has(t)).length >= 3;
}

/** How the gate tells a body word's health sense from its everyday ones (corpus/lay-terms.yml, `everyday_senses`). */
export interface SenseReader {
  hasEverydaySense(word: string): boolean;
  isHealthWord(word: string): boolean;
  isHealthConcept(concept: string): boolean;
}

/** Possessives that make a word with everyday senses someone's body: "my back", "her spine", "me back". */
const OWNERS = new Set(["my", "your", "his", "her", "their", "our", "me", "mine"]);
/** Words that may sit between the owner and the body word: "my lower back", "her left leg". */
const BODY_MODIFIERS = new Set(["lower", "upper", "left", "right", "whole", "middle", "own", "poor"]);
/** Words that say a body part is unwell, whoever's it is: "a dodgy back", "the bad leg". */
const UNWELL = new Set(["bad", "sore", "dodgy", "stiff", "achy", "aching", "painful", "weak", "injured", "hurt", "hurting", "crook", "knackered", "wrecked", "ruined"]);
/** Words that say which or what age of a thing, not what it is: "new discs" are not a disc replacement by themselves. */
const PLAIN_MODIFIERS = new Set(["new", "old", "front", "rear", "top", "bottom", "big", "small", "little", "whole", "main", "other", "same"]);

/**
 * True when a question's evidence rests on a body word that has everyday senses ("the spine of my
 * paperback", "brake discs", "Spinal Tap") and on nothing else of health: no health concept said in
 * other words (a symptom, a condition, a treatment, a clinician), no second body word vouching for the
 * first ("the disc in my back"), no heading topic such as "pain", no word of health the lexicon
 * lists for this ("disease", "seized"), and the word not said of someone's body ("my back", "his left leg").
 */
export function restsOnEverydaySense(analysis: Analysis, vocabulary: Pick<DomainVocabulary, "topicStems" | "weakTopicStems">, senses: SenseReader, names: ReadonlySet<string> = new Set()): boolean {
  const ws = analysis.words;
  const everydaySense = (w: string) => senses.hasEverydaySense(w) || names.has(w);
  if (ws.some((w) => senses.isHealthWord(w))) return false;
  const before = (i: number, k: number) => ws[i - k] ?? "";
  // "my back", "a dodgy back", "my lower back": an owner or an unwell word just before, or an owner before a body modifier.
  const owned = (i: number) => OWNERS.has(before(i, 1)) || UNWELL.has(before(i, 1)) || (BODY_MODIFIERS.has(before(i, 1)) && OWNERS.has(before(i, 2)));
  const everyday = new Set<string>();
  const inSpan = new Set<number>();
  for (const span of analysis.spans) {
    for (let i = span.start; i < span.end; i++) inSpan.add(i);
    if (!span.concepts.some((c) => senses.isHealthConcept(c))) continue;
    // A modifier is left out beside the body word it modifies ("the bottom disc"), not when it is the word ("the smoky bottom").
    const content = [...Array(span.end - span.start).keys()].map((k) => span.start + k).filter((i) => !STOPWORDS.has(ws[i]));
    const at = content.length > 1 ? content.filter((i) => !PLAIN_MODIFIERS.has(ws[i])) : content;
    const body = at.filter((i) => everydaySense(ws[i]));
    if (body.length < at.length || body.some(owned)) return false;
    body.forEach((i) => everyday.add(stem(ws[i])));
  }
  for (const [i, w] of ws.entries()) {
    if (inSpan.has(i) || STOPWORDS.has(w)) continue;
    const st = stem(w);
    if (!vocabulary.topicStems.has(st) && !vocabulary.weakTopicStems.has(st)) continue;
    if (!everydaySense(w) || owned(i)) return false;
    everyday.add(st);
  }
  if (everyday.size === 1) return true;
  // Two such words are about the body unless each is a place in a thing ("a fence panel at the back
  // of my allotment, rotted at the bottom"): "the back of", "at the bottom".
  const locative = (i: number) => before(i, 1) === "the" && (ws[i + 1] === "of" || ["at", "on", "in", "to"].includes(before(i, 2)));
  return everyday.size > 1 && ws.every((w, i) => !everyday.has(stem(w)) || locative(i));
}

/**
 * Words written with a capital inside a sentence ("tickets for Sciatica at the O2"), lowercased: the
 * name of a band, a film or a place. A message in capitals throughout names nothing this way.
 */
export function namesInMidSentence(text: string): Set<string> {
  const names = new Set<string>();
  if (!/[a-z]/.test(text)) return names;
  for (const m of text.matchAll(/(?<![.!?\n]\s*)(?<=[a-z,;:'"]\s+)([A-Z][a-z]+)\b/g)) names.add(m[1].toLowerCase());
  return names;
}
