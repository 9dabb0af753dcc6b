import type { Telegram } from "telegraf";
import { DEFAULT_STARTUP_TIMEOUT_MS, startupCall } from "../shared/startup-call.ts";
import type { TelegramConfig } from "./config.ts";

/** The Bot API calls made only while starting: each gets the start-up deadline. */
const START_METHODS = new Set(["getMe", "deleteWebhook", "setWebhook", "setMyCommands"]);

type CallApi = (method: string, payload: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;

/** Runs one Bot API call with the start-up deadline (see {@link startupCall}). */
export type StartupBound = <T>(call: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** The start-up deadline for this bot's API root (TELEGRAM_API_ROOT, LUMBAR_STARTUP_TIMEOUT_SECONDS). */
export function startupBound(config: Pick<TelegramConfig, "apiRoot" | "startupTimeoutMs">): StartupBound {
  const endpoint = { platform: "Telegram", url: config.apiRoot, variable: "TELEGRAM_API_ROOT", timeoutMs: config.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS };
  return (call) => startupCall(endpoint, call);
}

/**
 * Gives getMe, deleteWebhook, setWebhook and setMyCommands a short deadline and no retry. telegraf
 * itself waits up to 500 s for an answer, so an unresponsive Bot API would otherwise hang start-up
 * silently; now it fails in one line naming the host and TELEGRAM_API_ROOT.
 */
export function boundStartupCalls(telegram: Telegram, bound: StartupBound): void {
  const original = (telegram.callApi as unknown as CallApi).bind(telegram);
  const wrapped: CallApi = (method, payload, options) => {
    if (!START_METHODS.has(method)) return original(method, payload, options);
    return bound((deadline) => original(method, payload, { ...options, signal: joinSignals(options?.signal, deadline) }));
  };
  telegram.callApi = wrapped as unknown as Telegram["callApi"];
}

/** An abort signal-like object: telegraf's polling passes the abort-controller package's, not Node's. */
interface SignalLike {
  aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
}

/**
 * A native signal that aborts when either does. AbortSignal.any accepts only native signals, and
 * telegraf's polling loop hands in a polyfilled one, so the two are joined by hand.
 */
export function joinSignals(caller: SignalLike | undefined, deadline: AbortSignal): AbortSignal {
  if (!caller) return deadline;
  const joined = new AbortController();
  const abort = () => joined.abort();
  if (caller.aborted || deadline.aborted) abort();
  caller.addEventListener("abort", abort, { once: true });
  deadline.addEventListener("abort", abort, { once: true });
  return joined.signal;
}
