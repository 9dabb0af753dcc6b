import { TelegramError, type Telegram } from "telegraf";
import { LumbarError } from "../../src/core/errors.ts";
import type { Logger } from "../../src/log/logger.ts";
import type { Lease } from "../../src/store/types.ts";
import { ALLOWED_UPDATES, type LumbarBot } from "./bot.ts";
import { errorFields } from "./log-fields.ts";
import { abortableSleep } from "./rate-limit.ts";
import { joinSignals, type StartupBound } from "./startup-calls.ts";

/** Another process is polling with the same bot token (Telegram answered 409 Conflict). */
export class PollingConflictError extends Error {
  constructor(cause: TelegramError) {
    super(
      "Telegram answered 409 Conflict: another bot instance is polling with this TELEGRAM_BOT_TOKEN " +
        `(${cause.description}). Run exactly one poller per token: stop the other process, ` +
        "give this one its own bot token from BotFather, or use webhook mode.",
      { cause },
    );
    this.name = "PollingConflictError";
  }
}

/**
 * Claims the right to poll this bot among every instance on the shared database, before polling
 * starts. Telegram would refuse a second poller with 409 Conflict only once both poll, and the two
 * would meanwhile take turns at the updates; the claim refuses the second at start, in one line.
 * The bot id is the token's public part before the colon (the secret after it is never used).
 *
 * @throws LumbarError POLLER_RUNNING when another instance holds the claim.
 */
export async function claimPolling(exclusive: (name: string) => Promise<Lease | null>, token: string): Promise<Lease> {
  const botId = token.split(":")[0];
  const lease = await exclusive(`telegram-polling:${botId}`);
  if (lease) return lease;
  throw new LumbarError(
    "POLLER_RUNNING",
    `another Lumbar instance on this database is already polling Telegram bot ${botId}; a bot has one poller, so stop the other instance, or run several instances in webhook mode (TELEGRAM_WEBHOOK_URL)`,
  );
}

/** Long polling that has started; stop() ends it after the updates in hand are handled. */
export interface PollingHandle {
  stop(reason: string): Promise<void>;
}

// A pause after an empty batch. Telegram only returns one after its 50 s long poll, so this costs
// nothing there, but it stops a tight loop against servers that ignore `timeout`.
const IDLE_PAUSE_MS = 50;

/**
 * Starts long polling and resolves once the first getUpdates has succeeded, so a wrong token, an
 * unreachable API or a 409 Conflict fails startup instead of surfacing later. If polling dies
 * afterwards (e.g. a second poller appears), the error is logged.
 */
export async function startPolling({ bot, shutdown, startup }: LumbarBot, logger: Logger): Promise<PollingHandle> {
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  watchGetUpdates(bot.telegram, shutdown.signal, markReady, startup);

  let started = false;
  const launched = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).then(
    () => undefined,
    (error: unknown) => {
      const failure = asConflict(error);
      if (started) logger.error("telegram.polling_stopped", { error: errorFields(failure) });
      throw failure;
    },
  );
  await Promise.race([ready, launched]);
  started = true;
  // Failures after startup are logged above; keep them from becoming unhandled rejections.
  launched.catch(() => {});

  return {
    async stop(reason: string) {
      try {
        bot.stop(reason);
      } catch {
        // "Bot is not running!": polling already ended (its error was logged).
      }
      await launched.catch(() => {});
    },
  };
}

type CallApi = (method: string, payload: Record<string, unknown>, options?: { signal?: AbortSignal }) => Promise<unknown>;

function watchGetUpdates(telegram: Telegram, signal: AbortSignal, markReady: () => void, startup: StartupBound): void {
  const original = (telegram.callApi as unknown as CallApi).bind(telegram);
  let first = true;
  let failedToStart: unknown = null;
  const wrapped: CallApi = async (method, payload, options) => {
    if (method !== "getUpdates") return original(method, payload, options);
    // telegraf confirms the offset with one more getUpdates after its loop ends, with no timeout;
    // after a failed first poll there is nothing to confirm, and that call would hang the exit.
    if (failedToStart) throw failedToStart;
    // The first poll must not wait out a 50 s long poll before startup can report success, and is
    // part of start-up: it gets the start-up deadline, and fails start-up instead of being retried
    // every 5 s by telegraf's loop (which would hang start-up silently).
    const quick = first && payload.timeout !== undefined;
    first = false;
    const result = quick
      ? await startup((deadline) => original(method, { ...payload, timeout: 0 }, { signal: joinSignals(options?.signal, deadline) })).catch((error: unknown) => {
          failedToStart = error;
          throw error;
        })
      : await original(method, payload, options);
    markReady();
    if (Array.isArray(result) && result.length === 0) await abortableSleep(IDLE_PAUSE_MS, signal).catch(() => {});
    return result;
  };
  telegram.callApi = wrapped as unknown as Telegram["callApi"];
}

function asConflict(error: unknown): unknown {
  return error instanceof TelegramError && error.code === 409 ? new PollingConflictError(error) : error;
}
