import type { Retrieval, RetrievedPassage } from "../retrieve/hybrid-retriever.ts";
import type { Analysis, Analyzer } from "../text/analyzer.ts";
import { normalizeText } from "../text/normalize.ts";
import { askingText, isConditional } from "./asking-clauses.ts";

/** What a message says was tried and not enough, read once per message for both uses below. */
export interface Tried {
  /** The message analysed (respelled). */
  analysis: Analysis;
  /**
   * The treatments and activities it says were tried and not enough ("tried rest and heat, nothing
   * working"). What the asking clause names is what is asked about ("physio hasn't worked, is
   * surgery next?"), unless the message is a condition: in "what if pills don't work" the pills are what failed.
   */
  concepts: Set<string>;
  conditional: boolean;
  /** Where the activities said not to be done end ("never lift" in "never lift nothing heavy"): their object goes with them. */
  deniedEnds?: number[];
}

/** What was tried, or null when the message says nothing was enough and rules nothing out. */
export function whatWasTried(text: string, analyzer: Analyzer): Tried | null {
  const analysis = analyzer.analyze(analyzer.correctText(text));
  // The asking clauses are analysed at most once, for whichever of the two uses below needs them.
  const asking = askingText(text);
  let askedCache: string[] | undefined;
  const askedConcepts = () => (askedCache ??= analyzer.analyze(analyzer.correctText(asking)).concepts);
  const excluded = ruledOut(analysis, analyzer);
  // An activity the person says they never do ("how did I get it, never lift nothing heavy") is why
  // they ask, not what they ask about, unless the asking clause asks about it ("ice or heat? she
  // says only heat, never ice").
  // Not when the asking clause points back at the habit as a cause ("I never sit up straight, could
  // that be why my back hurts"): then the habit is what is asked about.
  const deniedEnds: number[] = [];
  if (!POINTS_AT_A_CAUSE.test(asking))
    for (const span of analysis.spans)
      if (deniedActivity(span, analysis.words, analyzer) && span.concepts.some((c) => !askedConcepts().includes(c))) {
        for (const c of span.concepts) if (!askedConcepts().includes(c)) excluded.add(c);
        deniedEnds.push(span.end);
      }
  for (const c of besidesWhatIsNamed(asking, askedConcepts, analysis, analyzer)) excluded.add(c);
  if (!analysis.concepts.includes("not_enough")) return excluded.size > 0 ? { analysis, concepts: excluded, conditional: false, deniedEnds } : null;
  const conditional = isConditional(normalizeText(text));
  const asked = new Set(conditional ? [] : askedConcepts());
  const concepts = new Set([...analysis.concepts.filter((c) => ["treatment", "context"].includes(analyzer.kindOf(c)) && !asked.has(c)), ...excluded]);
  return { analysis, concepts, conditional, deniedEnds };
}

/** Words that rule out what follows: "any other way without surgery", "something other than pills". */
// Not "instead of" or "rather than": "is it instead of physio or on top of it" weighs the two, and
// "injections instead of surgery" names what is wanted anyway.
const RULING_OUT = ["without", "other than", "apart from", "besides", "alternative to", "alternatives to", "avoid", "avoiding", "except"].map((p) => p.split(" "));
/** Not wanting something rules it out only when the message asks for something else ("...what else", "...what can I do at home"); "I'd rather not take painkillers, are they safe?" asks about them. */
// ...and neither does not having it ("there is no physiotherapy near us, what can I do at home by
// myself", "can't afford physio, anything else?"): what cannot be had is ruled out when something else is asked for.
const NOT_WANTING = ["not fancy", "not want", "rather not", "not keen on", "not", "no", "can not afford", "no access to", "can not get"].map((p) => p.split(" "));
const ASKS_OTHER = /\b(else|other|instead|alternatives?|at home|myself)\b/;

/** An asking clause that asks for something other than what the story named: "what else can they do". */
// ("...is that for this too or something else?" asks what the named thing is for, not for another.)
const ASKS_ELSE = /\b(what|whats) else\b|\banything else (can|could|to|i|we|they|he|she|you)\b|\b(what|any) other (options?|ways?|treatments?|things?)\b/;

/**
 * "they'll just give him pills and send him home. what else can they actually do": an asking clause
 * that asks what else, naming no treatment itself, asks for what is not the treatments the rest of
 * the message names.
 */
function besidesWhatIsNamed(asking: string, askedConcepts: () => string[], analysis: Analysis, analyzer: Analyzer): string[] {
  // (askingText is already normalised.)
  if (!ASKS_ELSE.test(asking)) return [];
  if (askedConcepts().some((c) => analyzer.kindOf(c) === "treatment")) return [];
  return analysis.concepts.filter((c) => analyzer.kindOf(c) === "treatment");
}

/** Words that join items of one list (commas are gone from the analysed words). */
const LIST_JOINS = new Set(["and", "or", "nor"]);
/** Words that may stand between the marker and the treatment ("without an operation", "avoid having surgery"). */
const FILLERS = new Set(["a", "an", "the", "any", "having", "getting", "doing", "going", "for", "to", "under", "that", "this", "those", "my", "his", "her", "be", "on", "have", "take", "taking", "go", "see", "seeing"]);
/** "before" rules out what follows only when the message asks for something else first ("before an operation, anything else to try?"). */
const ELSE_FIRST = /\b(else|other|first|try)\b/;

/** An asking clause that asks whether what was said is the cause ("could that be why", "is this the reason"). */
const POINTS_AT_A_CAUSE = /\b(that|this|it)\b.*\b(why|cause|caused|causing|reason)\b|\b(why|cause|reason)\b.*\b(that|this)\b/;
/** Denials of a habit: "never", "do not", "does not" (not "can not": what cannot be done is the complaint; not "did not": one time is no habit). */
function deniedActivity(span: Analysis["spans"][number], w: string[], analyzer: Analyzer): boolean {
  if (span.concepts.length === 0 || !span.concepts.every((c) => analyzer.kindOf(c) === "context")) return false;
  const k = span.start - 1;
  return w[k] === "never" || (w[k] === "not" && ["do", "does"].includes(w[k - 1] ?? ""));
}

/**
 * Treatments the message rules out: "Any other way without surgery? She is very scared" asks for
 * what is not surgery, so surgery is neither searched for nor the answer, like a treatment that
 * failed.
 */
function ruledOut(analysis: Analysis, analyzer: Analyzer): Set<string> {
  const out = new Set<string>();
  const w = analysis.words;
  const joined = w.join(" ");
  const elseFirst = ELSE_FIRST.test(joined);
  const asksOther = ASKS_OTHER.test(joined);
  const named = new Set<string>();
  // A ruled-out list runs on through "and", "or" and commas: "besides surgery and injections".
  let listEnd = -1;
  for (const span of analysis.spans) {
    const treatments = span.concepts.filter((c) => analyzer.kindOf(c) === "treatment");
    if (treatments.length === 0) continue;
    let k = span.start - 1;
    while (k >= 0 && span.start - k <= 3 && FILLERS.has(w[k])) k--;
    const continuesList = listEnd >= 0 && span.start - listEnd <= 2 && w.slice(listEnd, span.start).every((x) => LIST_JOINS.has(x) || FILLERS.has(x));
    const markedBy = (list: string[][]) => list.some((p) => p.every((x, j) => w[k - p.length + 1 + j] === x));
    const marked = continuesList || markedBy(RULING_OUT) || (asksOther && markedBy(NOT_WANTING)) || (w[k] === "before" && elseFirst);
    listEnd = marked ? span.end : -1;
    for (const c of treatments) (marked ? out : named).add(c);
  }
  // "which medicine can he buy without prescription": the medicine is also asked for, so it is not ruled out.
  for (const c of named) out.delete(c);
  return out;
}

/**
 * "tried rest and heat for weeks, not working, what's next": what the person has tried and says did
 * not help is not the answer. Sections headed by a treatment or activity the message names drop
 * below the others when it also says they were not enough.
 */
export function triedAlready(retrieval: Retrieval, analyzer: Analyzer, tried: Tried | null, previousSection?: string): Retrieval {
  if (!tried) return retrieval;
  // "and if none of that works", naming nothing: what failed is what the last answer advised, that
  // section and the ones under it ("Changes in Lifestyle and Home Remedies" and its "Rest").
  const pointsBack = tried.concepts.size === 0 && previousSection !== undefined && tried.analysis.concepts.every((c) => analyzer.kindOf(c) === "intent");
  if (tried.concepts.size === 0 && !pointsBack) return retrieval;
  const failed = (p: RetrievedPassage) =>
    pointsBack
      ? p.chunk.section === previousSection || p.chunk.headingPath.includes(previousSection!)
      : // A section under a heading of what failed or was ruled out is that too: no surgery rules out Laminectomy.
        p.chunk.headingPath.some((h) => analyzer.analyze(h).concepts.some((c) => tried.concepts.has(c)));
  const passages = retrieval.passages.map((p) => (failed(p) ? { ...p, score: p.score * 0.5 } : p)).sort((a, b) => b.score - a.score);
  return { ...retrieval, passages };
}

/** Words that say no object at all ("lift nothing heavy", "don't lift anything"). */
const NO_OBJECT = new Set(["nothing", "anything", "owt", "nowt", "much"]);

/**
 * The message to search with, without the words of what was tried: they tell the story, not what
 * is wanted, and a passage that repeats them ("start with rest, heat and stretches") is the advice
 * that already failed. "tried rest, heat, stretching, nothing working, what next?" then finds the
 * section on what comes after home treatment. Null when nothing was tried.
 */
export function searchWithoutTried(tried: Tried | null): string | null {
  if (!tried || tried.concepts.size === 0) return null;
  const a = tried.analysis;
  // "if stretching didn't work, what comes next" tried what precedes the failure; in "and if that
  // doesn't work, is surgery next?" surgery comes after it and is what is asked about.
  const failedAt = tried.conditional ? (a.spans.find((sp) => sp.concepts.includes("not_enough"))?.start ?? Infinity) : Infinity;
  const drop = new Set<number>();
  for (const span of a.spans) {
    if (span.end > failedAt || !span.concepts.some((c) => tried.concepts.has(c))) continue;
    for (let i = span.start; i < span.end; i++) drop.add(i);
    // The object of an activity said not to be done goes with it: "never lift nothing heavy" is no
    // question about being heavy.
    if (!tried.deniedEnds?.includes(span.end)) continue;
    let k = span.end;
    while (NO_OBJECT.has(a.words[k] ?? "")) drop.add(k++);
    if (k > span.end && a.words[k] === "heavy") drop.add(k);
  }
  if (drop.size === 0) return null;
  return a.words.filter((_, i) => !drop.has(i)).join(" ");
}
