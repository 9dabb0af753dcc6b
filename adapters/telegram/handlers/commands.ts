import type { Context } from "telegraf";
import { chatPlace, type MessageLike } from "../conversation.ts";
import { sendText } from "../send.ts";
import { helpText, welcomeText } from "../texts.ts";
import { identity } from "./messages.ts";

/** /start: a short welcome saying what Lumbar can and cannot do, and that it is not a doctor. */
export async function onStart(ctx: Context): Promise<void> {
  await replyPlain(ctx, welcomeText(identity(ctx).username));
}

/** /help: how to ask, in private and in groups. */
export async function onHelp(ctx: Context): Promise<void> {
  await replyPlain(ctx, helpText(identity(ctx).username));
}

/** Sends fixed text to the chat (and forum topic) the command came from. */
export async function replyPlain(ctx: Context, text: string): Promise<void> {
  if (!ctx.message) return;
  const place = chatPlace(ctx.message as MessageLike);
  await sendText(ctx.telegram, { chatId: place.chatId, threadId: place.threadId }, text);
}
