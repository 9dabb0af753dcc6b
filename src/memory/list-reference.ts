import { expandChatForms } from "../text/chat-speak.ts";
import { normalizeText, words } from "../text/normalize.ts";

/**
 * A turn that picks one item of what the last answer listed: by its place ("the first one you
 * mentioned", "wat about the 3rd one", "the last one on the list", "number 4") or by a description
 * ("the disc one", "the one gymnasts get", "which of them is from a muscle").
 */
export type ListReference = { kind: "position"; position: number | "last" } | { kind: "description" };

const ORDINALS: Record<string, number> = {
  first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4,
  fifth: 5, "5th": 5, sixth: 6, "6th": 6, seventh: 7, "7th": 7, eighth: 8, "8th": 8,
};

// An ordinal counts only beside a word that makes it an item of a list: "the first one", "the 2nd
// thing you said", "the last one on the list", "the third of them"; not "the first time", "last
// night" or "first thing in the morning".
const ORDINAL_WORD = "(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|eighth|8th|last|final)";
const ORDINAL_ITEM = new RegExp(`\\b${ORDINAL_WORD} (one|ones|reason|option|point|item|bit|thing (you|u|they) (said|say|mentioned|mention|listed|wrote)|(on|in) (the|that|your|ur) list|of (them|those|these))\\b`);
/** Things the writer counted before an ordinal ("two epidurals", "3 injections", "both ops"). */
const COUNTED_BEFORE = /\b(two|three|four|five|both|several|a couple of|[2-9]) \w+s\b/;
/** A verb of what that item did, right after the ordinal ("the second one didn't help", "the first one wore off"). */
const TOLD_AFTER = /^ (did|didnt|was|wasnt|were|wore|worked|helped|made|went|hurt|gave|lasted|failed)\b/;

/** "number 4", "no 3", "reason 2", "option 1": a place in a list by its number. "a number 2", "do a number 2" is the toilet. */
const NUMBERED_ITEM = /(?<!\b(a|do|doing|did|done|go|for) )\b(number|no|reason|option|point|item) ([1-9])\b(?! (s|times|days|weeks|hours|mins|minutes|out of))/;
/**
 * "the disc one", "the turmeric one", "the one with the needle", "the one gymnasts get", "which of
 * them is...", "which one is the permanent one". Words that tell a side or a degree ("the right one",
 * "the other one", "the bad one") describe a leg or a day, not an item of the answer.
 */
const DESCRIBED_ONE = /\b(the|that) ((\w+ ){1,2})one\b/;
const ONE_WITH = /\bthe one (with|for|that|which|where|about|from|you|u|they|\w+s get|\w+ gets?)\b/;
const WHICH_OF = /\bwhich (one|ones|of (them|those|these|the two|the three))\b/;
const NOT_ITEMS = new Set(["left", "right", "other", "same", "next", "only", "new", "old", "big", "little", "small", "good", "bad", "worse", "better", "best", "sore", "painful", "worst", "main", "this", "that", "each", "every", "no", "any", "last", "first"]);

/** The list reference a turn makes, or null. */
export function listReference(text: string): ListReference | null {
  const t = expandChatForms(words(normalizeText(text))).join(" ");
  const ordinal = ORDINAL_ITEM.exec(t);
  // "I've had two epidurals, the second one didn't help": the ordinal counts the writer's own things.
  if (ordinal && (COUNTED_BEFORE.test(t.slice(0, ordinal.index)) || TOLD_AFTER.test(t.slice(ordinal.index + ordinal[0].length)))) return null;
  if (ordinal) return ordinal[1] === "last" || ordinal[1] === "final" ? { kind: "position", position: "last" } : { kind: "position", position: ORDINALS[ordinal[1]] };
  const numbered = NUMBERED_ITEM.exec(t);
  if (numbered) return { kind: "position", position: Number(numbered[3]) };
  const described = DESCRIBED_ONE.exec(t);
  if (described && words(described[2]).every((w) => !NOT_ITEMS.has(w) && !/^\d/.test(w))) return { kind: "description" };
  if (ONE_WITH.test(t) || WHICH_OF.test(t)) return { kind: "description" };
  return null;
}

/** How the sections of a version hang together: what is listed under a heading, and what a section sits under. */
export interface SectionTree {
  /** Sections directly under a heading, in corpus order. */
  childrenOf(section: string): string[] | undefined;
  /** The heading a section sits under. */
  parentOf(section: string): string | undefined;
}

const NUMBERED_HEADING = /^\d+\.\s/;

/**
 * The list the last answer named, in its order. An answer from a heading over a numbered list ("7
 * Reasons Back Pain Causes Leg Pain") or from one item of it ("1. Sciatica") named that list; any
 * other answer named the sections it quoted. A description may pick among those sections and the
 * sections under them ("the one gymnasts get" after the seven reasons).
 */
export function listNamedBy(lastSections: string[], tree: SectionTree, reference: ListReference): string[] {
  const first = lastSections[0];
  if (first === undefined) return [];
  const under = tree.childrenOf(first);
  const parent = tree.parentOf(first);
  if (reference.kind === "position") {
    if (under && under.length > 1 && tree.parentOf(first) !== undefined) return under;
    if (NUMBERED_HEADING.test(first) && parent !== undefined) return tree.childrenOf(parent) ?? lastSections;
    return [...new Set(lastSections)];
  }
  const pool = new Set<string>();
  for (const s of lastSections) {
    pool.add(s);
    // Only a heading's own list, not the whole article under its title.
    if (tree.parentOf(s) !== undefined) for (const c of tree.childrenOf(s) ?? []) pool.add(c);
  }
  if (NUMBERED_HEADING.test(first) && parent !== undefined) for (const c of tree.childrenOf(parent) ?? []) pool.add(c);
  return [...pool];
}

/** The item a position picks: 1-based, or the last. */
export function itemAt(list: string[], position: number | "last"): string | undefined {
  return position === "last" ? list[list.length - 1] : list[position - 1];
}
