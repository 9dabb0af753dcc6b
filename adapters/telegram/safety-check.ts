import type { InlineKeyboardMarkup } from "telegraf/types";
import type { SafetyCheck } from "../../src/core/types.ts";
import { checkButtons, checkQuestionText } from "../shared/safety-check.ts";
import { packBlocks, type Block, type MessagePart } from "./message-parts.ts";

/** Prefix of the callback_data of a safety check button; the rest is the shared "<id>:<index>". */
export const CHECK_PREFIX = "chk:";
// Telegram clients cut long labels on screen; the whole option is what goes to the core.
const LABEL_LIMIT = 60;

/**
 * The check question as a message of its own, in bold, so it stands apart from any answer above it.
 * @param after blocks to show under the question in the same message (e.g. the disclaimer).
 */
export function renderCheck(check: SafetyCheck, after: Block[] = []): MessagePart[] {
  return packBlocks([{ text: checkQuestionText(check), style: "bold" }, ...after]);
}

/** One button per option, one per row, in the core's order; callback_data stays far below 64 bytes. */
export function checkKeyboard(check: SafetyCheck, id: string): InlineKeyboardMarkup {
  return { inline_keyboard: checkButtons(check, id, LABEL_LIMIT).map((b) => [{ text: b.label, callback_data: CHECK_PREFIX + b.data }]) };
}

/** The shared check payload in a button's callback_data, or undefined if it is not a check button. */
export function checkData(data: string | undefined): string | undefined {
  return data?.startsWith(CHECK_PREFIX) ? data.slice(CHECK_PREFIX.length) : undefined;
}
