import { expandChatForms } from "../text/chat-speak.ts";
import { normalizeText } from "../text/normalize.ts";

/** Words that open a question when they start a clause ("what...", "can I...", "is it..."). */
const QUESTION_START = /^(what|whats|how|hows|why|when|where|which|who|whos|whose|is|are|am|was|were|do|does|did|can|could|should|would|will|shall|may|might|any|anything|tell (me|us|the|which|what|how|if|whether)|explain|advise|suggest)\b(?! not\b)/;

/**
 * Discourse markers before the question word ("anyway what helps", "so my question is how...") turn
 * the talk towards the question; they are not part of it.
 */
// ("just" as well: "just tell me which one I have" asks, "just had surgery" still tells.)
const DISCOURSE_MARKERS = /^((and|so|ok|okay|also|then|well|but|hi|hey|please|pls|kindly|just|anyway|anyways|btw|basically|um+|uh+|oh|right|finally|lastly|plus|my (main |real )?question is|question)\s+)+/;

/**
 * A question that starts inside a run-on clause ("my husbands mri says herniated disc L5 what does
 * that mean", "at what point do I see a doctor"): a question word followed, within two words, by
 * an auxiliary before its subject ("does that", "do I") or by "causes"/"helps"/"happens". A clause
 * that only tells ("when I am sitting", "who is a nurse") has no such inversion. The words before
 * the question tell the story.
 */
const QUESTION_INSIDE = /\s(what|how|why|when|where|which|who)\s+([a-z]+\s+){0,2}?((do|does|did|is|are|was|were|can|could|should|would|will|shall|am)\s+(i|you|it|this|that|he|she|they|we|my|your|his|her|the|there|these|those)\b|(causes?|helps?|happens?)\b)(?! not\b)/g;

/** The asking part of one clause: from a question that starts inside it, else the clause as it is. */
function askingPart(clause: string, opens: (c: string) => boolean): string | null {
  if (opens(clause)) return clause;
  const expanded = expandChatForms(clause.split(/\s+/)).join(" ");
  const inside = [...expanded.matchAll(QUESTION_INSIDE)].pop();
  if (inside?.index !== undefined) return expanded.slice(inside.index + 1);
  return clause.endsWith("?") ? clause : null;
}

/**
 * The part of a message that asks: its clauses that end in "?" or open with a question word, from
 * the question word on when the question starts inside a run-on clause. The
 * rest tells the story ("I hurt my back walking the dog", "can't afford physio right now") and says
 * nothing about what kind of answer is wanted. A message with no asking clause ("ibuprofen dose for
 * sciatica") is all asking.
 */
export function askingText(text: string): string {
  return askingClauses(text).join(" . ") || normalizeText(text);
}

/** True when some part of the message asks something, not only reports symptoms (see {@link askingText}). */
export function asksSomething(text: string): boolean {
  return askingClauses(text).length > 0;
}

export function askingClauses(text: string): string[] {
  const clauses = clausesOf(text);
  // Chat forms open questions too ("wat shud i change", "hw do i lift").
  const opens = (c: string) => QUESTION_START.test(expandChatForms(c.split(/\s+/)).join(" ").replace(DISCOURSE_MARKERS, ""));
  return clauses.map((c) => askingPart(c, opens)).filter((c): c is string => c !== null);
}

/**
 * A message that opens with "if" (after "and", "so", "what"...): "what if it's just tingling", "and
 * if they don't work?". It asks the last question again under a new circumstance, and what it names
 * is the circumstance, not what is asked about.
 */
export function isConditional(normalized: string): boolean {
  return /^((and|so|but|ok|okay|what|oh)\s+)*if\b/.test(normalized.trim());
}

function clausesOf(text: string): string[] {
  return normalizeText(text)
    .split(/(?<=[?])|[.,;:!\n]+|\s+-\s+|\bbut\b/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** A clause that names what the question is about before asking it: "going back to the opioid thing, why...". */
const NAMES_SUBJECT = /^(going back to|back to|coming back to|about|regarding|re|as for|as regards|on the subject of)\b/;

/** The clauses that name the subject of the question that follows ("going back to the opioid thing"). */
export function subjectClauses(text: string): string[] {
  return clausesOf(text).filter((c) => NAMES_SUBJECT.test(c.replace(DISCOURSE_MARKERS, "")));
}
