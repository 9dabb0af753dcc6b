import { TelegramError, type Telegram } from "telegraf";
import type { Logger } from "../../src/log/logger.ts";

/** How failed Bot API calls are retried: 429s after their retry_after, 5xx and network errors with backoff. */
export interface RateLimitOptions {
  logger: Logger;
  /** 429 retries per call before giving up. Defaults to 3. */
  maxRetries?: number;
  /**
   * Longest wait honoured, in seconds. Defaults to 60. Telegram has asked for waits of many hours;
   * holding a handler that long helps nobody, so such calls fail at once instead.
   */
  maxWaitSeconds?: number;
  /**
   * Waits before each retry of a call that failed with a 5xx, a connection error or a timeout, in
   * ms; their count is the number of retries. Defaults to {@link DEFAULT_TRANSIENT_BACKOFF_MS}.
   */
  backoffMs?: number[];
  /** One attempt of a message-sending call may take this long, in ms. Defaults to 30,000. */
  attemptTimeoutMs?: number;
  /** Aborted on shutdown, so a pending wait does not hold the process open. */
  signal?: AbortSignal;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** About 15 s of retries: a Bot API hiccup (a 502 from its proxy, a reset connection) passes in seconds. */
export const DEFAULT_TRANSIENT_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000];

// Polling already honours retry_after for getUpdates, and a late typing indicator is worthless.
const NOT_RETRIED = new Set(["getUpdates", "sendChatAction"]);
/**
 * Calls that deliver something to a person are retried after a 5xx or a network failure too. A
 * retry may post a message twice when the first try did arrive: a repeated reply is far better than
 * lost emergency guidance. Start-up calls (getMe, setWebhook) are not: they should fail fast.
 */
const RETRIED_ON_FAILURE = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"]);
// Connection failures worth another try; anything else (a bad URL, a TLS error) will not heal.
const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED", "UND_ERR_SOCKET"]);
const guarded = new WeakSet<object>();

type CallApi = (method: string, payload: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;

/**
 * Makes every Bot API call on this Telegram instance survive the failures that pass: a 429 waits
 * out its retry_after; a 5xx, a reset or refused connection, or an attempt that takes longer than
 * `attemptTimeoutMs` is retried with exponential backoff (message-sending calls only). This is the
 * one place Telegram calls are retried. telegraf creates a new Telegram instance for every update,
 * so this is applied to the bot's instance and, from middleware, to each update's instance.
 */
export function retryOnRateLimit(telegram: Telegram, options: RateLimitOptions): void {
  if (guarded.has(telegram)) return;
  guarded.add(telegram);
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitSeconds = options.maxWaitSeconds ?? 60;
  const backoffMs = options.backoffMs ?? DEFAULT_TRANSIENT_BACKOFF_MS;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;
  const original = (telegram.callApi as CallApi).bind(telegram);

  const attempt = async (method: string, payload: unknown, callOptions?: { signal?: AbortSignal }) => {
    if (!RETRIED_ON_FAILURE.has(method)) return original(method, payload, callOptions);
    // node-fetch's own timeout is over 8 minutes; an attempt that hangs must fail and be retried.
    const timeout = AbortSignal.timeout(attemptTimeoutMs);
    const signal = callOptions?.signal ? AbortSignal.any([callOptions.signal, timeout]) : timeout;
    try {
      return await original(method, payload, { ...callOptions, signal });
    } catch (error) {
      if (timeout.aborted && !callOptions?.signal?.aborted) throw new AttemptTimeoutError(method, attemptTimeoutMs);
      throw error;
    }
  };

  const wrapped: CallApi = async (method, payload, callOptions) => {
    let rateLimited = 0;
    let failed = 0;
    for (;;) {
      try {
        return await attempt(method, payload, callOptions);
      } catch (error) {
        if (NOT_RETRIED.has(method)) throw error;
        if (error instanceof TelegramError && error.code === 429) {
          rateLimited++;
          const retryAfter = Number(error.parameters?.retry_after ?? 1);
          if (rateLimited > maxRetries || retryAfter > maxWaitSeconds || options.signal?.aborted) {
            options.logger.error("telegram.rate_limited_giving_up", { method, retryAfter, attempt: rateLimited });
            throw error;
          }
          options.logger.warn("telegram.rate_limited", { method, retryAfter, attempt: rateLimited });
          await sleep(retryAfter * 1000, options.signal);
          continue;
        }
        const reason = transientReason(error);
        if (!reason || !RETRIED_ON_FAILURE.has(method)) throw error;
        failed++;
        if (failed > backoffMs.length || options.signal?.aborted) {
          options.logger.error("telegram.call_failed_giving_up", { method, reason, attempts: failed });
          throw error;
        }
        options.logger.warn("telegram.call_failed_retrying", { method, reason, attempt: failed, waitMs: backoffMs[failed - 1] });
        await sleep(backoffMs[failed - 1]!, options.signal);
      }
    }
  };
  telegram.callApi = wrapped as unknown as Telegram["callApi"];
}

/** An attempt of a Bot API call that got no answer in time. */
export class AttemptTimeoutError extends Error {
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`${method}: no answer from the Bot API within ${timeoutMs} ms`);
    this.name = "AttemptTimeoutError";
  }
}

/** Why a failure may pass with a retry ("http 502", "ECONNRESET", "timeout"), or undefined when it will not. */
export function transientReason(error: unknown): string | undefined {
  if (error instanceof TelegramError) return error.code >= 500 ? `http ${error.code}` : undefined;
  if (error instanceof AttemptTimeoutError) return "timeout";
  const e = error as { code?: unknown; type?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  if (code && TRANSIENT_CODES.has(code)) return code;
  // node-fetch: a socket that closed mid-answer, or its own request timeout.
  if (e?.type === "request-timeout") return "timeout";
  if (e?.type === "system" || (error instanceof Error && /socket hang up|premature close/i.test(error.message))) return code ?? "network";
  return undefined;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("Shutting down"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("Shutting down"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
