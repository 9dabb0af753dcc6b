import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "telegraf/types";
import type { Logger } from "../../src/log/logger.ts";
import type { DurableInbox } from "../shared/durable-inbox.ts";
import { createInboxWorker } from "../shared/inbox-worker.ts";
import { ALLOWED_UPDATES, type LumbarBot } from "./bot.ts";
import type { TelegramWebhookConfig } from "./config.ts";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
// Updates are a few KB; anything far larger is not from Telegram.
const MAX_BODY_BYTES = 1024 * 1024;

/** A listening webhook server. */
export interface WebhookHandle {
  /** The local port actually bound (useful with port 0). */
  port: number;
  /** Stops accepting requests; updates already accepted keep running in the bot's tasks. */
  stop(): Promise<void>;
}

/**
 * Serves the webhook and registers it with Telegram. Each request must carry the secret in
 * X-Telegram-Bot-Api-Secret-Token: without it the answer is 401, with a wrong one 403, and the
 * body is not even read. Accepted updates are acknowledged quickly and processed in the
 * background, because Telegram re-sends updates whose answer is slow.
 *
 * With an inbox, an update is on disk (fsync'd) before its 200, since Telegram never sends again
 * what it got a 200 for; it is marked done once handled with its reply sent (see
 * {@link createInboxWorker}: updates a crash left unfinished are processed when the webhook starts,
 * and one whose reply the Bot API kept refusing is tried again every `inboxRetryMs`). An update_id
 * already in the inbox is acknowledged and not processed again. If the inbox cannot be written the
 * answer is 500, so Telegram delivers the update again later.
 */
export async function startWebhook(
  lumbarBot: LumbarBot,
  webhook: TelegramWebhookConfig,
  logger: Logger,
  inbox?: DurableInbox<Update>,
  inboxRetryMs?: number,
): Promise<WebhookHandle> {
  const { bot, tasks, failed } = lumbarBot;
  let accepting = true;
  /** Handles one update; true once its reply was sent. */
  const handleOnce = async (update: Update): Promise<boolean> => {
    failed.delete(update);
    lumbarBot.seen.release(String(update.update_id));
    await bot.handleUpdate(update);
    return !failed.has(update);
  };
  const worker = inbox
    ? createInboxWorker({ inbox, handle: (entry) => handleOnce(entry.payload), run: (work) => tasks.run("update", work), logger, channel: "telegram", retryEveryMs: inboxRetryMs })
    : undefined;
  const server = createServer((req, res) => {
    void handleRequest(req, res).catch((error: unknown) => {
      logger.error("telegram.webhook_request_failed", { error: error instanceof Error ? error.name : "unknown" });
      if (!res.headersSent) respond(res, 500);
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== webhook.path) return respond(res, 404);
    if (req.method !== "POST") return respond(res, 405);
    const check = checkSecret(req.headers[SECRET_HEADER], webhook.secret);
    if (check !== 200) {
      logger.warn("telegram.webhook_rejected", { status: check, reason: check === 401 ? "missing secret" : "wrong secret" });
      return respond(res, check);
    }
    // While shutting down, a 503 makes Telegram deliver the update again later, to the next process.
    if (!accepting) return respond(res, 503);

    const update = parseUpdate(await readBody(req));
    if (!update) return respond(res, 400);
    if (inbox) {
      let added: "added" | "duplicate";
      try {
        added = await inbox.add(String(update.update_id), update);
      } catch (error) {
        logger.error("telegram.inbox_write_failed", { updateId: update.update_id, error: error instanceof Error ? error.message : String(error) });
        return respond(res, 500);
      }
      respond(res, 200);
      if (added === "duplicate") return logger.info("telegram.duplicate_update", { updateId: update.update_id });
      worker?.submit({ id: String(update.update_id), at: Date.now(), payload: update });
    } else {
      respond(res, 200);
      tasks.run("update", () => bot.handleUpdate(update));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(webhook.port, webhook.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  // Listening now: process what a crash left unfinished.
  worker?.start();

  try {
    await bot.telegram.setWebhook(webhook.url, {
      secret_token: webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
  } catch (error) {
    worker?.stop();
    await closeServer(server);
    throw error;
  }
  logger.info("telegram.webhook_listening", { port, path: webhook.path });

  return {
    port,
    async stop() {
      accepting = false;
      worker?.stop();
      await closeServer(server);
    },
  };
}

function checkSecret(header: string | string[] | undefined, secret: string): 200 | 401 | 403 {
  if (typeof header !== "string" || header.length === 0) return 401;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 200 : 403;
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseUpdate(body: string | null): Update | null {
  if (body === null) return null;
  try {
    const value = JSON.parse(body) as unknown;
    if (typeof value === "object" && value !== null && typeof (value as { update_id?: unknown }).update_id === "number") {
      return value as Update;
    }
  } catch {
    // Not JSON: answered with 400 below.
  }
  return null;
}

function respond(res: ServerResponse, status: number): void {
  res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "");
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Telegram keeps connections open; without this, close() waits for them to time out.
    server.closeIdleConnections();
  });
}
