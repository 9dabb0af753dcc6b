import { createServer } from "node:net";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

/** A message the bot sent, as the emulator stored it (the raw sendMessage body). */
export interface SentMessage {
  chat_id: number | string;
  text: string;
  parse_mode?: string;
  message_thread_id?: number;
  reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
  reply_parameters?: { message_id: number };
}

export interface Emulator {
  server: TelegramServer;
  apiRoot: string;
  token: string;
  /** Index to pass to {@link Emulator.sentTo} to see only messages sent after this point. */
  mark(): number;
  /** Messages the bot sent to `chatId` since `since`. */
  sentTo(chatId: number | string, since?: number): SentMessage[];
  /** Waits (bounded) until the bot has sent `count` messages to `chatId` since `since`. */
  waitForSent(chatId: number | string, since: number, count?: number, timeoutMs?: number): Promise<SentMessage[]>;
  /** Sends a user message through the emulator's client API (it assigns update and message ids). */
  send(message: Record<string, unknown>): Promise<void>;
  /** The emulator's message_id of each message the bot sent to `chatId` since `since`, in order. */
  sentIds(chatId: number | string, since?: number): number[];
  /**
   * Taps an inline button: a callback query from `userId` on a bot message in `chatId`. `message`
   * overrides fields of the message the button sits on (real Telegram sends its id, text and chat).
   */
  tap(chatId: number, userId: number, data: string, message?: Record<string, unknown>): Promise<void>;
  /** Queues a raw update for getUpdates, with an update_id of our choosing. */
  pushUpdate(updateId: number, message: Record<string, unknown>): void;
  stop(): Promise<void>;
}

export const BOT_ID = 666; // what the emulator's getMe answers
export const BOT_USERNAME = "TestNameBot";

/** A free TCP port on 127.0.0.1 (the emulator turns port 0 into 9000, so it needs a real one). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts telegram-test-api on 127.0.0.1. */
export async function startEmulator(token = "123456789:TEST-token_for-lumbar-adapter"): Promise<Emulator> {
  let server: TelegramServer | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !server; attempt++) {
    port = await freePort();
    const candidate = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 });
    try {
      await candidate.start();
      server = candidate;
    } catch {
      // The port was taken between probing and binding; try another.
    }
  }
  if (!server) throw new Error("could not start telegram-test-api");
  const s = server;
  const sent = (): SentMessage[] => s.storage.botMessages.map((m: { message: SentMessage }) => m.message);
  const sentTo = (chatId: number | string, since = 0) => sent().slice(since).filter((m) => String(m.chat_id) === String(chatId));
  const sentIds = (chatId: number | string, since = 0): number[] =>
    s.storage.botMessages
      .slice(since)
      .filter((m: { message: SentMessage }) => String(m.message.chat_id) === String(chatId))
      .map((m: { messageId: number }) => m.messageId);
  return {
    server: s,
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    mark: () => sent().length,
    sentTo,
    sentIds,
    async waitForSent(chatId, since, count = 1, timeoutMs = 5000) {
      await waitFor(() => sentTo(chatId, since).length >= count, timeoutMs, `${count} message(s) to chat ${chatId}`);
      return sentTo(chatId, since);
    },
    async send(message) {
      const res = await fetch(`http://127.0.0.1:${port}/sendMessage`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ date: Math.floor(Date.now() / 1000), ...message, botToken: token }),
      });
      if (!res.ok) throw new Error(`emulator sendMessage failed: ${res.status}`);
    },
    async tap(chatId, userId, data, message = {}) {
      const res = await fetch(`http://127.0.0.1:${port}/sendCallback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          botToken: token,
          date: Math.floor(Date.now() / 1000),
          from: { id: userId, is_bot: false, first_name: "Test" },
          message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: "Test" }, ...message },
          data,
        }),
      });
      if (!res.ok) throw new Error(`emulator sendCallback failed: ${res.status}`);
    },
    pushUpdate(updateId, message) {
      s.storage.userMessages.push({
        time: Date.now(),
        botToken: token,
        updateId,
        messageId: Number(message.message_id ?? updateId),
        isRead: false,
        message: { date: Math.floor(Date.now() / 1000), ...message },
      } as never);
    },
    async stop() {
      await s.stop();
    },
  };
}

/** Polls `check` every 20 ms until it is true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves after `ms` (used to confirm that nothing more arrives). */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A private-chat or group user message, shaped like the Bot API's Message. */
export function userMessage(
  opts: { chatId: number; userId?: number; text?: string; type?: "private" | "group" | "supergroup"; extra?: Record<string, unknown> },
): Record<string, unknown> {
  const userId = opts.userId ?? opts.chatId;
  const type = opts.type ?? "private";
  return {
    from: { id: userId, is_bot: false, first_name: "Test", username: `user${userId}` },
    chat: type === "private" ? { id: opts.chatId, type, first_name: "Test" } : { id: opts.chatId, type, title: "Test group" },
    ...(opts.text !== undefined ? { text: opts.text } : {}),
    ...opts.extra,
  };
}

/** Entities marking a leading /command, as Telegram clients send them. */
export function commandEntities(text: string): Record<string, unknown> {
  const length = text.split(/\s/, 1)[0]!.length;
  return { entities: [{ type: "bot_command", offset: 0, length }] };
}
