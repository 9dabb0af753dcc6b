// End to end: the real telegraf bot, long polling telegram-test-api on 127.0.0.1, answering
// through the real Lumbar core.
import { appendFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Telegram } from "telegraf";
import type { Lumbar } from "../../src/core/types.ts";
import { startTelegram, telegramConfigFromEnv, type TelegramHandle } from "../../adapters/telegram/index.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { captureLogger } from "./support/capture-logger.ts";
import { BOT_ID, BOT_USERNAME, commandEntities, pause, startEmulator, userMessage, type Emulator } from "./support/emulator.ts";

const ALERT_CHAT = -1001234567890;
const OPERATOR = 4242;

let emulator: Emulator;
let testLumbar: Awaited<ReturnType<typeof makeTestLumbar>>;
let lumbar: Lumbar;
let handle: TelegramHandle;
const { logger, lines } = captureLogger();
const apiCalls: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  testLumbar = await makeTestLumbar();
  lumbar = testLumbar.lumbar;
  // Records every Bot API method the bot calls, in order (telegraf makes a Telegram per update).
  const callApi = Telegram.prototype.callApi;
  vi.spyOn(Telegram.prototype, "callApi").mockImplementation(function (this: Telegram, method, ...rest) {
    apiCalls.push(method);
    return callApi.call(this, method, ...rest);
  } as typeof callApi);

  const config = telegramConfigFromEnv({
    TELEGRAM_BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    TELEGRAM_ESCALATION_CHAT_ID: String(ALERT_CHAT),
    TELEGRAM_OPERATOR_IDS: `${OPERATOR}, 99`,
  });
  handle = await startTelegram(lumbar, config!, logger);
});

afterAll(async () => {
  await handle?.stop("test over");
  vi.restoreAllMocks();
  await emulator?.stop();
  await testLumbar?.cleanup();
});

async function ask(chatId: number, text: string, extra: Record<string, unknown> = {}) {
  const since = emulator.mark();
  await emulator.send(userMessage({ chatId, text, extra }));
  return emulator.waitForSent(chatId, since);
}

describe("telegram adapter, polling mode", () => {
  it("answers /start with what Lumbar can and cannot do", async () => {
    const [reply] = await ask(101, "/start", commandEntities("/start"));
    expect(reply!.text).toMatch(/back pain that spreads into the legs/);
    expect(reply!.text).toMatch(/not a doctor/);
    expect(reply!.text).toMatch(/emergency/);
  });

  it("answers /help", async () => {
    const [reply] = await ask(102, "/help", commandEntities("/help"));
    expect(reply!.text).toContain(`@${BOT_USERNAME}`);
  });

  it("answers a question in HTML with sources and a suggestion keyboard", async () => {
    const replies = await ask(103, "what is sciatica");
    const last = replies[replies.length - 1]!;
    for (const r of replies) expect(r.parse_mode).toBe("HTML");
    expect(replies.map((r) => r.text).join("\n")).toMatch(/Source: .+ — .+/);
    const buttons = last.reply_markup?.inline_keyboard?.flat() ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data ?? "")).toBeLessThanOrEqual(64);
    for (const r of replies.slice(0, -1)) expect(r.reply_markup).toBeUndefined();
  });

  it("asks a suggestion when its button is tapped, answering the callback query first", async () => {
    const replies = await ask(104, "what is sciatica");
    const button = replies[replies.length - 1]!.reply_markup!.inline_keyboard!.flat()[0]!;
    const since = emulator.mark();
    const callsBefore = apiCalls.length;
    await emulator.tap(104, 104, button.callback_data!);
    const answers = await emulator.waitForSent(104, since);
    expect(answers[0]!.parse_mode).toBe("HTML");
    const calls = apiCalls.slice(callsBefore).filter((m) => m === "answerCallbackQuery" || m === "sendMessage");
    expect(calls[0]).toBe("answerCallbackQuery");
  });

  it("puts emergency guidance first and sends exactly one operator alert without the message text", async () => {
    const alertsBefore = emulator.sentTo(ALERT_CHAT).length;
    const text = "cant control my bladder since this morning and my back is agony";
    const replies = await ask(105, text);
    expect(replies[0]!.text.startsWith("<b>")).toBe(true);

    await emulator.waitForSent(ALERT_CHAT, 0, alertsBefore + 1);
    await pause(300); // nothing more may arrive
    const alerts = emulator.sentTo(ALERT_CHAT).slice(alertsBefore);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toMatch(/EMERGENCY/);
    expect(alerts[0]!.text).toMatch(/Rules: \S+/);
    expect(alerts[0]!.text).toContain("User: 105");
    expect(alerts[0]!.text).toContain("chat 105");
    // Rule ids may name the symptom; the person's own words must not appear (text logging is off).
    expect(alerts[0]!.text).not.toMatch(/agony|since this morning|cant control/i);
    expect(alerts[0]!.text).not.toContain("Text:");
  });

  it("answers a sticker with 'text only'", async () => {
    const since = emulator.mark();
    await emulator.send(userMessage({ chatId: 106, extra: { sticker: { file_id: "CAACAgI", file_unique_id: "u1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } } }));
    const [reply] = await emulator.waitForSent(106, since);
    expect(reply!.text).toMatch(/only read text/);
  });

  it("refuses /reindex from a non-operator and runs nothing", async () => {
    const reindex = vi.spyOn(lumbar, "reindex");
    const before = await lumbar.status();
    const [reply] = await ask(107, "/reindex", commandEntities("/reindex"));
    expect(reply!.text).toMatch(/only Lumbar's operators/);
    const [status] = await ask(107, "/status", commandEntities("/status"));
    expect(status!.text).toMatch(/only Lumbar's operators/);
    await pause(200);
    expect(reindex).not.toHaveBeenCalled();
    expect((await lumbar.status()).version).toBe(before.version);
    reindex.mockRestore();
  });

  it("lets an operator /reindex, and /status then shows the new index version", async () => {
    const chat = OPERATOR;
    const [before] = await ask(chat, "/status", commandEntities("/status"));
    const oldVersion = /Version: (\S+)/.exec(before!.text)![1]!;
    expect(before!.text).toMatch(/Chunks: \d+/);
    expect(before!.text).toMatch(/Built: \S+/);

    // Change the corpus so the rebuilt index differs.
    const articles = path.join(testLumbar.corpusDir, "articles");
    const [first] = (await readdir(articles)).filter((f) => f.endsWith(".md"));
    await appendFile(path.join(articles, first!), "\n\n## Walking\n\nShort, regular walks often help sciatica settle.\n");

    const since = emulator.mark();
    await emulator.send(userMessage({ chatId: chat, text: "/reindex", extra: commandEntities("/reindex") }));
    const progress = await emulator.waitForSent(chat, since, 2, 15_000);
    expect(progress[0]!.text).toMatch(/Rebuilding/);
    expect(progress[1]!.text).toMatch(/Reindex finished/);

    const [after] = await ask(chat, "/status", commandEntities("/status"));
    const newVersion = /Version: (\S+)/.exec(after!.text)![1]!;
    expect(newVersion).not.toBe(oldVersion);
    expect(newVersion).toBe((await lumbar.status()).version);
  });

  it("processes a repeated update_id once", async () => {
    const since = emulator.mark();
    const message = { message_id: 5001, ...userMessage({ chatId: 108, text: "/help", extra: commandEntities("/help") }) };
    emulator.pushUpdate(900_001, message);
    emulator.pushUpdate(900_001, message);
    await emulator.waitForSent(108, since);
    await pause(300);
    expect(emulator.sentTo(108, since)).toHaveLength(1);
    expect(lines.some((l) => l.includes("telegram.duplicate_update"))).toBe(true);
  });

  it("in groups, answers only when mentioned or replied to", async () => {
    const group = -200;
    const since = emulator.mark();
    await emulator.send(userMessage({ chatId: group, userId: 109, type: "group", text: "what is sciatica" }));
    await pause(400);
    expect(emulator.sentTo(group, since)).toHaveLength(0);

    const mentioned = await ask(group, `@${BOT_USERNAME} what is sciatica`, { from: { id: 109, is_bot: false, first_name: "T" }, chat: { id: group, type: "group", title: "G" } });
    expect(mentioned[0]!.text).toMatch(/Source:/);
    expect(mentioned[0]!.reply_parameters?.message_id).toBeDefined();

    const replied = await ask(group, "and what causes it?", {
      from: { id: 109, is_bot: false, first_name: "T" },
      chat: { id: group, type: "group", title: "G" },
      reply_to_message: { message_id: 1, date: 0, chat: { id: group, type: "group", title: "G" }, from: { id: BOT_ID, is_bot: true, first_name: "Bot" }, text: "…" },
    });
    expect(replied.length).toBeGreaterThan(0);
  });

  it("never logs message text or the token", () => {
    const all = lines.join("\n");
    expect(all).not.toMatch(/sciatica|bladder|agony/i);
    expect(all).not.toContain(emulator.token);
  });
});
