import { Telegraf } from "telegraf";
import type { Lumbar } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { DeliveryDedupe } from "../shared/delivery-dedupe.ts";
import { SafetyChecks } from "../shared/safety-check.ts";
import { FloodLimit } from "../shared/flood-limit.ts";
import type { TelegramConfig } from "./config.ts";
import { readableText } from "./conversation.ts";
import { onCallbackQuery } from "./handlers/callbacks.ts";
import { onHelp, onStart } from "./handlers/commands.ts";
import type { HandlerDeps } from "./handlers/deps.ts";
import { onNonText, onText } from "./handlers/messages.ts";
import { onReindex, onStatus } from "./handlers/operator.ts";
import { errorFields } from "./log-fields.ts";
import { retryOnRateLimit } from "./rate-limit.ts";
import { boundStartupCalls, startupBound, type StartupBound } from "./startup-calls.ts";
import { SuggestionStore } from "./suggestions.ts";
import { BackgroundTasks } from "./tasks.ts";

/** The only update kinds the bot asks for; edits, channel posts and the rest are never delivered. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** A Telegraf bot wired to Lumbar, plus what the transport (polling or webhook) needs to run it. */
export interface LumbarBot {
  bot: Telegraf;
  tasks: BackgroundTasks;
  /** Aborted on shutdown: cancels pending 429 waits. */
  shutdown: AbortController;
  /** Runs a Bot API call with the start-up deadline (getMe, webhook calls and the first poll have it). */
  startup: StartupBound;
  /** Updates whose handling failed (a reply that could not be sent): they are not finished. */
  failed: WeakSet<object>;
  /** The update_ids already taken; an update tried again is released from it first. */
  seen: DeliveryDedupe;
}

/**
 * Builds the bot: rate-limit retries on every Bot API call, one processing per update_id, the
 * command, message and button handlers, and an error handler so one bad update never stops the bot.
 */
export function createBot(lumbar: Lumbar, config: TelegramConfig, logger: Logger): LumbarBot {
  // Webhook replies would answer through the HTTP response, which hides errors and is already
  // closed here (updates are acknowledged before they are processed).
  const bot = new Telegraf(config.token, { telegram: { apiRoot: config.apiRoot, webhookReply: false } });
  const shutdown = new AbortController();
  const tasks = new BackgroundTasks(logger);
  const rateLimit = { logger, signal: shutdown.signal, ...config.retry };
  const failed = new WeakSet<object>();
  retryOnRateLimit(bot.telegram, rateLimit);
  const startup = startupBound(config);
  boundStartupCalls(bot.telegram, startup);

  const deps: HandlerDeps = {
    lumbar,
    logger,
    operatorIds: config.operatorIds,
    suggestions: new SuggestionStore(),
    checks: new SafetyChecks(),
    throttle: new FloodLimit({}, lumbar.floods, `telegram:${config.token.split(":")[0]}`, logger),
    tasks,
  };
  // Telegram re-sends an update when a webhook answer is slow or fails; a day covers its retries.
  // With a shared database, the bot's id (the token's first part) keeps two bots' update ids apart.
  const seen = new DeliveryDedupe(`telegram:${config.token.split(":")[0]}`, 24 * 60 * 60 * 1000, lumbar.deliveries, logger);

  bot.use(async (ctx, next) => {
    // telegraf builds a fresh Telegram instance for each update, so wrap that one too.
    retryOnRateLimit(ctx.telegram, rateLimit);
    if (!(await seen.claim(String(ctx.update.update_id)))) {
      logger.info("telegram.duplicate_update", { updateId: ctx.update.update_id });
      return;
    }
    await next();
  });
  bot.start(onStart);
  bot.help(onHelp);
  bot.command("status", (ctx) => onStatus(ctx, deps));
  bot.command("reindex", (ctx) => onReindex(ctx, deps));
  bot.on("callback_query", (ctx) => onCallbackQuery(ctx, deps));
  bot.on("message", async (ctx) => {
    // Texts and captioned media are read alike; media with no words get "text only".
    if (readableText(ctx.message)) await onText(ctx, deps);
    else await onNonText(ctx);
  });

  bot.catch((error, ctx) => {
    failed.add(ctx.update);
    logger.error("telegram.update_failed", { updateId: ctx.update.update_id, error: errorFields(error) });
  });
  return { bot, tasks, shutdown, startup, failed, seen };
}
