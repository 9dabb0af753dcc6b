// Bot API failures the emulator cannot produce, against a scripted Bot API on 127.0.0.1, with the
// real telegraf client (and, for startup, the real Lumbar core).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Telegram, TelegramError } from "telegraf";
import { ConfigError } from "../../src/core/errors.ts";
import { startTelegram, telegramConfigFromEnv } from "../../adapters/telegram/index.ts";
import { retryOnRateLimit } from "../../adapters/telegram/rate-limit.ts";
import { sendParts } from "../../adapters/telegram/send.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { captureLogger } from "./support/capture-logger.ts";
import { apiError, startScriptedApi, type ScriptedApi } from "./support/scripted-api.ts";

const TOKEN = "123456789:SCRIPTED-token_for-lumbar-tests";
let api: ScriptedApi | undefined;
let testLumbar: Awaited<ReturnType<typeof makeTestLumbar>>;

beforeAll(async () => {
  testLumbar = await makeTestLumbar();
});
afterEach(async () => {
  await api?.stop();
  api = undefined;
});
afterAll(async () => {
  await testLumbar?.cleanup();
});

describe("Bot API failures", () => {
  it("resends a part as plain text when Telegram cannot parse its HTML", async () => {
    api = await startScriptedApi((method, payload) =>
      method === "sendMessage" && payload.parse_mode === "HTML" ? apiError(400, "Bad Request: can't parse entities: Unsupported start tag") : undefined,
    );
    const { logger, lines } = captureLogger();
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    const keyboard = { inline_keyboard: [[{ text: "Q", callback_data: "ask:x" }]] };
    await sendParts(telegram, { chatId: 5 }, [{ html: "<b>A &amp; B</b>", plain: "A & B" }], { keyboard, logger });

    const sends = api.calls.filter((c) => c.method === "sendMessage");
    expect(sends).toHaveLength(2);
    expect(sends[1]!.payload.text).toBe("A & B");
    expect(sends[1]!.payload.parse_mode).toBeUndefined();
    expect(sends[1]!.payload.reply_markup).toEqual(keyboard);
    expect(lines.join("\n")).toContain("telegram.html_rejected");
  });

  it("does not swallow other 400s", async () => {
    api = await startScriptedApi((method) => (method === "sendMessage" ? apiError(400, "Bad Request: chat not found") : undefined));
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    await expect(sendParts(telegram, { chatId: 5 }, [{ html: "x", plain: "x" }], { logger: captureLogger().logger })).rejects.toBeInstanceOf(TelegramError);
  });

  it("retries a 429 after retry_after, and logs it", async () => {
    let failures = 2;
    api = await startScriptedApi((method) =>
      method === "sendMessage" && failures-- > 0 ? apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 }) : undefined,
    );
    const { logger, lines } = captureLogger();
    const waits: number[] = [];
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    retryOnRateLimit(telegram, { logger, sleep: async (ms) => void waits.push(ms) });
    await telegram.sendMessage(5, "hello");
    expect(waits).toEqual([7000, 7000]);
    expect(api.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
    expect(lines.filter((l) => l.includes("telegram.rate_limited"))).toHaveLength(2);
  });

  it("retries a message send after 5xx answers with doubling waits, gives up after the last, and never retries start-up calls", async () => {
    let failures = 2;
    api = await startScriptedApi((method, payload) => {
      if (method === "getMe") return apiError(502, "Bad Gateway");
      if (method === "sendMessage" && (payload.text === "always" || failures-- > 0)) return apiError(502, "Bad Gateway");
      return undefined;
    });
    const { logger, lines } = captureLogger();
    const waits: number[] = [];
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    retryOnRateLimit(telegram, { logger, backoffMs: [10, 20, 40], sleep: async (ms) => void waits.push(ms) });
    await telegram.sendMessage(5, "hello");
    expect(waits).toEqual([10, 20]);
    waits.length = 0;
    await expect(telegram.sendMessage(5, "always")).rejects.toMatchObject({ code: 502 });
    expect(waits).toEqual([10, 20, 40]);
    expect(lines.some((l) => l.includes("telegram.call_failed_giving_up"))).toBe(true);
    waits.length = 0;
    await expect(telegram.getMe()).rejects.toMatchObject({ code: 502 });
    expect(waits).toEqual([]);
    expect(api.calls.filter((c) => c.method === "getMe")).toHaveLength(1);
  });

  it("gives up after 3 retries, and at once when retry_after is over the cap", async () => {
    api = await startScriptedApi((method, payload) =>
      method === "sendMessage" ? apiError(429, "Too Many Requests", { retry_after: payload.text === "long" ? 3600 : 1 }) : undefined,
    );
    const waits: number[] = [];
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    retryOnRateLimit(telegram, { logger: captureLogger().logger, sleep: async (ms) => void waits.push(ms) });

    await expect(telegram.sendMessage(5, "short")).rejects.toMatchObject({ code: 429 });
    expect(waits).toEqual([1000, 1000, 1000]);
    waits.length = 0;
    await expect(telegram.sendMessage(5, "long")).rejects.toMatchObject({ code: 429 });
    expect(waits).toEqual([]);
  });

  it("fails startup with a clear error when another poller uses the token (409)", async () => {
    api = await startScriptedApi((method) =>
      method === "getUpdates" ? apiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running") : undefined,
    );
    const config = telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot })!;
    const start = startTelegram(testLumbar.lumbar, config, captureLogger().logger);
    await expect(start).rejects.toThrow(/another bot instance is polling with this TELEGRAM_BOT_TOKEN/);
  });

  it("logs a clear error when a second poller appears after startup", async () => {
    api = await startScriptedApi((method, payload) =>
      method === "getUpdates" && payload.timeout !== 0 ? apiError(409, "Conflict: terminated by other getUpdates request") : undefined,
    );
    const { logger, lines } = captureLogger();
    const config = telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot })!;
    const handle = await startTelegram(testLumbar.lumbar, config, logger);
    const deadline = Date.now() + 5000;
    while (!lines.some((l) => l.includes("telegram.polling_stopped")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(lines.find((l) => l.includes("telegram.polling_stopped"))).toMatch(/another bot instance is polling/);
    await handle.stop();
  });

  it("fails startup with a ConfigError naming TELEGRAM_BOT_TOKEN when Telegram rejects the token", async () => {
    api = await startScriptedApi((method) => (method === "getMe" ? apiError(401, "Unauthorized") : undefined));
    const config = telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot })!;
    const error = await startTelegram(testLumbar.lumbar, config, captureLogger().logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe("TELEGRAM_BOT_TOKEN");
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it("keeps polling when handling one update fails", async () => {
    const command = (updateId: number, chatId: number, text: string) => ({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: 0,
        chat: { id: chatId, type: "private", first_name: "A" },
        from: { id: chatId, is_bot: false, first_name: "A" },
        text,
        entities: [{ type: "bot_command", offset: 0, length: text.length }],
      },
    });
    const batches = [[command(1, 1, "/start")], [command(2, 2, "/help")]];
    api = await startScriptedApi((method, payload) => {
      if (method === "getUpdates" && payload.timeout !== 0) return { body: { ok: true, result: batches.shift() ?? [] } };
      if (method === "sendMessage" && payload.chat_id === 1) return apiError(400, "Bad Request: chat not found");
      return undefined;
    });
    const scripted = api;
    const { logger, lines } = captureLogger();
    const config = telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot })!;
    const handle = await startTelegram(testLumbar.lumbar, config, logger);
    try {
      const answered = () => scripted.calls.some((c) => c.method === "sendMessage" && c.payload.chat_id === 2);
      const deadline = Date.now() + 5000;
      while (!answered() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(answered()).toBe(true);
      expect(lines.join("\n")).toContain("telegram.update_failed");
      expect(lines.join("\n")).not.toContain("telegram.polling_stopped");
      // No TELEGRAM_ESCALATION_CHAT_ID: one warning, not one per message.
      expect(lines.filter((l) => l.includes("telegram.escalation_alerts_disabled"))).toHaveLength(1);
    } finally {
      await handle.stop();
    }
  });
});

describe("flood control", () => {
  it("never throttles an emergency: a flooding user who reports one still gets the guidance", async () => {
    const { answerQuestion } = await import("../../adapters/telegram/handlers/questions.ts");
    const { SuggestionStore } = await import("../../adapters/telegram/suggestions.ts");
    const { BackgroundTasks } = await import("../../adapters/telegram/tasks.ts");
    const { FloodLimit } = await import("../../adapters/shared/flood-limit.ts");
    const { SafetyChecks } = await import("../../adapters/shared/safety-check.ts");
    api = await startScriptedApi(() => undefined);
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    const deps = {
      lumbar: testLumbar.lumbar,
      logger: captureLogger().logger,
      operatorIds: new Set<string>(),
      suggestions: new SuggestionStore(),
      checks: new SafetyChecks(),
      throttle: new FloodLimit({ limit: 1, windowMs: 60_000 }, null, "telegram"),
      tasks: new BackgroundTasks(captureLogger().logger),
    };
    const place = { chatId: 77, conversationId: "77" };
    await answerQuestion(telegram, deps, { place, userId: "9", text: "what is sciatica" });
    await answerQuestion(telegram, deps, { place, userId: "9", text: "what is sciatica again" });
    await answerQuestion(telegram, deps, { place, userId: "9", text: "what about stenosis" });
    await answerQuestion(telegram, deps, { place, userId: "9", text: "help i have wet myself and cant feel my bum" });
    const texts = api.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    // The answer, one throttle notice, nothing for the dropped question, then the emergency guidance.
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/emergency department/);
  });
});
