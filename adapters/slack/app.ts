import { App, LogLevel, webApi } from "@slack/bolt";
import { ConfigError } from "../../src/core/errors.ts";
import type { Logger } from "../../src/log/logger.ts";
import { DEFAULT_STARTUP_TIMEOUT_MS, startupCall } from "../shared/startup-call.ts";
import { boltLogger } from "./bolt-logger.ts";
import type { SlackConfig } from "./config.ts";

/** Who the bot is in its workspace, from auth.test. */
export interface SlackIdentity {
  botId: string;
  botUserId: string;
  /** The bot's user name in the workspace, for the start-up line. */
  botName?: string;
}

/** Slack's own Web API, used unless SLACK_API_URL says otherwise. */
export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

// auth.test errors that mean the token itself is wrong, not the network.
const TOKEN_REJECTED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"]);

// The start-up client reports through the error it throws; its own retry warnings would only add lines.
const quietSlackLogger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/**
 * Checks the bot token with one auth.test, so a bad token or an unreachable API fails start-up in one
 * line instead of at the first event. It has its own client: one attempt and a short timeout, not
 * the minutes of retries answers get (PRODUCTION_RETRY_CONFIG).
 *
 * @throws ConfigError naming SLACK_BOT_TOKEN when Slack rejects the token; PlatformUnreachableError
 *   naming the host and SLACK_API_URL when Slack cannot be reached or does not answer in time.
 */
export async function verifySlackToken(config: SlackConfig): Promise<SlackIdentity> {
  const url = config.apiUrl ?? DEFAULT_SLACK_API_URL;
  const timeoutMs = config.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const client = new webApi.WebClient(config.botToken, { slackApiUrl: url, retryConfig: { retries: 0 }, timeout: timeoutMs, rejectRateLimitedCalls: true, logger: quietSlackLogger });
  const endpoint = { platform: "Slack", url, variable: "SLACK_API_URL", timeoutMs };
  const result = await startupCall(endpoint, () => client.auth.test()).catch((error: unknown) => rethrowRejection(error, "SLACK_BOT_TOKEN", "auth.test", "the Bot User OAuth Token (xoxb-…)"));
  if (!result.bot_id || !result.user_id) throw new ConfigError("SLACK_BOT_TOKEN", "invalid: this is not a bot token (auth.test named no bot); use the Bot User OAuth Token xoxb-…");
  if (config.transport.kind === "socket") {
    // Socket Mode opens its connection with apps.connections.open, which bolt's socket client retries
    // a hundred times: one attempt here first, so a bad app token or no route fails start-up in one
    // line. The URL it returns is left unused and expires.
    const app = new webApi.WebClient(config.transport.appToken, { slackApiUrl: url, retryConfig: { retries: 0 }, timeout: timeoutMs, rejectRateLimitedCalls: true, logger: quietSlackLogger });
    await startupCall(endpoint, () => app.apps.connections.open()).catch((error: unknown) => {
      // A 429 (the method allows about one call a minute, and bolt's own follows at once) proves
      // Slack is reachable and took the token: bolt's client then waits out the Retry-After itself.
      if ((error as { code?: unknown }).code === webApi.ErrorCode.RateLimitedError) return;
      rethrowRejection(error, "SLACK_APP_TOKEN", "apps.connections.open", "an app-level token (xapp-…) with connections:write");
    });
  }
  return { botId: result.bot_id, botUserId: result.user_id, ...(result.user ? { botName: result.user } : {}) };
}

/** Turns Slack's refusal of a token into a ConfigError naming its variable; other errors pass through. */
function rethrowRejection(error: unknown, variable: string, method: string, what: string): never {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof code === "string" && TOKEN_REJECTED.has(code)) throw new ConfigError(variable, `invalid: Slack rejected the token (${code}); copy ${what} again`);
  if (typeof code === "string") throw new ConfigError(variable, `Slack refused ${method} (${code})`);
  throw error;
}

/**
 * Builds the bolt App for the configured transport, not yet initialised: call `await app.init()`
 * and then start it. The identity from {@link verifySlackToken} is handed in, so bolt makes no
 * auth.test of its own (which would retry for minutes against an unreachable API).
 */
export function createSlackApp(config: SlackConfig, logger: Logger, identity: SlackIdentity): App {
  const common = {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    tokenVerificationEnabled: false,
    logger: boltLogger(logger),
    // A fresh object each time: bolt writes its logger into the options it is given.
    clientOptions: { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: config.retryConfig },
    deferInitialization: true,
    // Lumbar keeps its own conversation memory, keyed by thread.
    convoStore: false as const,
  };
  if (config.transport.kind === "socket") {
    return new App({ ...common, socketMode: true, appToken: config.transport.appToken });
  }
  return new App({
    ...common,
    signingSecret: config.transport.signingSecret,
    // The HTTP answer is sent when the listeners return. They return as soon as the event is in the
    // durable inbox (a few ms) and answer in the background: an answer can take longer than Slack's
    // 3-second window, and Slack never sends again an event it got a 200 for.
    processBeforeResponse: true,
  });
}
