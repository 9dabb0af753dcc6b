import { randomBytes } from "node:crypto";
import type { InlineKeyboardMarkup } from "telegraf/types";
import { ExpiringMap } from "../shared/expiring-map.ts";

/** Prefix of the callback_data of a suggestion button. */
export const SUGGESTION_PREFIX = "ask:";
// Button labels longer than this are cut on screen anyway; the full question is kept server-side.
const LABEL_LIMIT = 60;

/**
 * Remembers suggested questions under short random ids. callback_data is limited to 64 bytes, and
 * a suggestion can be longer (and non-ASCII), so the button carries only the id.
 */
export class SuggestionStore {
  private readonly entries: ExpiringMap<string>;

  /**
   * @param ttlMs how long a button keeps working. Defaults to 24 hours.
   * @param maxSize the most suggestions kept; the oldest are forgotten first.
   * @param now clock, injectable for tests.
   */
  constructor(ttlMs = 24 * 60 * 60 * 1000, maxSize = 20_000, now: () => number = Date.now) {
    this.entries = new ExpiringMap(ttlMs, maxSize, now);
  }

  /** Stores a suggestion and returns the id to put in callback_data. */
  put(text: string): string {
    const id = randomBytes(6).toString("base64url");
    this.entries.set(id, text);
    return id;
  }

  /** The suggestion behind an id, or undefined when it is unknown or expired (e.g. after a restart). */
  get(id: string): string | undefined {
    return this.entries.get(id);
  }
}

/** One button per suggestion, each asking that question when tapped; undefined when there are none. */
export function suggestionKeyboard(suggestions: string[], store: SuggestionStore): InlineKeyboardMarkup | undefined {
  const questions = suggestions.map((s) => s.trim()).filter((s) => s.length > 0);
  if (questions.length === 0) return undefined;
  return {
    inline_keyboard: questions.map((q) => [{ text: label(q), callback_data: SUGGESTION_PREFIX + store.put(q) }]),
  };
}

/** The suggestion id in a button's callback_data, or undefined if it is not a suggestion button. */
export function suggestionId(data: string | undefined): string | undefined {
  return data?.startsWith(SUGGESTION_PREFIX) ? data.slice(SUGGESTION_PREFIX.length) : undefined;
}

function label(question: string): string {
  const chars = Array.from(question);
  return chars.length <= LABEL_LIMIT ? question : chars.slice(0, LABEL_LIMIT - 1).join("") + "…";
}
