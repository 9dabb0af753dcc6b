import type { Analyzer } from "../text/analyzer.ts";
import { normalizeText, words } from "../text/normalize.ts";
import type { Turn } from "./conversation-memory.ts";

/** Concepts that say what is asked, not what it is about: a question made only of these needs a topic. */
const INTENT = new Set(["treatment", "cause", "symptom", "quick", "risk", "overview", "summary", "recommended", "hope", "not_enough", "doctor", "prevention", "surgery", "home_remedy", "pain_medicine", "injection", "physical_therapy", "chiropractic", "stretch", "strengthen", "rest", "ice_heat"]);
const ANAPHORA = new Set(["it", "this", "that", "they", "them", "those", "these", "one", "ones"]);
const CONTINUATION = /^(and|also|what about|how about|so|ok so|then)\b/;

/**
 * Turns a follow-up into a stand-alone question by carrying the topic of the last turn:
 * "how is it treated?" after "what is spinal stenosis?" searches "how is it treated? spinal stenosis".
 * A question with a topic of its own is left alone.
 */
export function resolveFollowUp(text: string, history: Turn[], analyzer: Analyzer): { question: string; topic: string } {
  const alone = { question: text, topic: "" };
  const last = history[history.length - 1];
  if (!last) return alone;
  const a = analyzer.analyze(analyzer.correctText(text));
  const hasTopic = a.concepts.some((c) => !INTENT.has(c)) || a.residual.some((s) => s.length >= 5 && !/^(treat|work|help|pain|back|thing)/.test(s));
  if (hasTopic) return alone;
  const ws = words(normalizeText(text));
  // A short message follows up only if it asks something ("treatment?"), not "thanks!" or "ok bye".
  const refers = ws.some((w) => ANAPHORA.has(w)) || CONTINUATION.test(normalizeText(text).trim()) || (ws.length <= 4 && a.concepts.some((c) => INTENT.has(c)));
  if (!refers) return alone;
  return { question: text, topic: topicOf(last.query, analyzer) };
}

/** The words of a question that carry its topic (not its question words or intent). */
function topicOf(query: string, analyzer: Analyzer): string {
  const a = analyzer.analyze(analyzer.correctText(query));
  const topical = a.concepts.filter((c) => !INTENT.has(c));
  if (topical.length === 0) return query;
  // Keep the words of the original query that belong to a topical concept or are not intent words.
  return words(normalizeText(analyzer.correctText(query)))
    .filter((w) => {
      const one = analyzer.analyze(w);
      return one.stems.length > 0 && (one.concepts.length === 0 ? one.residual.length > 0 && !/^(what|how|is|are)$/.test(w) : one.concepts.some((c) => !INTENT.has(c)));
    })
    .join(" ");
}
