import { askingText, isConditional } from "../answer/asking-clauses.ts";
import { domainEvidence, namesInMidSentence } from "../answer/domain-gate.ts";
import type { DomainVocabulary } from "../answer/domain-vocabulary.ts";
import type { Analysis, Analyzer } from "../text/analyzer.ts";
import { normalizeText, stem, words } from "../text/normalize.ts";
import { expandChatForms } from "../text/chat-speak.ts";
import { headingWithoutMarker } from "../corpus/chunk.ts";
import type { Turn, TurnTopic } from "./conversation-memory.ts";

/** Idioms with an "it" that points at nothing said before. */
const IDIOMATIC_IT = /\bwhile (you are|your|youre|you|u) (are |r )?at it\b/g;
/** Words that point back at something said before. */
// "mine" and "mines" (mine's) stand for the noun just discussed: "mine's been going since Christmas".
const ANAPHORA = new Set(["it", "its", "this", "that", "they", "them", "their", "those", "these", "one", "ones", "there", "same", "he", "him", "his", "she", "her", "mine", "mines", "neither", "either"]);
/** True when a clause points back: a pronoun, or a continuing opening or ending. */
function pointsBackIn(clause: string): boolean {
  return words(clause).some((w) => ANAPHORA.has(w)) || CONTINUATION.test(clause) || TRAILING_CONTINUATION.test(clause);
}
/** "others?", "what else": more of what was just said, though they excuse no foreign word ("what else is on telly"). */
const WEAK_ANAPHORA = new Set(["others", "else"]);
/** Sounds of surprise, laughter or doubt ("ooh which teas exactly"): no subject of their own. */
const INTERJECTIONS = new Set(["ooh", "oooh", "ah", "ahh", "aah", "oh", "ohh", "hmm", "hmmm", "lol", "lmao", "haha", "hahaha", "omg", "wow", "ugh", "argh", "eish", "ach", "och", "aye", "yeah", "yep", "yup", "nah", "oi", "eh", "huh", "ooo"]);
/**
 * Questions that cannot stand without an object, asked bare ("which muscles", "for how long tho",
 * "how often"): with no word foreign to the corpus, they ask about what was just said.
 */
const NEEDS_OBJECT = /^(which|(for )?how (long|often|many|much))\b/;
/** How many everyday words a story told beside a pointing question may bring ("I only bent down for the remote"). */
const STORY_WORDS_EXCUSED = 2;
/** Asking for another treatment than the one discussed ("how else can I fix it", "any other treatment"). */
const ASKS_ANOTHER = /\b(else|other|another|alternatives?|instead)\b/;
/** Words that open a turn without asking anything ("like which stretch exactly", "ok so how long"). */
const LEADING_FILLERS = /^((like|so|ok|okay|and|but|well|right|um+|uh+|hmm+|oh|ah)\s+)+/;
/** A comparison ("how's it different from fusion") is about both things, the earlier one first. */
const COMPARISON = /\b(different|difference|differ|compare|compared|comparison|versus|vs|better than|worse than|instead of|rather than)\b/;
/**
 * Context concepts said in everyday words as often as of a back (the weather's "cold", a coffee
 * shop, feeling fed up): they do not keep a turn full of other words in the conversation.
 */
const EVERYDAY_CONTEXT = new Set(["drink", "ice_heat", "mood"]);
/**
 * Whether a treatment named now goes with the one just discussed ("do I still need physio after it",
 * "is it on top of physio"): a question about the one "it" is, weighed against the other.
 */
const ALONGSIDE = /\b(still|on top|alongside|as well as|together with|with it|after it|if i have it|if i get it|if i have them|after them)\b/;
/**
 * Words that announce a new subject ("right, different thing", "ok but overall, what's the best way
 * to get rid of back pain"): a turn with them that names something of its own asks about that, not
 * about the topic before.
 */
const TOPIC_SHIFT = /\b(different thing|different question|diff question|another question|new question|other question|separate question|change of subject|changing the subject|change the subject|on another note|unrelated|random question|overall|in general|generally|general question)\b/;
/** Words that return to the conversation's subject after an aside ("ok back to me", "anyway, going back to my question"). */
const RETURN_TO_EARLIER = /\b(back to me|back to my (question|problem|back|thing|issue)|going back to (me|my)|back to what i (asked|was asking|said))\b/;
/** A turn that corrects what the writer said before. */
const CORRECTION = /\b(i meant|i mean|meant to say|should have said|should of said|forgot to say|forgot to mention)\b/;
/** Openings that continue the conversation ("and...", "what about..."). */
const CONTINUATION = /^(and|also|what about|how about|so|ok|okay|then|but|plus)\b/;
/** Endings that continue it ("should I take bed rest then", "any exercises too", "does the pain go away after"). */
const TRAILING_CONTINUATION = /\b(then|too|after|afterwards|as well|also)\s*[?!.]*$/;

export interface FollowUp {
  /** The question as typed. */
  question: string;
  /** Words carried from the conversation's topic, to search with; empty when it stands alone. */
  topic: string;
  /** What this turn is about, to remember for the next one. */
  turnTopic: TurnTopic;
  /** True when the turn continues a conversation about the corpus's topics, so context words suffice. */
  continues: boolean;
  /** True when it continues and names nothing of its own ("how does that work", "who gets it"): it asks more of the last answer. */
  bare?: boolean;
  /** True when it asks which of the things the last answer named ("which stretch exactly?"): that answer's section answers it. */
  picks?: boolean;
}

/**
 * Resolves a turn against the conversation: a turn that names a specific condition of its own
 * stands alone; one that does not ("is it hereditary?", "who gets that done", "examples of those?",
 * "what would the surgery involve") is searched with the most recent topic, so chains of any length
 * stay on the condition or treatment the last answer was about. A turn that names a treatment keeps
 * it and takes only the condition from before ("can physio help with it" after sciatica).
 * Unrelated questions (words the corpus never uses, more than one even when something points back)
 * stand alone.
 */
export function resolveFollowUp(text: string, history: Turn[], analyzer: Analyzer, vocabulary: DomainVocabulary, lastAnswerStems?: ReadonlySet<string>): FollowUp {
  const correctedText = analyzer.correctText(text);
  const analysis = analyzer.analyze(correctedText);
  const own = topicOf(analysis, analyzer, vocabulary);
  const alone = { question: text, topic: "", turnTopic: own, continues: false };
  // Chat forms written out, so "n the stronger stuff?" continues like "and the stronger stuff?".
  // ...less the idioms whose "it" points at nothing ("can u give me some boy names while ur at it").
  const normalized = expandChatForms(words(normalizeText(text))).join(" ").replace(IDIOMATIC_IT, " ");
  const topics = [...history].reverse().flatMap((t) => (t.topic && !isEmpty(t.topic) ? [t.topic] : []));
  // "ok back to me", "going back to my question": the topic before the aside just made.
  const returning = RETURN_TO_EARLIER.test(normalized) && topics.length > 1;
  const last = returning ? topics[1] : topics[0];
  if (!last) return alone;
  const conditional = isConditional(normalized);
  const turnWords = words(normalized);
  // A pronoun or a continuing opening or ending points back; "else"/"others" do too, more weakly.
  const pointsBackByPronoun = pointsBackIn(normalized);
  const pointsBack = pointsBackByPronoun || turnWords.some((w) => WEAK_ANAPHORA.has(w));
  // A condition the last answer already spoke of ("does it hurt in the legs too" after the herniated
  // disc section, which says it does) asks more of that answer when the turn points back; one it never
  // mentions is a new topic.
  const aspectOfLast = (w: string) => pointsBack && lastAnswerStems !== undefined && analyzer.analyze(w).stems.every((s) => lastAnswerStems.has(s));
  const specificCondition = own.conditions.some((w) => isSpecificPhrase(w, analyzer, vocabulary) && !aspectOfLast(w));
  if (specificCondition && !conditional) return alone;
  // It still continues a conversation with a back-pain service: what it names is read as such.
  if (TOPIC_SHIFT.test(normalized) && (own.conditions.length > 0 || own.treatments.length > 0 || (own.context ?? []).length > 0)) return { ...alone, continues: true };
  // A name written with a capital mid-sentence ("the weekend in Leeds") is another subject's, even
  // when spelling correction found a corpus word near it ("leads").
  const names = [...namesInMidSentence(text)].filter((n) => !vocabulary.isCorpusStem(stem(n))).length;
  const foreignIn = (a: Analysis) => a.residual.filter((s) => !vocabulary.isCorpusStem(s) && !INTERJECTIONS.has(s)).length;
  // A turn that points back with a pronoun and tells a story beside its question ("how's it happen
  // then, I only bent down for the remote") is weighed on the clause that asks: the story's everyday
  // words say what happened, not what the question is about.
  const asked = askingText(text);
  // A story of a few everyday words only: "is it bad? my car makes a grinding noise when I brake" tells
  // of another subject altogether, and stays one.
  const wholeForeign = foreignIn(analysis);
  const storyBeside = pointsBackByPronoun && asked !== normalizeText(text) && pointsBackIn(asked) && wholeForeign <= STORY_WORDS_EXCUSED;
  const foreign = (storyBeside ? foreignIn(analyzer.analyze(analyzer.correctText(asked))) : wholeForeign) + names;
  // Fillers before the question word ("like which stretch exactly", "ok so how long") ask nothing.
  const corrected = normalizeText(correctedText).trim().replace(LEADING_FILLERS, "");
  const asksObject = NEEDS_OBJECT.test(corrected);
  // A question of quantity with no object ("hw many days max") points back like a pronoun; "which bus
  // goes to the airport" names its own object.
  const asksQuantity = /^(for )?how (long|often|many|much)\b/.test(corrected);
  // "is it hereditary?" points back; "will it rain tomorrow" has an "it" but is about something else.
  // An activity or circumstance of the back's own (sitting, lifting, a sport, a job) keeps a turn in
  // the conversation whatever else it tells: "why me, I'm 16 and just run cross country", "he must sit
  // on a bench after walking a short distance".
  // So does a part of the body the articles are about, said with a pronoun that points back: "what are
  // the main things that send it down into the leg" ("it" is the pain).
  const ownActivity = analysis.concepts.some((c) => (analyzer.kindOf(c) === "context" && !EVERYDAY_CONTEXT.has(c)) || (pointsBackByPronoun && analyzer.kindOf(c) === "topic"));
  // "the almond milk she mentioned, how's that meant to help": a turn that points back at something
  // specific the last answer said continues it, whatever everyday words ("mentioned", "meant") it adds.
  // (A place or person named with a capital, "in Leeds", still makes it another subject.)
  const echoesLast = pointsBack && names === 0 && lastAnswerStems !== undefined && analysis.stems.some((st) => lastAnswerStems.has(st) && vocabulary.isSpecific(st));
  // Without pointing back, a turn that takes up two specific things of the last answer ("my feet dont
  // reach the floor" after "keep your feet flat on the floor") continues it all the same.
  const echoesLastTwice = names === 0 && own.conditions.length === 0 && lastAnswerStems !== undefined && new Set(analysis.stems.filter((st) => lastAnswerStems.has(st) && vocabulary.isSpecific(st))).size >= 2;
  // A turn that only asks something the articles answer of a topic ("whats the main risk factor"),
  // naming no topic of its own, asks it of the conversation's, like one that points back.
  const asksOfTopic = own.conditions.length === 0 && analysis.concepts.length > 0 && analysis.concepts.every((c) => analyzer.kindOf(c) === "intent");
  // A correction ("no I meant my dad, he's 78, same thing?", "sorry I should have said...") restates
  // the conversation's question with a new circumstance: it stays in the conversation.
  const corrects = CORRECTION.test(normalized);
  if (foreign > (pointsBackByPronoun || asksQuantity || asksOfTopic ? 1 : 0) && !ownActivity && !echoesLast && !echoesLastTwice && !corrects) return alone;
  // Nothing points back: only a turn that asks something of the topic ("symptoms?", "what about cardio")
  // continues it; "what is the meaning of life" uses corpus words but asks nothing about it, and
  // "what helps back pain at home" names its own topic.
  // A bare ellipsis ("which muscles", "how should my knees be", "for how long tho") asks about what the
  // last answer said: every word it has is a word of that answer.
  // A turn with no content word at all ("examples?", "how exactly", "why?") can only be about it too.
  const contentless = analysis.stems.length === 0 && analysis.concepts.length === 0;
  const elliptic =
    !pointsBack &&
    own.conditions.length === 0 &&
    (contentless || asksObject || echoesLastTwice || (analysis.residual.length > 0 && lastAnswerStems !== undefined && analysis.residual.every((s) => lastAnswerStems.has(s))));
  if (!pointsBack && !elliptic && (analysis.concepts.length === 0 || own.conditions.length > 0)) return alone;
  // "and if they don't work?" asks what comes after the treatment just discussed: not about it again.
  const lastTreatments = analysis.concepts.some((c) => analyzer.kindOf(c) === "intent" && c === "not_enough") ? [] : last.treatments;
  const ownContext = own.context ?? [];
  if (conditional) {
    // The circumstance is added to what was asked; a condition it names replaces the earlier one.
    const conditions = specificCondition ? own.conditions : [...new Set([...last.conditions, ...own.conditions])];
    const carried: TurnTopic = { conditions, treatments: own.treatments.length > 0 ? own.treatments : lastTreatments, context: [...new Set([...(last.context ?? []), ...ownContext])] };
    // ...and a treatment or activity it names ("what if I just rest it", "whats left, surgery?") is what
    // it asks about now: the earlier circumstance (seeing a doctor) is not searched for again.
    // A symptom it adds ("what if it's just tingling") is a circumstance of the same question instead.
    const ownThing = own.treatments.length > 0 || analysis.concepts.some((c) => analyzer.kindOf(c) === "context" && vocabulary.headingContextConcepts.has(c));
    const words_ = [...(specificCondition ? [] : last.conditions), ...(own.treatments.length > 0 ? [] : lastTreatments), ...(ownThing ? [] : (last.context ?? []))];
    return { question: text, topic: [...new Set(words_)].join(" "), turnTopic: carried, continues: true };
  }
  // Asking how to treat it turns away from the section that said what it is; asked of a treatment
  // already being discussed ("are they a permanent fix" after injections), it asks more of that one.
  // "how else can I fix it" after medications asks for another treatment, not more of that one.
  const asksTreatment = analysis.concepts.includes("treatment") && (lastTreatments.length === 0 || ASKS_ANOTHER.test(normalized));
  // "which stretch exactly?" asks which of the last answer's own stretches: every word it has is in that answer.
  const picksFromLast = asksObject && lastAnswerStems !== undefined && analysis.stems.length > 0 && analysis.stems.every((st) => lastAnswerStems.has(st));
  const bare = !specificCondition && !asksTreatment && (picksFromLast || (own.treatments.length === 0 && ownContext.length === 0 && (pointsBack || elliptic)));
  if (own.treatments.length > 0 && last.treatments.length > 0 && pointsBack && (COMPARISON.test(normalized) || ALONGSIDE.test(normalized))) {
    const carried: TurnTopic = { conditions: [...new Set([...last.conditions, ...own.conditions])], treatments: [...new Set([...last.treatments, ...own.treatments])], context: ownContext };
    return { question: text, topic: [...new Set([...last.conditions, ...last.treatments])].join(" "), turnTopic: carried, continues: true, bare: true };
  }
  // The turn's own treatment or activity replaces the earlier one; the condition carries on.
  const carried: TurnTopic = {
    conditions: [...new Set([...last.conditions, ...own.conditions])],
    treatments: own.treatments.length > 0 ? own.treatments : lastTreatments,
    context: ownContext.length > 0 || own.treatments.length > 0 ? ownContext : (last.context ?? []),
  };
  const words_ = [...last.conditions, ...(own.treatments.length > 0 ? [] : lastTreatments), ...(ownContext.length > 0 || own.treatments.length > 0 ? [] : (last.context ?? []))];
  return { question: text, topic: [...new Set(words_)].join(" "), turnTopic: carried, continues: true, bare, picks: bare && picksFromLast };
}

function isEmpty(t: TurnTopic): boolean {
  return t.conditions.length === 0 && t.treatments.length === 0 && (t.context ?? []).length === 0;
}

/**
 * The topic of a turn as the words that expressed it: condition and body-part phrases (lexicon
 * topics and the corpus's heading topics) and treatment phrases.
 */
export function topicOf(analysis: Analysis, analyzer: Analyzer, vocabulary: DomainVocabulary): TurnTopic {
  const conditions: string[] = [];
  const treatments: string[] = [];
  const context: string[] = [];
  for (const span of analysis.spans) {
    const phrase = analysis.words.slice(span.start, span.end).join(" ");
    const kinds = span.concepts.map((c) => analyzer.kindOf(c));
    if (kinds.includes("topic")) conditions.push(phrase);
    else if (kinds.includes("treatment")) treatments.push(phrase);
    else if (kinds.includes("context")) context.push(phrase);
  }
  // A condition described rather than named ("walks a little, sits, and it goes") is carried by its name.
  const named = new Set(analysis.spans.flatMap((s) => s.concepts));
  for (const c of analysis.concepts) if (!named.has(c) && analyzer.kindOf(c) === "topic") conditions.push(c.replace(/_/g, " "));
  const evidence = domainEvidence(analysis, (c) => analyzer.kindOf(c), vocabulary);
  for (const t of evidence.topics) if (t.startsWith("w:")) conditions.push(analysis.words.find((w) => analyzer.analyze(w).stems[0] === t.slice(2)) ?? t.slice(2));
  return { conditions: [...new Set(conditions)], treatments: [...new Set(treatments)], context: [...new Set(context)] };
}

/** The topic of an answered turn: the question's own, or, when it named nothing specific, the answering section's. */
export function answeredTopic(own: TurnTopic, section: string | undefined, analyzer: Analyzer, vocabulary: DomainVocabulary, continues = false): TurnTopic {
  if (!section) return own;
  // Only a first question takes its topic from the section that answered it: on a follow-up the topic
  // is already the conversation's, and a section that only partly fits ("why does sitting help" ->
  // piriformis syndrome) would otherwise steer every later turn. (Follow-up sets: 2 more turns first,
  // one fewer in the top three.)
  if (continues) return own;
  const specific = (t: TurnTopic) => [...t.conditions, ...t.treatments].some((w) => isSpecificPhrase(w, analyzer, vocabulary));
  const heading = topicOf(analyzer.analyze(headingWithoutMarker(section)), analyzer, vocabulary);
  if (!specific(heading)) return own;
  const concepts = (t: TurnTopic) => new Set([...t.conditions, ...t.treatments].flatMap((w) => analyzer.analyze(w).concepts));
  const ownConcepts = concepts(own);
  const adds = [...concepts(heading)].some((c) => !ownConcepts.has(c) && vocabulary.isSpecific(`c:${c}`));
  if (specific(own) && !adds) return own;
  // The answer was about its heading's condition or treatment ("legs cramp when I walk" answered by
  // spinal stenosis): that is what "who gets it" asks about next, not the story's walking and sitting.
  return {
    conditions: [...new Set([...heading.conditions, ...own.conditions])],
    treatments: [...new Set([...heading.treatments, ...own.treatments])],
    context: specific(own) ? [] : own.context,
  };
}

/** True when a phrase names something only some passages are about (sciatica, not back pain). */
function isSpecificPhrase(phrase: string, analyzer: Analyzer, vocabulary: DomainVocabulary): boolean {
  const a = analyzer.analyze(phrase);
  return a.concepts.some((c) => vocabulary.isSpecific(`c:${c}`)) || a.residual.some((s) => vocabulary.topicStems.has(s));
}
