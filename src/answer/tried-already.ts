import type { Retrieval, RetrievedPassage } from "../retrieve/hybrid-retriever.ts";
import type { Analyzer } from "../text/analyzer.ts";
import { normalizeText } from "../text/normalize.ts";
import { askingText, isConditional } from "./asking-clauses.ts";

/**
 * "tried rest and heat for weeks, not working, what's next": what the person has tried and says did
 * not help is not the answer. Sections headed by a treatment or activity the message names drop
 * below the others when it also says they were not enough.
 */
export function triedAlready(retrieval: Retrieval, analyzer: Analyzer, text: string, previousSection?: string): Retrieval {
  const own = analyzer.analyze(analyzer.correctText(text)).concepts;
  if (!own.includes("not_enough")) return retrieval;
  // What the asking clause names is what is asked about ("physio hasn't worked, is surgery next?"),
  // unless it is the condition itself: in "what if pills don't work" the pills are what failed.
  const asked = new Set(isConditional(normalizeText(text)) ? [] : analyzer.analyze(analyzer.correctText(askingText(text))).concepts);
  const tried = new Set(own.filter((c) => ["treatment", "context"].includes(analyzer.kindOf(c)) && !asked.has(c)));
  // "and if none of that works", naming nothing: what failed is what the last answer advised, that
  // section and the ones under it ("Changes in Lifestyle and Home Remedies" and its "Rest").
  const pointsBack = tried.size === 0 && previousSection !== undefined && own.every((c) => analyzer.kindOf(c) === "intent");
  if (tried.size === 0 && !pointsBack) return retrieval;
  const failed = (p: RetrievedPassage) =>
    pointsBack ? p.chunk.section === previousSection || p.chunk.headingPath.includes(previousSection!) : analyzer.analyze(p.chunk.section).concepts.some((c) => tried.has(c));
  const passages = retrieval.passages.map((p) => (failed(p) ? { ...p, score: p.score * 0.5 } : p)).sort((a, b) => b.score - a.score);
  return { ...retrieval, passages };
}
