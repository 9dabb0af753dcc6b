import type { Context } from "telegraf";
import type { Message } from "telegraf/types";
import {
  addressedText,
  chatPlace,
  isPrivate,
  messageLink,
  repliesToBot,
  type BotIdentity,
  type MessageLike,
} from "../conversation.ts";
import { sendText } from "../send.ts";
import { EMPTY_QUESTION, TEXT_ONLY, UNKNOWN_COMMAND } from "../texts.ts";
import type { HandlerDeps } from "./deps.ts";
import { answerQuestion } from "./questions.ts";

// Messages a person sent on purpose that carry no text we can read. Service messages (members
// joining, pins…) are not in this list and are ignored.
const CONTENT_KEYS = [
  "sticker", "photo", "voice", "audio", "video", "video_note", "document", "animation",
  "location", "venue", "contact", "poll", "dice", "game", "story", "paid_media",
] as const;

/** The bot's own id and username, from the update's context. */
export function identity(ctx: Context): BotIdentity {
  return { id: ctx.botInfo.id, username: ctx.botInfo.username };
}

/**
 * A text message that no command handler took: a question in a private chat, or in a group when
 * the bot is mentioned or replied to. Unknown commands get a pointer to /help.
 */
export async function onText(ctx: Context, deps: HandlerDeps): Promise<void> {
  const message = ctx.message as Message.TextMessage | undefined;
  if (!message?.text || !message.from) return;
  const me = identity(ctx);
  const place = chatPlace(message);
  const inGroup = !isPrivate(message.chat);

  const command = leadingCommand(message);
  if (command) {
    // In groups, a bare /command may be meant for another bot; answer only when it names us.
    if (!inGroup || command.to?.toLowerCase() === me.username.toLowerCase()) {
      await sendText(ctx.telegram, { chatId: place.chatId, threadId: place.threadId, replyTo: inGroup ? message.message_id : undefined }, UNKNOWN_COMMAND);
    }
    return;
  }

  const text = addressedText(message as MessageLike, me);
  if (text === null) return;
  if (text.length === 0) {
    await sendText(ctx.telegram, { chatId: place.chatId, threadId: place.threadId, replyTo: inGroup ? message.message_id : undefined }, EMPTY_QUESTION);
    return;
  }
  await answerQuestion(ctx.telegram, deps, {
    place,
    userId: String(message.from.id),
    text,
    messageId: message.message_id,
    messageLink: messageLink(message),
    replyToMessage: inGroup,
  });
}

/**
 * Stickers, photos, voice notes, documents and the like: a polite "text only" in private chats,
 * and in groups only when they reply to the bot (otherwise they are other people's chatter).
 */
export async function onNonText(ctx: Context): Promise<void> {
  const message = ctx.message;
  if (!message || !CONTENT_KEYS.some((key) => key in message)) return;
  const me = identity(ctx);
  const inGroup = !isPrivate(message.chat);
  if (inGroup && !repliesToBot(message as MessageLike, me)) return;
  const place = chatPlace(message as MessageLike);
  await sendText(ctx.telegram, { chatId: place.chatId, threadId: place.threadId, replyTo: inGroup ? message.message_id : undefined }, TEXT_ONLY);
}

function leadingCommand(message: Message.TextMessage): { name: string; to?: string } | undefined {
  const first = message.entities?.[0];
  if (first?.type !== "bot_command" || first.offset !== 0) return undefined;
  const [name, to] = message.text.slice(1, first.length).split("@");
  return { name: name ?? "", to };
}
