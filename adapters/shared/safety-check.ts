import { randomBytes } from "node:crypto";
import type { SafetyCheck } from "../../src/core/types.ts";
import { ExpiringMap } from "./expiring-map.ts";

/**
 * Safety check questions on chat platforms with buttons (Slack, Telegram). The core asks one when
 * a message comes close to a red flag it cannot settle; the person's answer goes back to the core
 * as an ordinary message whose text is the option they pressed. This module is the one place that
 * words the question and maps a button press back to that text, for every channel.
 *
 * A button carries only a short id and the option's index (Telegram allows 64 bytes of
 * callback_data, and message text does not belong in button payloads); the options themselves and
 * who was asked are kept here, in memory.
 */

/** The question as shown above its buttons, on every channel. */
export function checkQuestionText(check: SafetyCheck): string {
  return `Safety check: ${check.question.trim()}`;
}

/** The line that replaces the buttons once an option was chosen. */
export function checkAnsweredText(option: string): string {
  return `Answered: ${option}`;
}

/**
 * Shown when a pressed check is no longer remembered (after a restart, or a day later). Under 200
 * characters: Telegram shows it in a button's popup.
 */
export const CHECK_EXPIRED =
  "I no longer have that question on record. Please type your answer, for example yes or no. If this is an emergency, call your local emergency number now (911, 999 or 112).";

/** Shown to someone who presses a check asked of another person (in a group or channel thread). */
export const CHECK_NOT_YOURS = "This question was for the person who asked. If you need help yourself, please send me a message.";

/** Shown when the same check is pressed again after it was answered (cut to fit a 200-character popup). */
export function checkAlreadyAnsweredText(option: string): string {
  return `Already answered: ${truncate(option, 180)}`;
}

/** One button of a check: what it shows and the payload it carries ("<id>:<index>", ASCII, under 20 bytes). */
export interface CheckButton {
  label: string;
  data: string;
}

/**
 * One button per option, in the core's order (the first means "yes, now", the last "no").
 *
 * @param labelLimit longest label the platform shows in full; longer options are cut with "…" on
 *   the button only (the answer sent to the core is always the whole option).
 */
export function checkButtons(check: SafetyCheck, id: string, labelLimit: number): CheckButton[] {
  return check.options.map((option, index) => ({ label: truncate(option.trim(), labelLimit), data: `${id}:${index}` }));
}

/** Who a check was asked of, and where. */
export interface CheckAsked {
  conversationId: string;
  userId: string;
}

/** What a button press comes to. */
export type CheckPress =
  /** First press by the person asked: send `text` to the core as their message. */
  | { kind: "answer"; text: string; index: number }
  /** The check was answered already (a double tap, or a second device): `text` is the answer given. */
  | { kind: "answered"; text: string }
  /** Someone other than the person asked pressed it. */
  | { kind: "not-yours" }
  /** Unknown or expired id, or a payload that is not a check's. */
  | { kind: "expired" };

interface OpenCheck extends CheckAsked {
  options: string[];
  answer?: string;
}

/** Options for {@link SafetyChecks}. */
export interface SafetyChecksOptions {
  /** How long a check's buttons keep working, in milliseconds. Defaults to 24 hours. */
  ttlMs?: number;
  /** The most checks remembered; the oldest are forgotten first. Defaults to 20,000. */
  maxSize?: number;
  now?: () => number;
}

/**
 * The checks shown with buttons and not yet expired. The first press by the person asked wins;
 * later presses (double taps, other people) get an outcome the adapter can explain, never a second
 * message to the core.
 */
export class SafetyChecks {
  private readonly open: ExpiringMap<OpenCheck>;

  constructor(options: SafetyChecksOptions = {}) {
    this.open = new ExpiringMap(options.ttlMs ?? 24 * 60 * 60 * 1000, options.maxSize ?? 20_000, options.now ?? Date.now);
  }

  /** Remembers a check about to be shown and returns the id its buttons carry (8 URL-safe characters). */
  remember(check: SafetyCheck, asked: CheckAsked): string {
    const id = randomBytes(6).toString("base64url");
    this.open.set(id, { ...asked, options: check.options.map((o) => o.trim()) });
    return id;
  }

  /**
   * Maps a pressed button's payload to what happens next. Only the person the check was asked of,
   * in the conversation it was asked in, can answer it, and only once.
   *
   * @param label the pressed button's text as the platform sent it back with the press. A check no
   *   longer on record (after a restart) is then still answered when its FIRST option was pressed:
   *   that option always means "yes, this is happening now", and the core reads its text as a yes
   *   even without the question (a rule's own yes, "Yes, thoughts like that", confirms that rule and
   *   brings its own help lines). Anything else pressed on an expired check asks the person to type.
   */
  press(data: string, by: CheckAsked, label?: string): CheckPress {
    const parsed = parseCheckData(data);
    if (!parsed) return { kind: "expired" };
    const entry = this.open.get(parsed.id);
    if (!entry) return this.pressExpired(parsed, by, label);
    const text = entry.options[parsed.index];
    if (text === undefined || entry.conversationId !== by.conversationId) return { kind: "expired" };
    if (entry.userId !== by.userId) return { kind: "not-yours" };
    if (entry.answer !== undefined) return { kind: "answered", text: entry.answer };
    entry.answer = text;
    return { kind: "answer", text, index: parsed.index };
  }

  private pressExpired(parsed: { id: string; index: number }, by: CheckAsked, label: string | undefined): CheckPress {
    const text = label?.trim() ?? "";
    // A label cut to fit the button ("…") is not the option's text: the core could not read it as a yes.
    if (parsed.index !== 0 || text === "" || text.endsWith("…")) return { kind: "expired" };
    // Remembered as answered by this person only (whom the check was asked of is no longer known:
    // in a group, someone else's press must not lock out the person asked), so their double tap
    // sends nothing more.
    const key = `${parsed.id}#${by.userId}`;
    if (this.open.get(key)) return { kind: "answered", text };
    this.open.set(key, { ...by, options: [text], answer: text });
    return { kind: "answer", text, index: 0 };
  }
}

/** The id and option index in a check button's payload, or undefined if it is not one. */
export function parseCheckData(data: string | undefined): { id: string; index: number } | undefined {
  const m = /^([A-Za-z0-9_-]{1,32}):(\d{1,2})$/.exec(data ?? "");
  return m ? { id: m[1]!, index: Number(m[2]) } : undefined;
}

function truncate(text: string, limit: number): string {
  const chars = Array.from(text);
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join("")}…`;
}
