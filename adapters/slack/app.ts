import { App } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import { boltLogger } from "./bolt-logger.ts";
import type { SlackConfig } from "./config.ts";

/**
 * Builds the bolt App for the configured transport, not yet initialised: call `await app.init()`
 * (which runs auth.test, so a bad token fails startup instead of the first event) and then start it.
 */
export function createSlackApp(config: SlackConfig, logger: Logger): App {
  const common = {
    token: config.botToken,
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
