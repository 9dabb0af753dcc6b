import type { IndexSnapshot } from "../index/snapshot.ts";
import { applySelfClaims, applySelfDenials, detectRedFlags, summarize, type RedFlagResult } from "./detect-red-flags.ts";
import { NOT_ENGLISH_CHECK, readLanguage } from "./language.ts";
import { readOtherLanguages } from "./languages.ts";
import type { RuleSet } from "./rules.ts";
import { semanticHits } from "./semantic-backup.ts";

/**
 * The red-flag check run on every message before anything else: rules first, then the semantic
 * back-up for clauses the rules did not touch at all (a clause a rule found denied stays denied).
 * A message in another language, or mixing one in, is then read with the other languages' lexicon
 * (corpus/red-flags-languages.yml) for the emergencies it can compose.
 */
export async function checkRedFlags(snapshot: IndexSnapshot, text: string, options: { semantic?: boolean; threshold?: number } = {}): Promise<RedFlagResult> {
  const result = withOwnConcernsAsked(snapshot.rules, await checkInEnglish(snapshot, text, options));
  if (result.level === "emergency") return result;
  // Read once for both questions below; an English message costs what it always did.
  const signs = readLanguage(text, (w) => snapshot.analyzer.knows(w));
  const other = signs.otherLanguage || signs.mostlyNotEnglish ? inOtherLanguages(snapshot.rules, text, result) : null;
  if (other) return other;
  // A message mostly in another language cannot be read by the rules: ask rather than pass it.
  if (signs.mostlyNotEnglish) return { ...result, check: [...result.check, NOT_ENGLISH_CHECK], informational: false };
  return result;
}

/**
 * A spinal emergency asks no check question, but hopelessness beside it ("only a trickle when I pee
 * and what's the point of anything anymore") is not a spinal near miss: a rule with guidance of its
 * own that was near-missed joins the escalation, so the person also gets its help lines and the
 * operator sees it (better said once too often than missed under another emergency).
 */
function withOwnConcernsAsked(rules: RuleSet, result: RedFlagResult): RedFlagResult {
  if (result.level !== "emergency") return result;
  const own = [...new Set(result.hits.filter((h) => (h.status === "current" || h.status === "uncertain") && ruleById(rules, h.ruleId)?.guidance).map((h) => h.ruleId))];
  const added = own.filter((id) => !result.reasons.includes(id));
  return added.length ? { ...result, reasons: [...result.reasons, ...added] } : result;
}

/**
 * An emergency the other languages' lexicon reads as happening now, added to what the English rules
 * found; null when it reads none (denied, supposed, or nothing it knows), which leaves the message as before.
 */
function inOtherLanguages(rules: RuleSet, text: string, english: RedFlagResult): RedFlagResult | null {
  if (!rules.languages) return null;
  const reading = readOtherLanguages(text, rules.languages, new Set(english.hits.map((h) => h.ruleId)));
  if (reading.current.length === 0) return null;
  const hits = reading.hits
    .filter((h) => h.status === "current")
    .map((h) => ({ ruleId: h.rule, tier: "emergency" as const, status: "current" as const, via: "language" as const, span: h.span }));
  const language = reading.language;
  return {
    ...english,
    level: "emergency",
    reasons: [...new Set([...reading.current, ...english.reasons])],
    check: [],
    informational: false,
    hits: [...english.hits, ...hits],
    otherLanguage: language ? { code: language.code, name: language.name, guidance: language.guidance } : undefined,
  };
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
  applySelfDenials(hits, ruled.tokens);
  return summarize(hits, ruled.tokens);
}

/**
 * What a person is told for an escalated result: the text of each escalating rule that has its own
 * (thoughts of suicide need their own words and help lines, not "the nerves may be squeezed"), and
 * the tier's text when a red flag without its own escalated, or a "yes" confirmed one without naming
 * it. An emergency read in another language adds its short line in that language ("Vaya a
 * urgencias..."). Undefined when nothing escalated.
 */
export function escalationGuidance(rules: RuleSet, flags: RedFlagResult): string | undefined {
  if (flags.level === "none") return undefined;
  const own = [...new Set(flags.reasons.map((id) => ruleById(rules, id)?.guidance ?? "").filter(Boolean))];
  const tier = tierGuidanceApplies(rules, flags);
  const tierText = tier === "emergency" ? withLanguageLine(rules.guidance.emergency, flags) : tier === "urgent" ? rules.guidance.urgent : "";
  return [...own, tierText].filter(Boolean).join("\n\n");
}

/**
 * What a later reply repeats after earlier emergencies in the conversation: the reminder of each
 * rule that escalated (its own help lines), and the general `still` line for a spinal sign, or for
 * a turn remembered without its rules.
 */
export function reminderGuidance(rules: RuleSet, earlier: Array<{ escalation?: string; reasons?: string[] }>, still: string): string | undefined {
  const emergencies = earlier.filter((t) => t.escalation === "emergency");
  if (emergencies.length === 0) return undefined;
  const own = new Set<string>();
  let general = false;
  for (const turn of emergencies) {
    const reasons = turn.reasons ?? [];
    if (reasons.length === 0) general = true;
    for (const id of reasons) {
      const rule = ruleById(rules, id);
      if (rule?.guidance) own.add(rule.reminder || rule.guidance);
      else general = true;
    }
  }
  return [...own, general ? still : ""].filter(Boolean).join("\n\n");
}

/**
 * The tier whose general text applies: the highest tier among escalating reasons that have no
 * guidance of their own (a reason that names no rule, such as a confirmed check, counts as the
 * result's level). Null when every reason has its own: the care section on back pain is not cited then.
 */
export function tierGuidanceApplies(rules: RuleSet, flags: RedFlagResult): "emergency" | "urgent" | null {
  if (flags.level === "none") return null;
  const general = flags.reasons.map((id) => ruleById(rules, id)).filter((r) => !r?.guidance);
  if (general.length === 0 && flags.reasons.length > 0) return null;
  if (general.length === 0 || general.some((r) => (r?.tier ?? flags.level) === "emergency")) return flags.level === "emergency" ? "emergency" : "urgent";
  return "urgent";
}

/**
 * The informational note (the emergency signs of the spine) belongs to a supposed or asked-about
 * spinal red flag, not to a question about suicide ("does chronic pain make people suicidal?").
 */
export function informationalApplies(rules: RuleSet, flags: RedFlagResult): boolean {
  return flags.informational && flags.hits.some((h) => h.status === "hypothetical" && h.tier === "emergency" && h.via !== "check" && !ruleById(rules, h.ruleId)?.guidance);
}

/**
 * A check question about a concern with guidance of its own ("are you having thoughts of ending your
 * life?") is asked alone: an article passage under it would answer the wrong thing.
 */
export function checkStandsAlone(rules: RuleSet, reasons: string[]): boolean {
  return reasons.some((id) => Boolean(ruleById(rules, id)?.guidance));
}

function ruleById(rules: RuleSet, id: string) {
  return rules.rules.find((r) => r.id === id);
}

function withLanguageLine(text: string, flags: RedFlagResult): string {
  const line = flags.otherLanguage?.guidance;
  return line ? `${text}\n\n${line}` : text;
}
