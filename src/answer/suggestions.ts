import type { Chunk } from "../corpus/chunk.ts";

/** A heading turned into a question a person could tap: "Q. ..." as written, "1. Sciatica" as "What is sciatica?". */
export function headingAsQuestion(heading: string): string {
  const q = /^Q\.\s*(.+)$/.exec(heading);
  if (q) return q[1];
  const numbered = /^\d+\.\s*(.+)$/.exec(heading);
  if (numbered) return `What is ${numbered[1].toLowerCase()}?`;
  if (/\?$/.test(heading)) return heading;
  return `Tell me about ${lowerTitleCase(heading)}`;
}

/** "Back Pain Symptoms" -> "back pain symptoms", leaving acronyms such as "PT" alone. */
function lowerTitleCase(s: string): string {
  return s.replace(/\b([A-Z])([a-z’']*)\b/g, (_, a: string, b: string) => a.toLowerCase() + b);
}

/** Sections worth offering: not the article's own title section, which only introduces it. */
function offerable(chunks: Chunk[]): Set<string> {
  return new Set(chunks.filter((c) => c.headingPath.length > 1).map((c) => c.section));
}

/** Questions people commonly start with, used when nothing related is known. */
export function defaultSuggestions(chunks: Chunk[], count = 3): string[] {
  const sections = [...offerable(chunks)];
  const faqs = sections.filter((s) => s.startsWith("Q. "));
  const numbered = sections.filter((s) => /^\d+\.\s/.test(s));
  const picks = [numbered[0], faqs[0], faqs[faqs.length - 1], ...faqs, ...numbered].filter((s): s is string => Boolean(s));
  return [...new Set(picks.map(headingAsQuestion))].slice(0, count);
}

/** Follow-ups from sections retrieved near the answer but not used in it. */
export function relatedSuggestions(sections: string[], used: string[], chunks: Chunk[], count = 3): string[] {
  const ok = offerable(chunks);
  const fresh = [...new Set(sections)].filter((s) => !used.includes(s) && ok.has(s)).map(headingAsQuestion);
  const more = defaultSuggestions(chunks, count + used.length).filter((q) => !fresh.includes(q) && !used.map(headingAsQuestion).includes(q));
  return [...fresh, ...more].slice(0, count);
}
