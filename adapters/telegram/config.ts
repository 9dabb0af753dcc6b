import { ConfigError } from "../../src/core/errors.ts";
import { parseIdList } from "../shared/operator-ids.ts";

/** Telegram's own Bot API server, used unless TELEGRAM_API_ROOT points elsewhere. */
export const DEFAULT_API_ROOT = "https://api.telegram.org";
/** 8443 is one of the four ports Telegram delivers webhooks to, so it also works without a proxy. */
export const DEFAULT_WEBHOOK_PORT = 8443;
export const DEFAULT_WEBHOOK_HOST = "0.0.0.0";

/** Where Telegram delivers updates when the bot runs in webhook mode. */
export interface TelegramWebhookConfig {
  /** The public HTTPS URL registered with Telegram (TELEGRAM_WEBHOOK_URL). */
  url: string;
  /** The local path requests must arrive on: the URL's path, as a reverse proxy passes it through. */
  path: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every request (TELEGRAM_WEBHOOK_SECRET). */
  secret: string;
  /** Local port to listen on (TELEGRAM_PORT); 0 picks a free one. */
  port: number;
  /** Local address to bind (TELEGRAM_HOST). */
  host: string;
}

/** Everything the Telegram adapter reads from the environment. */
export interface TelegramConfig {
  /** The bot token from BotFather (TELEGRAM_BOT_TOKEN). Never log it. */
  token: string;
  /** Bot API base URL (TELEGRAM_API_ROOT). */
  apiRoot: string;
  /** Set for webhook mode; absent means long polling. */
  webhook?: TelegramWebhookConfig;
  /** Chat that receives operator alerts: a numeric id or an @channel name (TELEGRAM_ESCALATION_CHAT_ID). */
  escalationChatId?: string;
  /** Telegram user ids allowed to run /reindex and /status (TELEGRAM_OPERATOR_IDS). */
  operatorIds: Set<string>;
  /** How long each Bot API call at start may take, in ms (LUMBAR_STARTUP_TIMEOUT_SECONDS). Defaults to 10 s. */
  startupTimeoutMs?: number;
  /**
   * The durable inbox file for webhook updates (under LUMBAR_DATA_DIR, set by `lumbar start`).
   * Unset: updates are acknowledged before they are on disk, and a crash can lose them.
   */
  inboxFile?: string;
  /** How often an update whose reply could not be sent is tried again, in ms. Defaults to 60,000. */
  inboxRetryMs?: number;
  /** How failed Bot API calls are retried (tests shorten the waits). */
  retry?: { backoffMs?: number[]; attemptTimeoutMs?: number };
}

// BotFather tokens look like "123456789:AA…"; checking the shape catches a pasted URL or a quote
// without ever echoing the token back into a log or an error.
const TOKEN_SHAPE = /^\d+:[A-Za-z0-9_-]+$/;
// The Bot API accepts 1-256 characters from this set for secret_token.
const SECRET_SHAPE = /^[A-Za-z0-9_-]{1,256}$/;
const CHAT_ID_SHAPE = /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})$/;

/**
 * Reads the Telegram adapter's settings.
 *
 * @returns null when TELEGRAM_BOT_TOKEN is unset or blank (the adapter is simply not started).
 * @throws ConfigError naming the variable when a value is unusable, e.g. TELEGRAM_WEBHOOK_URL
 *   without TELEGRAM_WEBHOOK_SECRET, or a secret with characters Telegram does not allow.
 */
export function telegramConfigFromEnv(env: NodeJS.ProcessEnv): TelegramConfig | null {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return null;
  if (!TOKEN_SHAPE.test(token)) {
    throw new ConfigError("TELEGRAM_BOT_TOKEN", "invalid: expected the token BotFather gave you, like 123456789:AAE…");
  }

  return {
    token,
    apiRoot: readApiRoot(env.TELEGRAM_API_ROOT),
    webhook: readWebhook(env),
    escalationChatId: readChatId(env.TELEGRAM_ESCALATION_CHAT_ID),
    operatorIds: readOperatorIds(env.TELEGRAM_OPERATOR_IDS),
  };
}

function readApiRoot(value: string | undefined): string {
  const raw = value?.trim();
  if (!raw) return DEFAULT_API_ROOT;
  const url = parseUrl(raw);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConfigError("TELEGRAM_API_ROOT", "invalid: expected an http(s) URL such as https://api.telegram.org");
  }
  return raw.replace(/\/+$/, "");
}

function readWebhook(env: NodeJS.ProcessEnv): TelegramWebhookConfig | undefined {
  const raw = env.TELEGRAM_WEBHOOK_URL?.trim();
  if (!raw) return undefined;
  const url = parseUrl(raw);
  // Telegram only delivers webhooks over HTTPS.
  if (!url || url.protocol !== "https:") {
    throw new ConfigError("TELEGRAM_WEBHOOK_URL", "invalid: expected the public https:// URL Telegram should post updates to");
  }

  const secret = env.TELEGRAM_WEBHOOK_SECRET?.trim();
  if (!secret) {
    throw new ConfigError("TELEGRAM_WEBHOOK_SECRET", "missing: required with TELEGRAM_WEBHOOK_URL, so forged updates can be rejected");
  }
  if (!SECRET_SHAPE.test(secret)) {
    throw new ConfigError("TELEGRAM_WEBHOOK_SECRET", "invalid: use 1-256 characters from A-Z, a-z, 0-9, _ and -");
  }

  return {
    url: url.toString(),
    path: url.pathname || "/",
    secret,
    port: readPort(env.TELEGRAM_PORT),
    host: env.TELEGRAM_HOST?.trim() || DEFAULT_WEBHOOK_HOST,
  };
}

function readPort(value: string | undefined): number {
  const raw = value?.trim();
  if (!raw) return DEFAULT_WEBHOOK_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError("TELEGRAM_PORT", "invalid: expected a port number between 0 and 65535");
  }
  return port;
}

function readChatId(value: string | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (!CHAT_ID_SHAPE.test(raw)) {
    throw new ConfigError("TELEGRAM_ESCALATION_CHAT_ID", "invalid: expected a numeric chat id (groups start with -100) or an @channel name");
  }
  return raw;
}

function readOperatorIds(value: string | undefined): Set<string> {
  const ids = parseIdList(value);
  for (const id of ids) {
    // Numeric ids only: usernames can be changed or taken over, ids cannot.
    if (!/^\d+$/.test(id)) {
      throw new ConfigError("TELEGRAM_OPERATOR_IDS", "invalid: expected comma-separated numeric Telegram user ids, not usernames");
    }
  }
  return ids;
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
