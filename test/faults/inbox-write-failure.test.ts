// A disk that refuses the inbox write: the message is not acknowledged (500), so the platform
// delivers it again; once the disk is back the redelivery is answered. /dev/full stands in for a
// full disk (every write fails with ENOSPC), even for root.
import { existsSync } from "node:fs";
import { mkdtemp, rm, symlink, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegram, telegramConfigFromEnv } from "../../adapters/telegram/index.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { startHarness } from "../slack/helpers/harness.ts";
import { waitFor } from "../slack/helpers/fake-slack-api.ts";
import { captureLogger } from "../telegram/support/capture-logger.ts";
import { startFakeBotApi } from "./support/fake-bot-api.ts";

const EMERGENCY = "I wet myself and can't feel my bum";
const full = existsSync("/dev/full");

let t: TestLumbar;
let dir: string;
beforeEach(async () => {
  t = await makeTestLumbar();
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-inbox-full-"));
});
afterEach(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Points the inbox file at /dev/full until the returned function puts a normal file back. */
async function fillDisk(file: string): Promise<() => Promise<void>> {
  await unlink(file);
  await symlink("/dev/full", file);
  return () => unlink(file);
}

describe.skipIf(!full)("the inbox cannot be written", () => {
  it("Telegram: answers 500 and processes nothing; the redelivery after the disk is back is answered", async () => {
    const api = await startFakeBotApi();
    const inboxFile = path.join(dir, "inbox-telegram.jsonl");
    const { logger, lines } = captureLogger();
    const config = {
      ...telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: "123456789:FULL-token", TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_WEBHOOK_URL: "https://x.invalid/tg", TELEGRAM_WEBHOOK_SECRET: "s3cret", TELEGRAM_PORT: "0", TELEGRAM_HOST: "127.0.0.1" })!,
      inboxFile,
    };
    const handle = await startTelegram(t.lumbar, config, logger);
    try {
      const post = () =>
        fetch(`http://127.0.0.1:${handle.port}/tg`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret" },
          body: JSON.stringify({ update_id: 9, message: { message_id: 1, date: 0, chat: { id: 99, type: "private" }, from: { id: 99, is_bot: false, first_name: "P" }, text: EMERGENCY } }),
        });
      const restore = await fillDisk(inboxFile);
      expect((await post()).status).toBe(500);
      expect(lines.join("\n")).toMatch(/telegram\.inbox_write_failed.*could not write the message inbox/);
      await new Promise((r) => setTimeout(r, 200));
      expect(api.sent).toHaveLength(0);
      await restore();
      expect((await post()).status).toBe(200);
      await waitFor(() => api.delivered.find((m) => m.chat_id === 99), "the reply");
    } finally {
      await handle.stop("test over");
      await api.stop();
    }
  });

  it("Slack HTTP: answers 500 (Slack retries), and the retry after the disk is back is answered once", async () => {
    const inboxFile = path.join(dir, "inbox-slack.jsonl");
    const slack = await startHarness(t.lumbar, { inboxFile });
    try {
      const event = slack.dm("U1", "D1", EMERGENCY);
      const restore = await fillDisk(inboxFile);
      expect((await slack.sendEvent(event, { eventId: "EvFULL" })).status).toBe(500);
      await slack.waitForLog("slack.unhandled");
      await new Promise((r) => setTimeout(r, 200));
      expect(slack.api.posts("D1")).toHaveLength(0);
      await restore();
      expect((await slack.sendEvent(event, { eventId: "EvFULL", headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" } })).status).toBe(200);
      await waitFor(() => slack.api.posts("D1")[0], "the reply");
      // A further retry (Slack's second) is acknowledged and not answered again.
      expect((await slack.sendEvent(event, { eventId: "EvFULL", headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" } })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(slack.api.posts("D1")).toHaveLength(1);
    } finally {
      await slack.stop();
    }
  });
});
