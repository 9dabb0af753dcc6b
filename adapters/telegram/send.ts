import { TelegramError, type Telegram } from "telegraf";
import type { InlineKeyboardMarkup } from "telegraf/types";
import type { Logger } from "../../src/log/logger.ts";
import { errorFields, pseudonym } from "./log-fields.ts";
import type { MessagePart } from "./message-parts.ts";

/** Where a message goes. */
export interface Destination {
  chatId: number | string;
  /** Forum topic to post in. */
  threadId?: number;
  /** The message being answered; the first part replies to it (used in groups). */
  replyTo?: number;
}

/** Options for {@link sendParts}. */
export interface SendOptions {
  /** Attached to the last part only, so the buttons sit under the end of the answer. */
  keyboard?: InlineKeyboardMarkup;
  logger: Logger;
}

/**
 * Sends the parts in order as HTML. If Telegram cannot parse a part's HTML (400 "can't parse
 * entities"), that part is sent again as plain text rather than lost.
 */
export async function sendParts(telegram: Telegram, to: Destination, parts: MessagePart[], options: SendOptions): Promise<void> {
  for (const [i, part] of parts.entries()) {
    const extra = {
      ...(to.threadId !== undefined ? { message_thread_id: to.threadId } : {}),
      ...(i === 0 && to.replyTo !== undefined
        ? { reply_parameters: { message_id: to.replyTo, allow_sending_without_reply: true } }
        : {}),
      ...(i === parts.length - 1 && options.keyboard ? { reply_markup: options.keyboard } : {}),
      link_preview_options: { is_disabled: true },
    };
    try {
      await telegram.sendMessage(to.chatId, part.html, { ...extra, parse_mode: "HTML" });
    } catch (error) {
      if (!isParseError(error)) throw error;
      options.logger.warn("telegram.html_rejected", { chat: pseudonym(to.chatId), part: i, error: errorFields(error) });
      await telegram.sendMessage(to.chatId, part.plain, extra);
    }
  }
}

/** Sends a short fixed text (no formatting, so nothing to escape). */
export async function sendText(telegram: Telegram, to: Destination, text: string): Promise<void> {
  await telegram.sendMessage(to.chatId, text, {
    ...(to.threadId !== undefined ? { message_thread_id: to.threadId } : {}),
    ...(to.replyTo !== undefined ? { reply_parameters: { message_id: to.replyTo, allow_sending_without_reply: true } } : {}),
  });
}

function isParseError(error: unknown): boolean {
  return error instanceof TelegramError && error.code === 400 && /can't parse entities/i.test(error.description ?? "");
}
