import type { Chat, MessageEntity } from "telegraf/types";

/** The bot itself, as getMe reports it. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** The parts of a Telegram message this adapter looks at (a subset of the Bot API's Message). */
export interface MessageLike {
  message_id: number;
  chat: Chat;
  message_thread_id?: number;
  is_topic_message?: boolean;
  text?: string;
  entities?: MessageEntity[];
  reply_to_message?: { from?: { id: number } };
}

/**
 * The words a person wrote in a message: its text, or the caption of a photo, document, video,
 * voice note, audio or animation, with the matching entities. Undefined for a message with no
 * words (a sticker, a photo without caption, a location...).
 */
export function readableText(message: object): { text: string; entities: MessageEntity[] } | undefined {
  const m = message as { text?: unknown; entities?: MessageEntity[]; caption?: unknown; caption_entities?: MessageEntity[] };
  if (typeof m.text === "string") return { text: m.text, entities: m.entities ?? [] };
  if (typeof m.caption === "string" && m.caption.trim() !== "") return { text: m.caption, entities: m.caption_entities ?? [] };
  return undefined;
}

/** Where a message was posted, and the conversation id Lumbar keeps follow-ups under. */
export interface ChatPlace {
  chatId: number;
  /** Set for a forum topic; replies must go to the same topic. */
  threadId?: number;
  /** The chat id, plus the topic id in forums, so each topic is its own conversation. */
  conversationId: string;
}

/** Where a message was posted. */
export function chatPlace(message: Pick<MessageLike, "chat" | "message_thread_id" | "is_topic_message">): ChatPlace {
  // message_thread_id also appears on ordinary replies in supergroups; only forum topics are threads.
  const threadId = message.is_topic_message ? message.message_thread_id : undefined;
  return {
    chatId: message.chat.id,
    threadId,
    conversationId: threadId !== undefined ? `${message.chat.id}:${threadId}` : String(message.chat.id),
  };
}

/** True for one-to-one chats with the bot. */
export function isPrivate(chat: Chat): boolean {
  return chat.type === "private";
}

/** True when a group message is a reply to one of the bot's own messages. */
export function repliesToBot(message: MessageLike, me: BotIdentity): boolean {
  return message.reply_to_message?.from?.id === me.id;
}

/**
 * The question in a text message if it is meant for the bot, else null. Private chats: always.
 * Groups: only when the bot is @mentioned or the message replies to the bot; the mention is
 * removed from the question. Channels: never.
 */
export function addressedText(message: MessageLike, me: BotIdentity): string | null {
  const text = message.text ?? "";
  if (isPrivate(message.chat)) return text.trim();
  if (message.chat.type === "channel") return null;
  const mentioned = mentionPattern(me.username, "i").test(text) || mentionsById(message, me);
  if (!mentioned && !repliesToBot(message, me)) return null;
  return text.replace(mentionPattern(me.username, "gi"), "$1").replace(/\s+/g, " ").trim();
}

/** A link operators can open to the message, for supergroups (other chats have no message links). */
export function messageLink(message: MessageLike): string | undefined {
  const chat = message.chat;
  if (chat.type !== "supergroup") return undefined;
  if ("username" in chat && chat.username) return `https://t.me/${chat.username}/${message.message_id}`;
  const internal = String(chat.id).replace(/^-100/, "");
  return `https://t.me/c/${internal}/${message.message_id}`;
}

function mentionPattern(username: string, flags: string): RegExp {
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w@])@${escaped}(?![\\w])`, flags);
}

// A "text_mention" links a user without a username; bots always have one, but clients may still send it.
function mentionsById(message: MessageLike, me: BotIdentity): boolean {
  return (message.entities ?? []).some((e) => e.type === "text_mention" && e.user.id === me.id);
}
