import { describe, expect, it } from "vitest";
import type { Chat } from "telegraf/types";
import { addressedText, chatPlace, messageLink, type MessageLike } from "../../adapters/telegram/conversation.ts";
import { SuggestionStore, suggestionId, suggestionKeyboard } from "../../adapters/telegram/suggestions.ts";

const me = { id: 666, username: "LumbarBot" };
const privateChat: Chat = { id: 5, type: "private", first_name: "A" };
const group: Chat = { id: -100123, type: "supergroup", title: "G" };

function msg(chat: Chat, text: string, extra: Partial<MessageLike> = {}): MessageLike {
  return { message_id: 9, chat, text, ...extra };
}

describe("conversation", () => {
  it("answers everything in private chats", () => {
    expect(addressedText(msg(privateChat, " what is sciatica "), me)).toBe("what is sciatica");
  });

  it("in groups, needs a mention or a reply to the bot, and strips the mention", () => {
    expect(addressedText(msg(group, "what is sciatica"), me)).toBeNull();
    expect(addressedText(msg(group, "@lumbarbot what is sciatica?"), me)).toBe("what is sciatica?");
    expect(addressedText(msg(group, "what is sciatica @LumbarBot"), me)).toBe("what is sciatica");
    expect(addressedText(msg(group, "ask @LumbarBotFan"), me)).toBeNull();
    expect(addressedText(msg(group, "mail x@LumbarBot"), me)).toBeNull();
    expect(addressedText(msg(group, "and then?", { reply_to_message: { from: { id: 666 } } }), me)).toBe("and then?");
    expect(addressedText(msg(group, "and then?", { reply_to_message: { from: { id: 7 } } }), me)).toBeNull();
  });

  it("keys conversations by chat, plus the topic in forums", () => {
    expect(chatPlace(msg(privateChat, "x"))).toEqual({ chatId: 5, threadId: undefined, conversationId: "5" });
    expect(chatPlace(msg(group, "x", { message_thread_id: 42, is_topic_message: true }))).toEqual({
      chatId: -100123,
      threadId: 42,
      conversationId: "-100123:42",
    });
    // A plain reply in a supergroup also carries message_thread_id, but is not a topic.
    expect(chatPlace(msg(group, "x", { message_thread_id: 42 })).conversationId).toBe("-100123");
    expect(messageLink(msg(group, "x"))).toBe("https://t.me/c/123/9");
    expect(messageLink(msg(privateChat, "x"))).toBeUndefined();
  });
});

describe("suggestion buttons", () => {
  it("keep callback_data within 64 bytes and map back to the full question", () => {
    const store = new SuggestionStore();
    const long = "Which exercises help when pain runs from the lower back into the left leg — and which ones make it worse?";
    const keyboard = suggestionKeyboard([long, "What is sciatica?", " "], store)!;
    const buttons = keyboard.inline_keyboard.flat();
    expect(buttons).toHaveLength(2);
    for (const b of buttons) {
      expect("callback_data" in b && Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    }
    const data = "callback_data" in buttons[0]! ? buttons[0].callback_data : "";
    expect(store.get(suggestionId(data)!)).toBe(long);
    expect(suggestionKeyboard([], store)).toBeUndefined();
  });

  it("expire after their time to live", () => {
    let now = 0;
    const store = new SuggestionStore(1000, 10, () => now);
    const id = store.put("q");
    now = 999;
    expect(store.get(id)).toBe("q");
    now = 1000;
    expect(store.get(id)).toBeUndefined();
  });
});
