import type { IndexSnapshot } from "../index/snapshot.ts";
import { applySelfClaims, detectRedFlags, summarize, type RedFlagResult } from "./detect-red-flags.ts";
import { mostlyNotEnglish, NOT_ENGLISH_CHECK } from "./language.ts";
import { semanticHits } from "./semantic-backup.ts";

/**
 * The red-flag check run on every message before anything else: rules first, then the semantic
 * back-up for clauses the rules did not touch at all (a clause a rule found denied stays denied).
 */
export async function checkRedFlags(snapshot: IndexSnapshot, text: string, options: { semantic?: boolean; threshold?: number } = {}): Promise<RedFlagResult> {
  const result = await checkInEnglish(snapshot, text, options);
  // A message mostly in another language cannot be read by the rules: ask rather than pass it.
  if (result.level !== "emergency" && mostlyNotEnglish(text, (w) => snapshot.analyzer.knows(w))) return { ...result, check: [...result.check, NOT_ENGLISH_CHECK], informational: false };
  return result;
}

async function checkInEnglish(snapshot: IndexSnapshot, text: string, options: { semantic?: boolean; threshold?: number }): Promise<RedFlagResult> {
  // A long message repeats its words: each distinct word is spell-checked once.
  const corrected = new Map<string, string>();
  const correct = (w: string): string => {
    let c = corrected.get(w);
    if (c === undefined) corrected.set(w, (c = snapshot.analyzer.correct(w)));
    return c;
  };
  const ruled = detectRedFlags(text, snapshot.rules, correct);
  if (options.semantic === false) return ruled;
  const touched = new Set(ruled.hits.map((h) => ruled.tokens[h.span.start]?.clause));
  // The back-up may depend on a remote embedder: if it fails, what the rules found still stands.
  // Clauses a rule already judged are not compared at all.
  const extra = await semanticHits(snapshot, ruled.tokens, options.threshold, touched).catch(() => []);
  if (extra.length === 0) return ruled;
  const hits = [...ruled.hits, ...extra];
  applySelfClaims(hits, ruled.tokens);
  return summarize(hits, ruled.tokens);
}
