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
  // One rule with its own question asks that, with its own answers when it has them; several (or
  // none with one) ask the general question.
  // A concern with guidance of its own (thoughts of suicide) is asked on its own, first: a "yes" to the
  // general question must not confirm it, nor its "yes" a spinal sign.
  const own = flags.check.map((id) => rules.rules.find((r) => r.id === id)).find((r) => r?.guidance && r.checkQuestion);
  if (own) return { question: own.checkQuestion, options: [...(own.checkOptions.length ? own.checkOptions : rules.guidance.checkOptions)], reasons: [own.id] };
  const rule = flags.check.length === 1 ? rules.rules.find((r) => r.id === flags.check[0]) : undefined;
  if (rule?.checkQuestion) return { question: rule.checkQuestion, options: [...(rule.checkOptions.length ? rule.checkOptions : rules.guidance.checkOptions)], reasons: [...flags.check] };
  return { question: rules.guidance.checkQuestion, options: [...rules.guidance.checkOptions], reasons: [...flags.check] };
}

/** What Lumbar keeps of a check question it asked, until the person answers it. */
export interface PendingCheck {
  reasons: string[];
  /** Who was asked: in a group chat only they can answer. */
  userId?: string;
  /** The question, to ask again once if the reply does not answer it. */
  question?: string;
  /** Its one-tap answers, when not the file's general ones (a rule's own question). */
  options?: string[];
  /** How many times it has been asked. */
  asked?: number;
  /** The message that raised it, answered once the person says "no" (kept in memory only, never logged). */
  text: string;
  /** That message was answered beside the question, so a "no" has nothing left to answer. */
  answered?: boolean;
}

// Yes and no in English and in the languages people most often mix with it (si, oui, sim, haan, opo...).
const YES = new Set(["yes", "y", "yeah", "yea", "yep", "yup", "ya", "yah", "aye", "correct", "true", "affirmative", "si", "oui", "sim", "haan", "han", "ha", "opo", "oo", "ja"]);
/** Half-yeses, a yes only as a short answer ("sometimes", "maybe a bit"): "maybe I should try physio" answers nothing. */
const YESISH = new Set(["sometimes", "maybe", "kinda", "occasionally", "often", "somewhat"]);
const NO = new Set(["no", "n", "nope", "nah", "na", "negative", "nothing", "neither", "none", "not", "non", "nao", "nahi", "nahin", "hindi", "nein"]);
/** Words that may open an answer without deciding it ("sadly yes", "unfortunately not"). */
const OPENERS = new Set(["sadly", "unfortunately", "well", "um", "erm", "er", "uh", "ok", "okay", "so", "actually", "honestly", "i", "think", "guess"]);
/** Words that may follow a short yes or no without changing it ("yes it is", "no not at all"). */
const FILLER = new Set(["it", "is", "i", "am", "they", "are", "he", "she", "this", "that", "happening", "now", "right", "not", "at", "all", "really", "just", "please", "thanks", "thank", "you", "definitely", "absolutely", "of", "course", "so", "afraid", "think", "the", "case", "does", "do", "has", "have", "did", "yes", "no"]);

/** Reads a reply to a check question: the text of an option (a button press) or a short typed yes or no. */
export function readCheckAnswer(text: string, options: string[]): "yes" | "no" | null {
  const said = normalizeText(text).trim();
  if (said === normalizeText(options[0]).trim()) return "yes";
  // The yes option typed without its "yes," ("thoughts like that"), or "I do": a yes.
  const yesOption = normalizeText(options[0]).trim().replace(/^yes,? /, "");
  if (yesOption && said === yesOption) return "yes";
  if (/^i do\b(?! not)/.test(said) && said.split(" ").length <= 4) return "yes";
  if (said === normalizeText(options[options.length - 1]).trim()) return "no";
  const all = words(said);
  let k = 0;
  while (k < all.length - 1 && OPENERS.has(all[k])) k++;
  const ws = all.slice(k);
  if (ws.length === 0) return null;
  const rest = ws.slice(1);
  if (YESISH.has(ws[0]) && ws.length <= 3 && !ws.some((w) => NO.has(w))) return "yes";
  // "yes since this morning", "yes both legs": a yes with detail is a yes, unless it also says no.
  if (YES.has(ws[0])) return rest.some((w) => NO.has(w)) ? null : "yes";
  // "no" only when nothing else is said: "no, it's my dad" is not a plain no.
  if (NO.has(ws[0])) return rest.length <= 5 && rest.every((w) => FILLER.has(w) || NO.has(w)) && !rest.some((w) => YES.has(w)) ? "no" : null;
  return null;
}

/**
 * The text is the option, in any case: a long message is not lowercased whole to find out
 * (lowercasing never shortens a string, so a text longer than the lowercased option cannot be it).
 */
function isOptionText(text: string, option: string): boolean {
  const said = text.trim();
  const wanted = option.toLowerCase();
  return said.length <= wanted.length && said.toLowerCase() === wanted;
}

const RANK = { emergency: 2, urgent: 1, none: 0 } as const;

/** A "yes" to the check: the rules it asked about now escalate, at their own tier. */
export function confirmCheck(flags: RedFlagResult, pending: PendingCheck, rules: RuleSet): RedFlagResult {
  const tiers = pending.reasons.map((id) => rules.rules.find((r) => r.id === id)?.tier ?? "emergency") as EscalationTier[];
  const confirmed = tiers.reduce<EscalationTier>((m, t) => (RANK[t] > RANK[m] ? t : m), "urgent");
  const level = RANK[confirmed] >= RANK[flags.level] ? confirmed : flags.level;
  return { ...flags, level, reasons: [...new Set([...pending.reasons, ...flags.reasons])], check: [], informational: false };
}

/** What the check question means for one message, before anything is answered. */
export interface CheckTurn {
  /** The red flags to act on: those of the message, or confirmed by a "yes". */
  flags: RedFlagResult;
  /** The message to answer: the one that raised the question when this turn answered it. */
  text: string;
  /** This turn answered the pending question; its turn is dropped from the history unless its message was already answered (which keeps its topic). */
  answered: boolean;
  /** The message that raised the answered question already had its answer, beside the question. */
  alreadyAnswered?: boolean;
  /** A new question: ask it, above the answer to the message that raised it. */
  ask: SafetyCheck | null;
  /** The pending question asked again beside the answer (the reply did not answer it). */
  askAgain: SafetyCheck | null;
  /** What to keep in the conversation until the next reply. */
  remember?: PendingCheck;
}

/**
 * Decides, for one message, how the safety check question stands: the message answers the one
 * asked last ("yes" escalates what it asked about, "no" goes on to the message that raised it),
 * raises a new one, or neither (the pending one is then asked again, once).
 */
export function resolveCheckTurn(input: {
  text: string;
  userId: string;
  flags: RedFlagResult;
  /** The question asked on the previous turn, if any. */
  last: PendingCheck | undefined;
  rules: RuleSet;
  maxChars: number;
}): CheckTurn {
  const { text, userId, rules } = input;
  // In a group chat only the person who was asked answers for themselves.
  const pending = input.last && (input.last.userId === undefined || input.last.userId === userId) ? input.last : undefined;
  const options = pending?.options ?? rules.guidance.checkOptions;
  const answer = pending ? readCheckAnswer(text, options) : null;
  if (pending && answer) {
    const flags = answer === "yes" ? confirmCheck(input.flags, pending, rules) : input.flags;
    return { flags, text: pending.text, answered: true, alreadyAnswered: pending.answered === true, ask: null, askAgain: null };
  }
  if (!pending) {
    // The "yes" button of a question this process no longer holds (a restart, an expired
    // conversation): the person has said it is happening now, so escalate all the same. A rule's
    // own "yes" confirms that rule (its guidance is its own); the general one, a red flag.
    const own = rules.rules.find((r) => r.checkOptions.length > 0 && isOptionText(text, r.checkOptions[0]));
    if (own || isOptionText(text, options[0])) {
      const flags = confirmCheck(input.flags, { reasons: [own?.id ?? "confirmed-by-check-answer"], text }, rules);
      return { flags, text, answered: false, ask: null, askAgain: null };
    }
  }
  const ask = safetyCheckFor(input.flags, rules);
  if (ask) {
    const own = ask.options.join("\n") === rules.guidance.checkOptions.join("\n") ? undefined : ask.options;
    const remember = { reasons: ask.reasons, text: text.slice(0, input.maxChars), userId, question: ask.question, options: own, asked: 1 };
    return { flags: input.flags, text, answered: false, ask, askAgain: null, remember };
  }
  if (pending?.question && input.flags.level === "none" && (pending.asked ?? 1) < 2) {
    const remember = { ...pending, asked: (pending.asked ?? 1) + 1 };
    return { flags: input.flags, text, answered: false, ask: null, askAgain: { question: pending.question, options: [...options], reasons: [...pending.reasons] }, remember };
  }
  // Someone else's question stays open in a group chat: another person's message must not drop it,
  // or the asked person's "yes" would find nothing to confirm.
  const othersOpen = input.last && !pending ? input.last : undefined;
  return { flags: input.flags, text, answered: false, ask: null, askAgain: null, remember: othersOpen };
}
