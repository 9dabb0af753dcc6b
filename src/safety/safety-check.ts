import type { EscalationTier, SafetyCheck } from "../core/types.ts";
import { normalizeText, words } from "../text/normalize.ts";
import type { RedFlagResult } from "./detect-red-flags.ts";
import type { RuleSet } from "./rules.ts";

/**
 * The safety check question: asked when a message comes close to a red flag that its words cannot
 * settle. It never escalates by itself; the person's "yes" does, in the same conversation.
 */
export function safetyCheckFor(flags: RedFlagResult, rules: RuleSet): SafetyCheck | null {
  if (flags.check.length === 0 || flags.level === "emergency") return null;
  // One rule with its own question asks that; several (or none with one) ask the general question.
  const own = flags.check.length === 1 ? rules.rules.find((r) => r.id === flags.check[0])?.checkQuestion : "";
  return { question: own || rules.guidance.checkQuestion, options: [...rules.guidance.checkOptions], reasons: [...flags.check] };
}

/** What Lumbar keeps of a check question it asked, until the person answers it. */
export interface PendingCheck {
  reasons: string[];
  /** Who was asked: in a group chat only they can answer. */
  userId?: string;
  /** The question, to ask again once if the reply does not answer it. */
  question?: string;
  /** How many times it has been asked. */
  asked?: number;
  /** The message that raised it, answered once the person says "no" (kept in memory only, never logged). */
  text: string;
}

// Yes and no in English and in the languages people most often mix with it (si, oui, sim, haan, opo...).
const YES = new Set(["yes", "y", "yeah", "yea", "yep", "yup", "ya", "yah", "aye", "correct", "true", "affirmative", "si", "oui", "sim", "haan", "han", "ha", "opo", "oo", "ja"]);
const NO = new Set(["no", "n", "nope", "nah", "na", "negative", "nothing", "neither", "none", "not", "non", "nao", "nahi", "nahin", "hindi", "nein"]);
/** Words that may open an answer without deciding it ("sadly yes", "unfortunately not"). */
const OPENERS = new Set(["sadly", "unfortunately", "well", "um", "erm", "er", "uh", "ok", "okay", "so", "actually", "honestly", "i", "think", "guess"]);
/** Words that may follow a short yes or no without changing it ("yes it is", "no not at all"). */
const FILLER = new Set(["it", "is", "i", "am", "they", "are", "he", "she", "this", "that", "happening", "now", "right", "not", "at", "all", "really", "just", "please", "thanks", "thank", "you", "definitely", "absolutely", "of", "course", "so", "afraid", "think", "the", "case", "does", "do", "has", "have", "did", "yes", "no"]);

/** Reads a reply to a check question: the text of an option (a button press) or a short typed yes or no. */
export function readCheckAnswer(text: string, options: string[]): "yes" | "no" | null {
  const said = normalizeText(text).trim();
  if (said === normalizeText(options[0]).trim()) return "yes";
  if (said === normalizeText(options[options.length - 1]).trim()) return "no";
  const all = words(said);
  let k = 0;
  while (k < all.length - 1 && OPENERS.has(all[k])) k++;
  const ws = all.slice(k);
  if (ws.length === 0) return null;
  const rest = ws.slice(1);
  // "yes since this morning", "yes both legs": a yes with detail is a yes, unless it also says no.
  if (YES.has(ws[0])) return rest.some((w) => NO.has(w)) ? null : "yes";
  // "no" only when nothing else is said: "no, it's my dad" is not a plain no.
  if (NO.has(ws[0])) return rest.length <= 5 && rest.every((w) => FILLER.has(w) || NO.has(w)) && !rest.some((w) => YES.has(w)) ? "no" : null;
  return null;
}

const RANK = { emergency: 2, urgent: 1, none: 0 } as const;

/** A "yes" to the check: the rules it asked about now escalate, at their own tier. */
export function confirmCheck(flags: RedFlagResult, pending: PendingCheck, rules: RuleSet): RedFlagResult {
  const tiers = pending.reasons.map((id) => rules.rules.find((r) => r.id === id)?.tier ?? "emergency") as EscalationTier[];
  const confirmed = tiers.reduce<EscalationTier>((m, t) => (RANK[t] > RANK[m] ? t : m), "urgent");
  const level = RANK[confirmed] >= RANK[flags.level] ? confirmed : flags.level;
  return { ...flags, level, reasons: [...new Set([...pending.reasons, ...flags.reasons])], check: [], informational: false };
}
