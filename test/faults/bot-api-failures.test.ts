// 5xx answers, reset connections and a Bot API that does not answer, on sendMessage: the real bot
// in webhook mode (real core, real durable inbox) still gets its reply through, and an update whose
// reply could not be sent at all stays in the inbox and is answered by the next start.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegram, telegramConfigFromEnv, type TelegramConfig, type TelegramHandle } from "../../adapters/telegram/index.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { captureLogger } from "../telegram/support/capture-logger.ts";
import { startFakeBotApi, type Fault, type FakeBotApi } from "./support/fake-bot-api.ts";

const SECRET = "faults_Secret-2";
const EMERGENCY = "I wet myself and can't feel my bum";

let api: FakeBotApi;
let t: TestLumbar;
let dir: string;
const handles: TelegramHandle[] = [];

beforeEach(async () => {
  api = await startFakeBotApi();
  t = await makeTestLumbar();
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-botapi-"));
});
afterEach(async () => {
  for (const h of handles.splice(0)) await h.stop("test over");
  await api.stop();
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

function config(inboxRetryMs = 60_000): TelegramConfig {
  return {
    ...telegramConfigFromEnv({
      TELEGRAM_BOT_TOKEN: "123456789:FAULTS-token",
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://lumbar.example.invalid/tg",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_PORT: "0",
      TELEGRAM_HOST: "127.0.0.1",
    })!,
    inboxFile: path.join(dir, "inbox-telegram.jsonl"),
    inboxRetryMs,
    // The real schedule's shape, shortened: 5 retries with doubling waits, and a short attempt timeout.
    retry: { backoffMs: [20, 40, 80, 160, 320], attemptTimeoutMs: 400 },
  };
}

async function start(logger = captureLogger().logger, inboxRetryMs?: number): Promise<TelegramHandle> {
  const handle = await startTelegram(t.lumbar, config(inboxRetryMs), logger);
  handles.push(handle);
  return handle;
}

function postUpdate(handle: TelegramHandle, updateId: number, chatId: number) {
  const body = { update_id: updateId, message: { message_id: 1, date: 0, chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "P" }, text: EMERGENCY } };
  return fetch(`http://127.0.0.1:${handle.port}/tg`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(body) });
}

async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe("Bot API failures on sendMessage", () => {
  it("a 502, a reset connection and an attempt that never answers are retried until the emergency reply arrives", async () => {
    const faults: Fault[] = [{ kind: "status", status: 502 }, { kind: "reset" }, { kind: "hang" }, { kind: "status", status: 503 }];
    api.faultFor = (call) => faults[call - 1];
    const { logger, lines } = captureLogger();
    const handle = await start(logger);
    expect((await postUpdate(handle, 1, 4242)).status).toBe(200);
    await until(() => api.delivered.some((m) => m.chat_id === 4242));

    const reply = api.delivered.find((m) => m.chat_id === 4242);
    expect(String(reply?.text)).toMatch(/emergency|999|911|112/i);
    expect(api.sent.filter((m) => m.chat_id === 4242).length).toBeGreaterThanOrEqual(5);
    const reasons = lines.filter((l) => l.includes("telegram.call_failed_retrying")).map((l) => (JSON.parse(l) as { reason: string }).reason);
    expect(reasons).toEqual(["http 502", expect.stringMatching(/ECONNRESET|network/), "timeout", "http 503"]);
    // Finished: a redelivery of the same update is not answered again.
    expect((await postUpdate(handle, 1, 4242)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.delivered.filter((m) => m.chat_id === 4242)).toHaveLength(1);
  });

  it("an update whose reply failed every retry stays in the inbox and is answered by the next start", async () => {
    let down = true;
    api.faultFor = () => (down ? { kind: "status", status: 502 } : undefined);
    const { logger, lines } = captureLogger();
    const first = await start(logger);
    expect((await postUpdate(first, 2, 4343)).status).toBe(200);
    await until(() => lines.some((l) => l.includes("telegram.message_unfinished")));
    expect(lines.some((l) => l.includes("telegram.call_failed_giving_up"))).toBe(true);
    expect(api.delivered).toHaveLength(0);
    await first.stop("restart");
    handles.splice(handles.indexOf(first), 1);

    down = false;
    const second = await start();
    await until(() => api.delivered.some((m) => m.chat_id === 4343));
    expect(api.delivered.filter((m) => m.chat_id === 4343)).toHaveLength(1);
    expect(second.port).toBeGreaterThan(0);
  });

  it("an update whose reply failed every retry is tried again while the process runs, once the Bot API is back", async () => {
    let down = true;
    api.faultFor = () => (down ? { kind: "reset" } : undefined);
    const { logger, lines } = captureLogger();
    const handle = await start(logger, 300);
    expect((await postUpdate(handle, 3, 4444)).status).toBe(200);
    await until(() => lines.some((l) => l.includes("telegram.message_unfinished")));
    expect(api.delivered).toHaveLength(0);
    down = false;
    await until(() => api.delivered.some((m) => m.chat_id === 4444));
    expect(lines.some((l) => l.includes("telegram.inbox_retrying"))).toBe(true);
    // Done now: the timer does not send it again.
    await new Promise((r) => setTimeout(r, 800));
    expect(api.delivered.filter((m) => m.chat_id === 4444)).toHaveLength(1);
  });
});
