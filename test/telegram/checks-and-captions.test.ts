// End to end: the real telegraf bot long polling telegram-test-api on 127.0.0.1, answering through
// the real Lumbar core: captions read like text, and safety check questions with inline buttons.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Telegram } from "telegraf";
import type { IncomingMessage, Lumbar, Reply, SafetyCheck } from "../../src/core/types.ts";
import { CHECK_EXPIRED, CHECK_NOT_YOURS } from "../../adapters/shared/safety-check.ts";
import { startTelegram, telegramConfigFromEnv, type TelegramHandle } from "../../adapters/telegram/index.ts";
import { TEXT_ONLY } from "../../adapters/telegram/texts.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { captureLogger } from "./support/capture-logger.ts";
import { BOT_USERNAME, pause, startEmulator, userMessage, waitFor, type Emulator, type SentMessage } from "./support/emulator.ts";

const ALERT_CHAT = -1009876543210;

let emulator: Emulator;
let testLumbar: Awaited<ReturnType<typeof makeTestLumbar>>;
let lumbar: Lumbar;
let handle: TelegramHandle;
const { logger, lines } = captureLogger();
/** Every Bot API call the bot made, in order, with its payload. */
const apiCalls: Array<{ method: string; payload: Record<string, unknown> }> = [];

beforeAll(async () => {
  emulator = await startEmulator("987654321:CHECKS-token_for-lumbar-adapter");
  testLumbar = await makeTestLumbar();
  lumbar = testLumbar.lumbar;
  const callApi = Telegram.prototype.callApi;
  vi.spyOn(Telegram.prototype, "callApi").mockImplementation(function (this: Telegram, method, payload, ...rest) {
    apiCalls.push({ method, payload: payload as Record<string, unknown> });
    return callApi.call(this, method, payload, ...rest);
  } as typeof callApi);
  const config = telegramConfigFromEnv({
    TELEGRAM_BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    TELEGRAM_ESCALATION_CHAT_ID: String(ALERT_CHAT),
  });
  handle = await startTelegram(lumbar, config!, logger);
});

afterAll(async () => {
  await handle?.stop("test over");
  vi.restoreAllMocks();
  await emulator?.stop();
  await testLumbar?.cleanup();
});

afterEach(() => {
  // Keep the Telegram.prototype.callApi recorder; drop only the spies on the core.
  handleSpy?.mockRestore();
  handleSpy = undefined;
});

let handleSpy: { mockRestore(): void } | undefined;

/** Spies on the real core, to see what the adapter asked and what the core answered. */
function spyHandle() {
  const spy = vi.spyOn(lumbar, "handle");
  handleSpy = spy;
  return spy;
}

const PHOTO = { photo: [{ file_id: "AgAC-photo", file_unique_id: "p1", width: 90, height: 90 }] };
const MEDIA: Record<string, Record<string, unknown>> = {
  photo: PHOTO,
  document: { document: { file_id: "BQAC-doc", file_unique_id: "d1", file_name: "scan.pdf" } },
  video: { video: { file_id: "BAAC-video", file_unique_id: "v1", width: 1, height: 1, duration: 3 } },
  voice: { voice: { file_id: "AwAC-voice", file_unique_id: "o1", duration: 3 } },
  audio: { audio: { file_id: "CQAC-audio", file_unique_id: "a1", duration: 3 } },
  animation: { animation: { file_id: "CgAC-anim", file_unique_id: "n1", width: 1, height: 1, duration: 1 } },
};

describe("telegram captions", () => {
  it("answers a photo whose caption reports a red flag with the emergency guidance first, and alerts operators", async () => {
    const handle = spyHandle();
    const alertsBefore = emulator.sentTo(ALERT_CHAT).length;
    const since = emulator.mark();
    const caption = "this is my MRI. I can't control my bladder since this morning";
    await emulator.send(userMessage({ chatId: 301, extra: { ...PHOTO, caption } }));
    const [first] = await emulator.waitForSent(301, since);

    expect(handle.mock.calls[0]![0]).toMatchObject({ channel: "telegram", conversationId: "301", userId: "301", text: caption });
    const reply = (await handle.mock.results[0]!.value) as Reply;
    expect(reply.escalation.level).toBe("emergency");
    expect(first!.text.startsWith("<b>")).toBe(true);
    expect(first!.text).toContain(reply.guidance!.slice(0, 60));
    expect(first!.text).not.toBe(TEXT_ONLY);

    await emulator.waitForSent(ALERT_CHAT, 0, alertsBefore + 1);
    const [alert] = emulator.sentTo(ALERT_CHAT).slice(alertsBefore);
    expect(alert!.text).toMatch(/EMERGENCY/);
    expect(alert!.text).toContain("User: 301");
    expect(alert!.text).not.toMatch(/bladder since|MRI/i);
  });

  it("reads the caption of a document, video, voice note, audio or animation like a text", async () => {
    const handle = spyHandle();
    let chat = 310;
    for (const [kind, media] of Object.entries(MEDIA)) {
      const since = emulator.mark();
      await emulator.send(userMessage({ chatId: ++chat, extra: { ...media, caption: `what is sciatica (${kind})` } }));
      const replies = await emulator.waitForSent(chat, since);
      expect(replies.map((r) => r.text).join("\n"), kind).toMatch(/Source: /);
    }
    expect(handle.mock.calls.map((c) => c[0].text)).toEqual(Object.keys(MEDIA).map((kind) => `what is sciatica (${kind})`));
  });

  it("still says it can only read text for media with no caption (or a blank one), without asking the core", async () => {
    const handle = spyHandle();
    for (const extra of [PHOTO, { ...MEDIA.voice, caption: "   " }]) {
      const since = emulator.mark();
      await emulator.send(userMessage({ chatId: 320, extra }));
      const [reply] = await emulator.waitForSent(320, since);
      expect(reply!.text).toBe(TEXT_ONLY);
    }
    expect(handle).not.toHaveBeenCalled();
  });

  it("in groups, answers a caption only when it mentions the bot", async () => {
    const group = -330;
    const since = emulator.mark();
    await emulator.send(userMessage({ chatId: group, userId: 331, type: "group", extra: { ...PHOTO, caption: "what is sciatica" } }));
    await pause(300);
    expect(emulator.sentTo(group, since)).toHaveLength(0);
    await emulator.send(userMessage({ chatId: group, userId: 331, type: "group", extra: { ...PHOTO, caption: `@${BOT_USERNAME} what is sciatica` } }));
    const [reply] = await emulator.waitForSent(group, since);
    expect(reply!.text).toMatch(/Source: /);
    expect(reply!.reply_parameters?.message_id).toBeDefined();
  });
});

const CHECK: SafetyCheck = {
  question: "Are you losing control of your bladder or bowels right now?",
  options: ["Yes, it's happening now", "It happened before, not now", "No"],
  reasons: ["bladder-control-loss"],
};

/**
 * Until the core asks check questions itself, the adapter's mechanics are tested over the real core
 * with a check added to its reply for one message; the pressed answer goes through the real core.
 */
function coreAsksCheckFor(trigger: string, only = false) {
  const real = lumbar.handle.bind(lumbar);
  const spy = vi.spyOn(lumbar, "handle").mockImplementation(async (message: IncomingMessage): Promise<Reply> => {
    const reply = await real(message);
    if (message.text !== trigger) return reply;
    // `only`: the reply asks and says nothing else, as the core does when it asks before answering.
    return only ? { ...reply, check: CHECK, guidance: undefined, answer: "", sources: [], suggestions: [] } : { ...reply, check: CHECK };
  });
  handleSpy = spy;
  return spy;
}

/** Sends `text` from `userId` in `chatId` and waits for the reply's last message: its check. */
async function askForCheck(chatId: number, text: string, extra: Record<string, unknown> = {}, userId = chatId) {
  const since = emulator.mark();
  await emulator.send(userMessage({ chatId, userId, text, ...(Object.keys(extra).length ? { type: "group" as const, extra } : {}) }));
  await waitFor(() => emulator.sentTo(chatId, since).some((m) => m.text.includes("Safety check:")), 5000, "the check question");
  const sent = emulator.sentTo(chatId, since);
  const ids = emulator.sentIds(chatId, since);
  return { sent, check: sent.at(-1)!, checkId: ids.at(-1)! };
}

function buttonsOf(message: SentMessage) {
  return message.reply_markup?.inline_keyboard?.flat() ?? [];
}

describe("telegram safety check buttons (adapter, check added over the real core)", () => {
  it("asks the question last, in bold, with one button per option whose data holds no text", async () => {
    coreAsksCheckFor("I had an accident today");
    const { sent, check } = await askForCheck(401, "I had an accident today");
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(check.text).toBe("<b>Safety check: Are you losing control of your bladder or bowels right now?</b>");
    expect(check.parse_mode).toBe("HTML");
    const buttons = buttonsOf(check);
    expect(buttons.map((b) => b.text)).toEqual(CHECK.options);
    expect(check.reply_markup!.inline_keyboard!.every((row) => row.length === 1)).toBe(true);
    for (const b of buttons) {
      expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);
      expect(b.callback_data).toMatch(/^chk:[A-Za-z0-9_-]+:\d$/);
    }
    // The suggestions stay under the answer, apart from the check's buttons.
    for (const m of sent.slice(0, -1)) for (const b of buttonsOf(m)) expect(b.callback_data).toMatch(/^ask:/);
  });

  it("sends a reply that only asks as one message: the question first, the disclaimer under it, the buttons attached", async () => {
    coreAsksCheckFor("I had an accident today", true);
    const { sent, check } = await askForCheck(407, "I had an accident today");
    expect(sent).toHaveLength(1);
    expect(check.text.startsWith("<b>Safety check: Are you losing control of your bladder or bowels right now?</b>\n\n<i>")).toBe(true);
    expect(check.text).toMatch(/not medical advice/);
    expect(buttonsOf(check).map((b) => b.text)).toEqual(CHECK.options);
  });

  it("answers the callback first, replaces the buttons with the answer, and sends the option as the person's message once", async () => {
    const handle = coreAsksCheckFor("I had an accident today");
    const { check, checkId } = await askForCheck(402, "I had an accident today");
    const [yes, , no] = buttonsOf(check);

    const since = emulator.mark();
    const callsBefore = apiCalls.length;
    await emulator.tap(402, 402, yes!.callback_data!, { message_id: checkId, text: "Safety check: Are you losing control of your bladder or bowels right now?" });
    await waitFor(() => handle.mock.calls.length === 2, 5000, "the pressed option sent to the core");
    expect(handle.mock.calls[1]![0]).toMatchObject({ channel: "telegram", conversationId: "402", userId: "402", text: "Yes, it's happening now" });
    const answers = await emulator.waitForSent(402, since);
    expect(answers[0]!.parse_mode).toBe("HTML");

    const calls = apiCalls.slice(callsBefore).map((c) => c.method).filter((m) => ["answerCallbackQuery", "editMessageText", "sendMessage"].includes(m));
    expect(calls.slice(0, 3)).toEqual(["answerCallbackQuery", "editMessageText", "sendMessage"]);
    const edit = apiCalls.slice(callsBefore).find((c) => c.method === "editMessageText")!.payload;
    expect(edit).toMatchObject({ chat_id: 402, message_id: checkId, reply_markup: { inline_keyboard: [] } });
    expect(String(edit.text)).toContain("Answered: Yes, it's happening now");

    // A second tap (the same or another option) gets a popup, and nothing goes to the core.
    const before = apiCalls.length;
    await emulator.tap(402, 402, no!.callback_data!, { message_id: checkId });
    await waitFor(() => apiCalls.slice(before).some((c) => c.method === "answerCallbackQuery"), 5000, "the second callback answered");
    const popup = apiCalls.slice(before).find((c) => c.method === "answerCallbackQuery")!.payload;
    expect(popup.text).toBe("Already answered: Yes, it's happening now");
    await pause(200);
    expect(handle).toHaveBeenCalledTimes(2);
    expect(lines.join("\n")).not.toMatch(/accident|happening now/i);
  });

  it("in a group, lets only the person asked answer", async () => {
    const handle = coreAsksCheckFor("I had an accident today");
    const group = -403;
    const chat = { id: group, type: "group", title: "G" };
    const { check, checkId } = await askForCheck(group, `@${BOT_USERNAME} I had an accident today`, { chat }, 404);
    expect(handle.mock.calls[0]![0].text).toBe("I had an accident today");
    // It replies to the asking message, so the group sees whom the question is for.
    expect(check.reply_parameters?.message_id).toBeDefined();
    const before = apiCalls.length;
    await emulator.tap(group, 405, buttonsOf(check)[2]!.callback_data!, { message_id: checkId, chat });
    await waitFor(() => apiCalls.slice(before).some((c) => c.method === "answerCallbackQuery"), 5000, "the callback answered");
    expect(apiCalls.slice(before).find((c) => c.method === "answerCallbackQuery")!.payload.text).toBe(CHECK_NOT_YOURS);
    await pause(200);
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it("tells the person in an alert when a check is no longer on record (after a restart), and sends nothing", async () => {
    const handle = spyHandle();
    const before = apiCalls.length;
    await emulator.tap(406, 406, "chk:gone1234:0", { message_id: 77 });
    await waitFor(() => apiCalls.slice(before).some((c) => c.method === "answerCallbackQuery"), 5000, "the callback answered");
    expect(apiCalls.slice(before).find((c) => c.method === "answerCallbackQuery")!.payload).toMatchObject({ text: CHECK_EXPIRED, show_alert: true });
    await pause(200);
    expect(handle).not.toHaveBeenCalled();
  });

  it("after a restart, a tap on the 'yes' of the suicide question still reaches the core and brings its help lines", async () => {
    const handle = spyHandle();
    const since = emulator.mark();
    const keyboard = { inline_keyboard: [[{ text: "Yes, thoughts like that", callback_data: "chk:gone5678:0" }], [{ text: "No", callback_data: "chk:gone5678:1" }]] };
    await emulator.tap(407, 407, "chk:gone5678:0", { message_id: 78, reply_markup: keyboard });
    const [reply] = await emulator.waitForSent(407, since);
    expect(handle.mock.calls[0]![0]).toMatchObject({ text: "Yes, thoughts like that" });
    const answered = (await handle.mock.results[0]!.value) as Reply;
    expect(answered.escalation).toMatchObject({ level: "emergency", reasons: ["thoughts-of-suicide-or-self-harm"] });
    expect(String(reply!.text)).toContain("116 123");
  });
});

describe("telegram safety check buttons with the core's own check questions", () => {
  it("asks the check with buttons, and a 'yes' tap escalates to emergency with an operator alert", async () => {
    const handle = spyHandle();
    const { check, checkId } = await askForCheck(501, "i leaked in my pants today, my back hurts");
    const first = (await handle.mock.results[0]!.value) as Reply;
    expect(first.check).not.toBeNull();
    expect(buttonsOf(check)).toHaveLength(first.check!.options.length);

    const alertsBefore = emulator.sentTo(ALERT_CHAT).length;
    const since = emulator.mark();
    await emulator.tap(501, 501, buttonsOf(check)[0]!.callback_data!, { message_id: checkId, text: check.text.replace(/<[^>]+>/g, "") });
    const [answer] = await emulator.waitForSent(501, since);
    expect(handle.mock.calls[1]![0]).toMatchObject({ conversationId: "501", text: first.check!.options[0] });
    const second = (await handle.mock.results[1]!.value) as Reply;
    expect(second.escalation.level).toBe("emergency");
    expect(answer!.text.startsWith("<b>")).toBe(true);
    await emulator.waitForSent(ALERT_CHAT, 0, alertsBefore + 1);
  });
});
