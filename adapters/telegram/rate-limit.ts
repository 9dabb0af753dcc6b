import { TelegramError, type Telegram } from "telegraf";
import type { Logger } from "../../src/log/logger.ts";

/** How 429 "Too Many Requests" answers are retried. */
export interface RateLimitOptions {
  logger: Logger;
  /** Retries per call before giving up. Defaults to 3. */
  maxRetries?: number;
  /**
   * Longest wait honoured, in seconds. Defaults to 60. Telegram has asked for waits of many hours;
   * holding a handler that long helps nobody, so such calls fail at once instead.
   */
  maxWaitSeconds?: number;
  /** Aborted on shutdown, so a pending wait does not hold the process open. */
  signal?: AbortSignal;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

// Polling already honours retry_after for getUpdates, and a late typing indicator is worthless.
const NOT_RETRIED = new Set(["getUpdates", "sendChatAction"]);
const guarded = new WeakSet<object>();

type CallApi = (method: string, payload: unknown, options?: { signal?: unknown }) => Promise<unknown>;

/**
 * Makes every Bot API call on this Telegram instance wait out a 429's retry_after and try again,
 * within the limits in `options`. telegraf creates a new Telegram instance for every update, so
 * this is applied to the bot's instance and, from middleware, to each update's instance.
 */
export function retryOnRateLimit(telegram: Telegram, options: RateLimitOptions): void {
  if (guarded.has(telegram)) return;
  guarded.add(telegram);
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitSeconds = options.maxWaitSeconds ?? 60;
  const sleep = options.sleep ?? abortableSleep;
  const original = (telegram.callApi as CallApi).bind(telegram);

  const wrapped: CallApi = async (method, payload, callOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await original(method, payload, callOptions);
      } catch (error) {
        if (!(error instanceof TelegramError) || error.code !== 429 || NOT_RETRIED.has(method)) throw error;
        const retryAfter = Number(error.parameters?.retry_after ?? 1);
        if (attempt > maxRetries || retryAfter > maxWaitSeconds || options.signal?.aborted) {
          options.logger.error("telegram.rate_limited_giving_up", { method, retryAfter, attempt });
          throw error;
        }
        options.logger.warn("telegram.rate_limited", { method, retryAfter, attempt });
        await sleep(retryAfter * 1000, options.signal);
      }
    }
  };
  telegram.callApi = wrapped as unknown as Telegram["callApi"];
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
