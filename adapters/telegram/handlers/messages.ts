import type { Context } from "telegraf";
import type { MessageEntity } from "telegraf/types";
import {
  addressedText,
  chatPlace,
  isPrivate,
  messageLink,
  readableText,
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
 * A message with words in it that no command handler took: a text, or the caption of a photo,
 * document, video, voice note or animation (read like a text, red-flag check included). Answered
 * in a private chat, or in a group when the bot is mentioned or replied to. Unknown commands get
 * a pointer to /help.
 */
export async function onText(ctx: Context, deps: HandlerDeps): Promise<void> {
  const original = ctx.message;
  const words = original ? readableText(original) : undefined;
  if (!original || !words?.text || !original.from) return;
  const message: MessageLike = { ...(original as MessageLike), text: words.text, entities: words.entities };
  const me = identity(ctx);
  const place = chatPlace(message);
  const inGroup = !isPrivate(message.chat);

  const command = leadingCommand(words);
  if (command) {
    // In groups, a bare /command may be meant for another bot; answer only when it names us.
    if (!inGroup || command.to?.toLowerCase() === me.username.toLowerCase()) {
      await sendText(ctx.telegram, { chatId: place.chatId, threadId: place.threadId, replyTo: inGroup ? message.message_id : undefined }, UNKNOWN_COMMAND);
    }
    return;
  }

  const text = addressedText(message, me);
  if (text === null) return;
  if (text.length === 0) {
    await sendText(ctx.telegram, { chatId: place.chatId, threadId: place.threadId, replyTo: inGroup ? message.message_id : undefined }, EMPTY_QUESTION);
    return;
  }
  await answerQuestion(ctx.telegram, deps, {
    place,
    userId: String(original.from.id),
    text,
    messageId: message.message_id,
    messageLink: messageLink(message),
    replyToMessage: inGroup,
  });
}

/**
 * Stickers, photos, voice notes, documents and the like with no caption: a polite "text only" in
 * private chats, and in groups only when they reply to the bot (otherwise they are other people's chatter).
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

function leadingCommand(message: { text: string; entities: MessageEntity[] }): { name: string; to?: string } | undefined {
  const first = message.entities[0];
  if (first?.type !== "bot_command" || first.offset !== 0) return undefined;
  const [name, to] = message.text.slice(1, first.length).split("@");
  return { name: name ?? "", to };
}
