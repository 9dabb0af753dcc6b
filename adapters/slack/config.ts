import { webApi } from "@slack/bolt";
import { ConfigError } from "../../src/core/errors.ts";
import { parseIdList } from "../shared/operator-ids.ts";
import type { UserThrottleOptions } from "../shared/user-throttle.ts";

/** How Slack reaches the app: signed HTTP requests (Events API) or a Socket Mode websocket. */
export type SlackTransport =
  | {
      kind: "http";
      /** Verifies that requests come from Slack (SLACK_SIGNING_SECRET). */
      signingSecret: string;
      /** Port to listen on (SLACK_PORT). Defaults to 3000; 0 picks a free port. */
      port: number;
      /** Interface to bind (SLACK_HOST). Defaults to "0.0.0.0". */
      host: string;
    }
  | {
      kind: "socket";
      /** App-level token with connections:write (SLACK_APP_TOKEN, starts with "xapp-"). */
      appToken: string;
    };

/** Everything the Slack adapter needs; build it with {@link slackConfigFromEnv} or by hand in tests. */
export interface SlackConfig {
  /** Bot token (SLACK_BOT_TOKEN, starts with "xoxb-"). */
  botToken: string;
  transport: SlackTransport;
  /** Web API base URL ending in "/" (SLACK_API_URL). Defaults to Slack's own. */
  apiUrl?: string;
  /** Channel id that receives red-flag alerts (SLACK_ESCALATION_CHANNEL). Without it no alert is posted. */
  escalationChannel?: string;
  /** Slack user ids allowed to run `/lumbar reindex` (SLACK_OPERATOR_IDS). */
  operatorIds: ReadonlySet<string>;
  /**
   * How the Web API client retries failed calls, including 429s after their Retry-After.
   * Defaults to {@link PRODUCTION_RETRY_CONFIG}; a config with 0 retries turns 429 retries off.
   */
  retryConfig: webApi.RetryOptions;
  /** Per-user flood limit. Defaults to UserThrottle's own (8 messages a minute). */
  throttle?: UserThrottleOptions;
  /** How long auth.test at start may take, in ms (LUMBAR_STARTUP_TIMEOUT_SECONDS). Defaults to 10 s. */
  startupTimeoutMs?: number;
  /**
   * The durable inbox file for events (under LUMBAR_DATA_DIR, set by `lumbar start`). Unset: events
   * are acknowledged before they are on disk, and a crash can lose them.
   */
  inboxFile?: string;
  /** How often a question whose reply could not be posted is tried again, in ms. Defaults to 60,000. */
  inboxRetryMs?: number;
}

/**
 * Five retries over about five minutes. The WebClient waits out a 429's Retry-After and then
 * needs a retry left to resend, so this must never be 0 retries in production. The default
 * (ten retries over thirty minutes) would deliver an answer long after the person gave up.
 */
export const PRODUCTION_RETRY_CONFIG: webApi.RetryOptions = webApi.retryPolicies.fiveRetriesInFiveMinutes;

/**
 * Reads the Slack settings from the environment.
 *
 * @returns null when SLACK_BOT_TOKEN is unset or empty (Slack is simply not enabled).
 * @throws ConfigError naming the variable when Slack is enabled but a setting is missing or unusable.
 */
export function slackConfigFromEnv(env: NodeJS.ProcessEnv): SlackConfig | null {
  const botToken = read(env, "SLACK_BOT_TOKEN");
  if (botToken === undefined) return null;
  if (!botToken.startsWith("xoxb-")) throw new ConfigError("SLACK_BOT_TOKEN", "invalid: expected a bot token starting with xoxb-");

  return {
    botToken,
    transport: transportFromEnv(env),
    apiUrl: apiUrlFromEnv(env),
    escalationChannel: read(env, "SLACK_ESCALATION_CHANNEL"),
    operatorIds: parseIdList(env.SLACK_OPERATOR_IDS),
    retryConfig: PRODUCTION_RETRY_CONFIG,
  };
}

function transportFromEnv(env: NodeJS.ProcessEnv): SlackTransport {
  const appToken = read(env, "SLACK_APP_TOKEN");
  if (appToken !== undefined) {
    // A bot token pasted here is the usual mistake; Socket Mode would fail later with a vaguer error.
    if (!appToken.startsWith("xapp-")) throw new ConfigError("SLACK_APP_TOKEN", "invalid: expected an app-level token starting with xapp-");
    return { kind: "socket", appToken };
  }
  const signingSecret = read(env, "SLACK_SIGNING_SECRET");
  if (signingSecret === undefined) {
    throw new ConfigError("SLACK_SIGNING_SECRET", "missing: required for the HTTP (Events API) mode; set it, or set SLACK_APP_TOKEN for Socket Mode");
  }
  return { kind: "http", signingSecret, port: portFromEnv(env), host: read(env, "SLACK_HOST") ?? "0.0.0.0" };
}

function portFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = read(env, "SLACK_PORT");
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new ConfigError("SLACK_PORT", "invalid: expected a port number from 0 to 65535");
  return port;
}

function apiUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = read(env, "SLACK_API_URL");
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("SLACK_API_URL", "invalid: expected an http(s) URL such as https://slack.com/api/");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError("SLACK_API_URL", "invalid: expected an http(s) URL such as https://slack.com/api/");
  }
  // The WebClient appends the method name directly, so a missing slash would call ".../apichat.postMessage".
  return raw.endsWith("/") ? raw : `${raw}/`;
}

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}
