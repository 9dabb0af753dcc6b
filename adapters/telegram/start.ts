import { TelegramError } from "telegraf";
import { ConfigError } from "../../src/core/errors.ts";
import type { Lumbar } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import type { Update } from "telegraf/types";
import { DurableInbox } from "../shared/durable-inbox.ts";
import { forwardEscalations } from "./alerts.ts";
import { createBot, type LumbarBot } from "./bot.ts";
import type { TelegramConfig } from "./config.ts";
import { errorFields } from "./log-fields.ts";
import { startPolling } from "./polling.ts";
import { startWebhook } from "./webhook.ts";

/** A running Telegram adapter. */
export interface TelegramHandle {
  /** Stops receiving updates, waits briefly for answers in progress, and detaches from Lumbar. */
  stop(reason?: string): Promise<void>;
  /** The local webhook port, in webhook mode. */
  port?: number;
  /** One line for the operator: "Telegram: polling as @lumbar_bot". */
  summary: string;
}

// How long stop() waits for answers (and a reindex) already in progress.
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Starts the Telegram bot: long polling, or a webhook server when `config.webhook` is set.
 * Resolves once updates are flowing; rejects with a clear error for a rejected token (ConfigError
 * naming TELEGRAM_BOT_TOKEN), an unreachable API, or another poller on the same token (409).
 */
export async function startTelegram(lumbar: Lumbar, config: TelegramConfig, logger: Logger): Promise<TelegramHandle> {
  const lumbarBot = createBot(lumbar, config, logger);
  const { bot } = lumbarBot;
  bot.botInfo = await getMe(lumbarBot);
  await registerCommands(lumbarBot, logger);

  const detachAlerts = forwardEscalations(lumbar, bot.telegram, config.escalationChatId, logger);
  const mode = config.webhook ? "webhook" : "polling";
  let transport: { stop(reason: string): Promise<void>; port?: number };
  // Polling needs no inbox: telegraf handles a batch before the next getUpdates confirms it.
  let inbox: DurableInbox<Update> | undefined;
  try {
    if (config.webhook && config.inboxFile) inbox = await DurableInbox.open<Update>(config.inboxFile);
    transport = config.webhook ? await startWebhook(lumbarBot, config.webhook, logger, inbox, config.inboxRetryMs) : await startPolling(lumbarBot, logger);
  } catch (error) {
    await inbox?.close();
    detachAlerts();
    lumbarBot.shutdown.abort();
    throw error;
  }
  logger.info("telegram.started", { mode, username: bot.botInfo.username, port: transport.port });

  let stopping: Promise<void> | undefined;
  const stop = (reason = "stop"): Promise<void> => {
    stopping ??= (async () => {
      logger.info("telegram.stopping", { reason });
      lumbarBot.shutdown.abort();
      await transport.stop(reason);
      const unfinished = await lumbarBot.tasks.drain(DRAIN_TIMEOUT_MS);
      if (unfinished > 0) logger.warn("telegram.stopped_with_tasks_running", { tasks: unfinished });
      await inbox?.close();
      detachAlerts();
      logger.info("telegram.stopped", { reason });
    })();
    return stopping;
  };
  const where = config.webhook ? `webhook on ${config.webhook.host}:${transport.port}` : "polling";
  return { stop, port: transport.port, summary: `Telegram: ${where} as @${bot.botInfo.username}` };
}

async function getMe({ bot }: LumbarBot) {
  try {
    return await bot.telegram.getMe();
  } catch (error) {
    if (error instanceof TelegramError && (error.code === 401 || error.code === 404)) {
      throw new ConfigError("TELEGRAM_BOT_TOKEN", `invalid: Telegram rejected the token (${error.code}); copy it again from BotFather`);
    }
    throw error;
  }
}

// Fills the command menu in Telegram clients. Optional: some Bot API servers refuse it.
async function registerCommands({ bot }: LumbarBot, logger: Logger): Promise<void> {
  try {
    await bot.telegram.setMyCommands([
      { command: "start", description: "What Lumbar can and can't do" },
      { command: "help", description: "How to ask a question" },
    ]);
  } catch (error) {
    logger.debug("telegram.set_commands_failed", { error: errorFields(error) });
  }
}
