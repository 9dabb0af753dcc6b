// End to end in webhook mode: the real bot behind its webhook server on 127.0.0.1, replying
// through telegram-test-api, answering with the real Lumbar core.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, telegramConfigFromEnv, type TelegramHandle } from "../../adapters/telegram/index.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { captureLogger } from "./support/capture-logger.ts";
import { commandEntities, pause, startEmulator, userMessage, type Emulator } from "./support/emulator.ts";

const SECRET = "webhook_Secret-123";
const PATH = "/telegram/hook";

let emulator: Emulator;
let testLumbar: Awaited<ReturnType<typeof makeTestLumbar>>;
let handle: TelegramHandle;
let hookUrl: string;
const { logger, lines } = captureLogger();

beforeAll(async () => {
  emulator = await startEmulator();
  testLumbar = await makeTestLumbar();
  const config = telegramConfigFromEnv({
    TELEGRAM_BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    // The public URL is only registered with the emulator; it never calls it (we post ourselves).
    TELEGRAM_WEBHOOK_URL: `https://lumbar.example.invalid${PATH}`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_PORT: "0",
    TELEGRAM_HOST: "127.0.0.1",
  });
  handle = await startTelegram(testLumbar.lumbar, config!, logger);
  expect(handle.port).toBeGreaterThan(0);
  hookUrl = `http://127.0.0.1:${handle.port}${PATH}`;
});

afterAll(async () => {
  await handle?.stop("test over");
  await emulator?.stop();
  await testLumbar?.cleanup();
});

let nextUpdateId = 10_000;
function update(message: Record<string, unknown>, kind = "message") {
  const id = nextUpdateId++;
  return { update_id: id, [kind]: { message_id: id, date: Math.floor(Date.now() / 1000), ...message } };
}

function post(body: unknown, secret?: string, url = hookUrl, method = "POST") {
  return fetch(url, {
    method,
    headers: { "content-type": "application/json", ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    ...(method === "POST" ? { body: JSON.stringify(body) } : {}),
  });
}

describe("telegram adapter, webhook mode", () => {
  it("rejects updates without the secret header, or with a wrong one, and does not process them", async () => {
    const since = emulator.mark();
    const body = update(userMessage({ chatId: 201, text: "/start", extra: commandEntities("/start") }));
    expect((await post(body)).status).toBe(401);
    expect((await post(body, "not-the-secret")).status).toBe(403);
    await pause(300);
    expect(emulator.sentTo(201, since)).toHaveLength(0);
    expect(lines.filter((l) => l.includes("telegram.webhook_rejected"))).toHaveLength(2);

    // The rejected update_id was not consumed: the genuine delivery is still answered.
    expect((await post(body, SECRET)).status).toBe(200);
    const [reply] = await emulator.waitForSent(201, since);
    expect(reply!.text).toMatch(/not a doctor/);
  });

  it("answers a question posted with the secret; the reply goes to the emulator's sendMessage", async () => {
    const since = emulator.mark();
    const res = await post(update(userMessage({ chatId: 202, text: "what is sciatica" })), SECRET);
    expect(res.status).toBe(200);
    const replies = await emulator.waitForSent(202, since);
    expect(replies[0]!.parse_mode).toBe("HTML");
    expect(replies.map((r) => r.text).join("\n")).toMatch(/Source: /);
  });

  it("processes a re-delivered update once", async () => {
    const since = emulator.mark();
    const body = update(userMessage({ chatId: 203, text: "/help", extra: commandEntities("/help") }));
    expect((await post(body, SECRET)).status).toBe(200);
    expect((await post(body, SECRET)).status).toBe(200);
    await emulator.waitForSent(203, since);
    await pause(300);
    expect(emulator.sentTo(203, since)).toHaveLength(1);
  });

  it("does not answer edited messages", async () => {
    const since = emulator.mark();
    const res = await post(update(userMessage({ chatId: 204, text: "what is sciatica", extra: { edit_date: 1 } }), "edited_message"), SECRET);
    expect(res.status).toBe(200);
    await pause(400);
    expect(emulator.sentTo(204, since)).toHaveLength(0);
  });

  it("answers only POSTs to its path, and rejects malformed bodies", async () => {
    expect((await post({}, SECRET, `http://127.0.0.1:${handle.port}/elsewhere`)).status).toBe(404);
    expect((await post(undefined, SECRET, hookUrl, "GET")).status).toBe(405);
    expect((await post({ not: "an update" }, SECRET)).status).toBe(400);
  });
});
