import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { DataFileError, LumbarError } from "../core/errors.ts";
import type { Retrieval } from "../retrieve/hybrid-retriever.ts";
import type { Analysis } from "../text/analyzer.ts";
import type { ConceptKind } from "../text/lexicon.ts";
import { normalizeText, stem, STOPWORDS, words } from "../text/normalize.ts";
import { askingClauses, askingText } from "./asking-clauses.ts";
import { domainEvidence, isInDomain, namesInMidSentence, namesNothing, restsOnEverydaySense, type SenseReader } from "./domain-gate.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { domainVocabulary, type DomainVocabulary } from "./domain-vocabulary.ts";

/**
 * An asking clause that only weighs up something the story named ("is this a good medicine?", "which
 * is better for sciatica?"), or asks whether something is safe for the person the story describes
 * ("my mum is on warfarin, is it safe for her to have the injection?"), or whether what someone did to
 * them is allowed ("they've stopped my sick pay, can they do that?"): what it asks about is in the story. Other pointers ("can those cause leg
 * pain" after an MRI) ask about the findings, which the articles may well cover.
 */
const POINTS_BACK = /\b(is (this|that|it) (a |an )?(good|safe|ok|okay|any good|worth it|better|best|right)(?! (to|for|if|when)\b)|is (this|that|it) safe for (her|him|me|them|my \w+)|which (one |of them |of these )?(is|are|would be) (better|best|safer)|are (they|these|those) (any good|good|safe|ok|okay|worth it)|can (they|he|she|my (boss|employer|manager|work)) (just )?do (that|this)|(are|is) (they|he|she|my (boss|employer|manager)) allowed|is (that|this|it) (legal|allowed|fair|even legal))\b/;

/** An asking clause that is only "have you any idea?": it asks about what the message told. */
const ONLY_ANY_IDEA = /^((have|do) (you|u) (got |have )?|got )?any (idea|ideas|clue|thoughts)\W*$/;

/** A letter's closing and what follows it: the writer's name. */
const SIGN_OFF = /\b(yours faithfully|yours sincerely|yours truly|kind regards|best regards|warm regards|warmest regards|best wishes|many thanks|with thanks|regards|sincerely)\b.*$/;

/** Words after which a name is a person's: "my friend Maureen", "Dr Patel". */
const PERSON_BEFORE = new Set(["friend", "neighbour", "neighbor", "mate", "sister", "brother", "aunt", "auntie", "uncle", "cousin", "wife", "husband", "partner", "colleague", "boss", "mum", "mom", "dad", "son", "daughter", "grandson", "granddaughter", "mr", "mrs", "ms", "miss", "dr", "doctor", "nurse", "physio", "surgeon"]);

/** Asking to choose among what the conversation already offered. */
// Not "anything else" or "any other": "my shoulder is killing me as well, anything else I can try?" is a new complaint.
const CHOOSES_AMONG = /\bwhich (one|ones|of (those|these|them|the \w+))\b/;

/**
 * Lexicon concepts that name only a body region, or only that it aches: "in her legs", "on my
 * spine", "legs ache" beside varicose veins or growing pains is where that condition is felt.
 */
const REGIONS = new Set(["leg", "spine", "lower_back", "buttock", "leg_pain"]);

/**
 * Conditions of any joint, which say nothing of where: beside a part the corpus does not cover
 * ("my knee clicks going up stairs, is that arthritis") they are that part's, as a region is.
 */
const PLACELESS = new Set(["arthritis"]);

/** Words that only say what kind of trouble a named part has ("knee pain", "ankle sprain"). */
const GENERIC_HEADS = new Set(["pain", "pains", "injury", "injuries", "problem", "problems", "sprain", "sprained", "surgery", "ache", "aches"]);

/** Kinds of question the corpus does not answer (corpus/scope.yml). */
export interface ScopeRules {
  /** `in: "message"` weighs the pattern on the whole message, for kinds the story changes (a pregnancy); otherwise the asking clauses. */
  notCovered: Array<{ kind: string; pattern: RegExp; in: "asking" | "message"; unlessNamed: boolean }>;
  /** Other health topics: out of scope unless the question is also about a topic the corpus covers. */
  otherTopics: RegExp | null;
}

export async function loadScope(file: string): Promise<ScopeRules> {
  const source = await readFile(file, "utf8").catch((err) => {
    throw LumbarError.fromError("CORPUS_INVALID", `cannot read the scope file ${file}`, err);
  });
  return parseScope(source, file);
}

export function parseScope(source: string, file: string): ScopeRules {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc });
  const fail = (node: Node | null | undefined, problem: string): never => {
    throw new DataFileError("CORPUS_INVALID", file, node?.range ? lc.linePos(node.range[0]).line : 1, problem);
  };
  if (doc.errors.length > 0) throw new DataFileError("CORPUS_INVALID", file, doc.errors[0].linePos?.[0].line ?? 1, doc.errors[0].message.split("\n")[0]);
  const root = doc.contents;
  const list = isMap(root) ? root.get("not_covered", true) : undefined;
  if (!isSeq(list)) return fail(root, "expected 'not_covered:' with a list of {kind, pattern}");
  const otherNode = isMap(root) ? (root.get("other_topics", true) as Node | undefined) : undefined;
  let otherTopics: RegExp | null = null;
  if (otherNode !== undefined) {
    if (!isScalar(otherNode) || typeof otherNode.value !== "string") return fail(otherNode, "'other_topics' must be a regular expression as text");
    try {
      otherTopics = new RegExp(otherNode.value, "i");
    } catch (err) {
      return fail(otherNode, `invalid regular expression: ${(err as Error).message}`);
    }
  }
  return {
    otherTopics,
    notCovered: list.items.map((item) => {
      if (!isMap(item)) return fail(item as Node, "each entry needs 'kind' and 'pattern'");
      const kind = item.get("kind");
      const patternNode = item.get("pattern", true) as Node | undefined;
      if (typeof kind !== "string" || kind.trim() === "") return fail(item, "'kind' must be non-empty text");
      if (!isScalar(patternNode) || typeof patternNode.value !== "string") return fail(item, "'pattern' must be text");
      const where = item.get("in") ?? "asking";
      if (where !== "asking" && where !== "message") return fail(item, "'in' must be 'asking' (the default) or 'message'");
      const unlessNamed = item.get("unless_named") ?? false;
      if (typeof unlessNamed !== "boolean") return fail(item, "'unless_named' must be true or false");
      try {
        return { kind, pattern: new RegExp(patternNode.value, "i"), in: where, unlessNamed };
      } catch (err) {
        return fail(patternNode, `invalid regular expression: ${(err as Error).message}`);
      }
    }),
  };
}

/** The reason of a question admitted as about the service's own subject though it named nothing ("how do I stop it coming back"). */
export const UNNAMED_AILMENT = "in-scope:unnamed-ailment";

export interface ScopeDecision {
  outOfScope: boolean;
  /** Why, for logs and tests: "no-topic", "no-topic:context-only", "not-covered:<kind>", "other-topic:<words>", "unknown-name:<word>" or "in-scope". */
  reason: string;
}

/** What the scope decision needs to know about the serving index. */
export interface ScopeVocabulary extends DomainVocabulary, SenseReader {
  kindOf(concept: string): ConceptKind;
  /** Spelling correction, so a typo ("siatica") is not taken for an unknown name. */
  correct(word: string): string;
  /** The index's analyzer, to read a passage the way the question was read. */
  analyze(text: string): Analysis;
  correctText(text: string): string;
}

/** The scope vocabulary of an index version: its domain vocabulary read with its analyzer. */
export function scopeVocabularyFor(snapshot: IndexSnapshot): ScopeVocabulary {
  const { analyzer } = snapshot;
  return {
    ...domainVocabulary(snapshot),
    kindOf: (c) => analyzer.kindOf(c),
    hasEverydaySense: (w) => analyzer.hasEverydaySense(w),
    isHealthWord: (w) => analyzer.isHealthWord(w),
    isHealthConcept: (c) => analyzer.isHealthConcept(c),
    correct: (w) => analyzer.correct(w),
    analyze: (t) => analyzer.analyze(t),
    correctText: (t) => analyzer.correctText(t),
  };
}

/**
 * The message without an uncovered body part or topic, and without a condition it places there:
 * "arthritis in the knee", "knee arthritis" and "a slipped disc in my neck" are that part's
 * condition, not the back's. A word of pain before it stays ("pain in my knee and back").
 */
function withoutPart(text: string, part: string, vocabulary: ScopeVocabulary): string {
  const m = part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const placed = (word: string) => vocabulary.analyze(word).concepts.some((c) => vocabulary.kindOf(c) === "topic" && !REGIONS.has(c));
  return text
    .replace(new RegExp(`\\b((\\w+ )?\\w+) (in|of) ((the|my|his|her|your|their|both|a|an) )?${m}\\b`, "g"), (all, words_: string) => (placed(words_) ? " " : all))
    .replace(new RegExp(`\\b${m} (\\w+)\\b`, "g"), (all, word: string) => (placed(word) ? " " : all))
    .replace(new RegExp(`\\b${m}\\b`, "g"), " ");
}

/**
 * True when the clause that asks is a covered question by itself, whatever the story around it:
 * in "what is 'neutral spine'? the office wellbeing lady keeps saying it at every meeting" the
 * words of the office tell who said it, not what is asked. A message with no asking clause, or
 * nothing but asking, has nothing more to show here.
 */
function asksInDomain(text: string, vocabulary: ScopeVocabulary, bestPassage: Analysis): boolean {
  const asked = askingClauses(text);
  if (asked.length === 0 || words(asked.join(" ")).length >= words(normalizeText(text)).length) return false;
  const analysis = vocabulary.analyze(vocabulary.correctText(asked.join(" . ")));
  return isInDomain(domainEvidence(analysis, (c) => vocabulary.kindOf(c), vocabulary), analysis, vocabulary, bestPassage, vocabulary);
}

/**
 * Decides whether the corpus covers a question, in this order:
 * 1. the question must carry evidence of a topic the corpus covers (see domain-gate.ts), or continue
 *    a conversation that does (`continuing`) with context of its own;
 * 2. then, in the clauses that ask, kinds of question the corpus never answers although they look
 *    covered (doses, cost, recovery time...), and names nobody knows (a drug, a brand);
 * 3. and other body parts or health topics the corpus does not cover, unless the question is also
 *    about one it does, or the corpus has since gained an article about them (its headings say so).
 * A word in the story part of a message ("walking the dog", "can't afford physio") vetoes nothing.
 */
export function decideScope(text: string, retrieval: Retrieval, scope: ScopeRules, vocabulary: ScopeVocabulary, continuing = false, opening = true): ScopeDecision {
  if (retrieval.passages.length === 0) return { outOfScope: true, reason: "no-topic" };
  const evidence = domainEvidence(retrieval.analysis, (c) => vocabulary.kindOf(c), vocabulary);
  const best = retrieval.passages[0].chunk;
  // In a conversation already about the corpus's topics, "what about cardio?" needs no topic of its own.
  const bestAnalysis = vocabulary.analyze(`${best.section} . ${best.text}`);
  // ...or asks something the articles answer of it ("whats the main risk factor" after arthritis).
  // A conversation's first message may name nothing and still ask of the pain a back-pain service is for.
  const enough = (continuing && (evidence.context.length > 0 || evidence.intents.length > 0)) || isInDomain(evidence, retrieval.analysis, vocabulary, bestAnalysis, vocabulary, opening && !continuing) || asksInDomain(text, vocabulary, bestAnalysis);
  if (!enough) return { outOfScope: true, reason: evidence.context.length > 0 ? "no-topic:context-only" : "no-topic" };
  const unnamed = !continuing && namesNothing(evidence);
  // A first question whose only evidence is a body word with everyday senses, among two or more
  // words the articles never use ("glue the spine of my paperback", "new brake discs"), is about the other sense.
  const unlikeArticles = retrieval.analysis.residual.filter((st) => !vocabulary.isArticleStem(st)).length;
  // (Only a conversation's opening: once the talk is of discs in the back, "put a new disc in, like
  // a part on the boat engine" is still about the back.)
  if (!continuing && opening && unlikeArticles >= 2 && restsOnEverydaySense(retrieval.analysis, vocabulary, vocabulary, namesInMidSentence(text))) return { outOfScope: true, reason: "no-topic:everyday-sense" };
  const asking = askingText(text);
  // Line breaks are spaces here: a story over two lines is still one message.
  const message = normalizeText(text).replace(/\s+/g, " ");
  // An asking clause that only weighs up what the story named asks about it: the whole message.
  const askedAbout = POINTS_BACK.test(asking) || ONLY_ANY_IDEA.test(asking.trim()) ? message : asking;
  // A kind marked `unless_named` gives way when the message names a condition the articles cover:
  // "MRI says degenerative disc disease, what does that mean" asks about the finding, not the scan.
  const namesCondition = evidence.topics.some((t) => (t.startsWith("w:") ? vocabulary.isSpecific(t.slice(2)) : !REGIONS.has(t) && vocabulary.isSpecific(`c:${t}`)));
  for (const rule of scope.notCovered) {
    if (rule.unlessNamed && namesCondition) continue;
    if (rule.pattern.test(rule.in === "message" ? message : askedAbout)) return { outOfScope: true, reason: `not-covered:${rule.kind}` };
  }
  // In a conversation, the passages that could answer, not only the best: after "how should I set
  // up my chair", "what about my feet and knees" is answered by a close passage that places the knees
  // at the desk. A first question must be covered by its best passage ("twisted my knee playing
  // football" is not about the desk).
  // A first question's best passage covers another body part only when it is the passage about what
  // the question asks ("knees at 90 degrees at my desk?" and the workspace section): "my knee clicks
  // and swells" is not covered by a stretch that happens to bring the knee to the chest.
  // A passage that keeps coming back to the part (a knee article's "Meniscus Tears") is about it too.
  const asked = new Set([...evidence.context, ...evidence.treatments]);
  const candidates = continuing ? retrieval.passages.slice(0, 3).flatMap((p) => vocabulary.analyze(p.chunk.text).stems) : firstQuestionCover(best, asked, vocabulary);
  // Later in a conversation, a reason given after "cos" or "because" for a question about "it" ("is it his arthritis cos he's
  // got it in his hands and knees already") tells why the person asks about the pain they came with;
  // the other body parts there are the evidence, not the subject.
  const named = otherTopicsNotCovered(withoutPainExtent(!opening && ASKS_OF_IT.test(asking) ? withoutReasons(message) : message), scope, vocabulary, candidates);
  // Two or more body parts that one retrieved passage names together, with the activity the message
  // names ("hug ur knee to ur chest" among stretches: the article's knee-to-chest stretch), are what
  // that passage describes, not other subjects. ("my knee and my chest hurt" names no activity.)
  const describes = (p: Retrieval["passages"][number]) => {
    const a = vocabulary.analyze(p.chunk.text);
    return evidence.context.some((c) => a.concepts.includes(c)) && coversAll(a.stems, named);
  };
  const distinctParts = new Set(named.map((m) => words(m).map(stem).join(" "))).size;
  const other = distinctParts >= 2 && retrieval.passages.slice(0, 6).some(describes) ? [] : named;
  // The message's own topics, not one carried from an earlier turn: "my neck hurts too" stays a neck
  // question. Words inside another topic's name are that topic's: "restless legs" is not about legs.
  const withoutOther = other.reduce((t, m) => withoutPart(t, m, vocabulary), message);
  // A region alone ("varicose veins in her legs") is where the other condition is, not a topic of its own.
  const ownTopicsAll = domainEvidence(vocabulary.analyze(vocabulary.correctText(withoutOther)), (c) => vocabulary.kindOf(c), vocabulary).topics;
  // A joint condition with no place ("arthritis") beside another part is that part's, unless the message also places
  // it where the corpus covers ("arthritis in the spine? I thought it was a knee thing").
  const placed = ownTopicsAll.some((t) => REGIONS.has(t));
  const ownTopics = ownTopicsAll.filter((t) => !REGIONS.has(t) && (placed || !PLACELESS.has(t)));
  // In a conversation, a question choosing among what was said ("which of those is best for him? he
  // has a weak heart", "can't bring her knee up, anything else I can try") tells the other body part
  // as a circumstance of the choice: only its asking clauses can name another topic.
  const choosing = continuing && CHOOSES_AMONG.test(asking);
  const vetoing = choosing ? otherTopicsNotCovered(asking, scope, vocabulary, candidates) : other;
  if (vetoing.length > 0 && ownTopics.length === 0) return { outOfScope: true, reason: `other-topic:${vetoing.join(",")}` };
  // The clause that asks may ask about the other topic alone, whatever the story says of the back:
  // "every time my back flares up I get a migraine, what helps migraines" asks about migraines.
  if (other.length > 0 && askedAbout !== message) {
    const askedOther = otherTopicsNotCovered(askedAbout, scope, vocabulary, candidates);
    const askedOwn = askedOther.length > 0 ? domainEvidence(vocabulary.analyze(vocabulary.correctText(askedOther.reduce((t, m) => withoutPart(t, m, vocabulary), askedAbout))), (c) => vocabulary.kindOf(c), vocabulary).topics.filter((t) => !REGIONS.has(t)) : [];
    if (askedOther.length > 0 && askedOwn.length === 0) return { outOfScope: true, reason: `other-topic-asked:${askedOther.join(",")}` };
  }
  // A person named after who they are ("my friend Maureen") is not a drug or a brand nobody knows.
  // ...nor is a letter's signature ("Yours faithfully, Margaret Ellison").
  // Read as corrected text, so a term split by a hyphen or by dictation ("spondylo-listhesis",
  // "steno sis") is the one word it is, not two unknown pieces.
  const name = words(vocabulary.correctText(asking.replace(SIGN_OFF, ""))).find((w, i, ws) => vocabulary.isUnknownName(w) && !PERSON_BEFORE.has(ws[i - 1] ?? ""));
  if (name) return { outOfScope: true, reason: `unknown-name:${name}` };
  return { outOfScope: false, reason: unnamed ? UNNAMED_AILMENT : "in-scope" };
}

/** An asking clause about "it", "this" or "that": the complaint already told. */
const ASKS_OF_IT = /\b(is|could|can|would|might|does) (it|this|that)\b/;
/** A reason clause to the end of its sentence: "cos hes got it in his hands". */
// (Not "since": "since going on nights my periods are all over the place" tells when, and is the subject.)
const REASON_CLAUSE = /\b(cos|coz|cuz|because)\b[^.?!,]*/g;
function withoutReasons(message: string): string {
  return message.replace(REASON_CLAUSE, " ");
}

/**
 * How far a pain runs ("shoots from my bum all the way down to my ankle", "runs down my leg to my
 * knee") names where it reaches, not another body part's complaint: the knee or ankle at the end of a
 * pain going down is the leg's extent. ("my knee clicks" still names the knee.)
 */
const PAIN_EXTENT = /\b(?:down|dung|doon|all the way)\b(?:\s+[a-z]+){0,5}?\s+(?:to|into|past|below|till|until|behind)\s+(?:(?:the|my|mi|me|his|her|their|your)\s+)?(?:knees?|ankles?|heels?)\b|\bas far as (?:(?:the|my|mi|me|his|her|their|your)\s+)?(?:knees?|ankles?|heels?)\b/g;
/** Kneeling ("on my knees under sinks all day") is a posture of work, not a knee's complaint. */
const KNEELING = /\b(?:on|onto|off) (?:my|his|her|your|their|me|our|the|all) (?:knees|fours)\b/g;
/** The back, a leg or the buttock, whose pain the knee or kneeling is then told of. */
const LEG_OR_BACK = /\b(?:leg|legs|thigh|thighs|calf|calves|shin|bum|butt|buttocks?|batty|hip|hips|back)\b/;
function withoutPainExtent(message: string): string {
  // Only where the pain runs from the back or a leg ("from my bum all the way down to my ankle"):
  // "going down the stairs is painful to my knees" is the knees' own complaint.
  const extent = message.replace(PAIN_EXTENT, (m, offset: number) => (LEG_OR_BACK.test(message.slice(Math.max(0, offset - 60), offset) + m) ? " " : m));
  return LEG_OR_BACK.test(message.replace(KNEELING, " ")) ? extent.replace(KNEELING, " kneeling ") : extent;
}

/**
 * Other-topic mentions, less those the corpus covers: a topic of its headings (an added knee article)
 * or a word the answering passage itself uses that way ("knees at a 90-degree angle" at a desk).
 */
function otherTopicsNotCovered(normalized: string, scope: ScopeRules, vocabulary: DomainVocabulary, bestPassageStems: string[]): string[] {
  if (!scope.otherTopics) return [];
  const global = new RegExp(scope.otherTopics.source, "gi");
  const passage = new Set(bestPassageStems);
  // A heading topic covers a phrase through any of its words ("knee" of "knee pain"); the passage must
  // use all of them ("pressure" on a nerve is not "blood pressure").
  return [...normalized.matchAll(global)]
    .map((m) => m[0])
    .filter((m) => !coveredByHeadings(m, vocabulary) && !words(m).every((w) => passage.has(stem(w))));
}

/** Every word of every mention is among the passage's stems. */
function coversAll(passageStems: string[], mentions: string[]): boolean {
  const have = new Set(passageStems);
  return mentions.every((m) => words(m).every((w) => STOPWORDS.has(w) || have.has(stem(w))));
}

/** The stems of a first question's best passage that may cover another body part: all of them when the passage is about what is asked, else those it repeats. */
function firstQuestionCover(best: Retrieval["passages"][number]["chunk"], asked: ReadonlySet<string>, vocabulary: ScopeVocabulary): string[] {
  const stems = vocabulary.analyze(best.text).stems;
  if (vocabulary.analyze(best.section).concepts.some((c) => asked.has(c))) return stems;
  const seen = new Set<string>();
  return stems.filter((st) => seen.has(st) || !seen.add(st));
}

/**
 * A heading topic covers a mention through its main word ("knee" of "knee pain", once a knee article
 * is added); a named condition that merely contains a covered word ("restless legs") stays another
 * topic unless the headings name its distinctive word too.
 */
function coveredByHeadings(mention: string, vocabulary: DomainVocabulary): boolean {
  const ws = words(mention).filter((w) => !STOPWORDS.has(w));
  const covered = ws.filter((w) => vocabulary.topicStems.has(stem(w)));
  if (covered.length === 0) return false;
  return ws.length === 1 || covered.length === ws.length || ws.every((w) => covered.includes(w) || GENERIC_HEADS.has(w));
}
