/**
 * Lumbar's Slack adapter: answers DMs and @mentions (in their thread), offers follow-up questions
 * and safety check answers as buttons, posts red-flag alerts to operators, and serves `/lumbar help | status | reindex`.
 *
 * ```ts
 * const config = slackConfigFromEnv(process.env);
 * if (config) {
 *   const slack = await startSlack(lumbar, config, logger);
 *   process.once("SIGTERM", () => void slack.stop());
 * }
 * ```
 */
import type { AddressInfo } from "node:net";
import type { Lumbar } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { DeliveryDedupe } from "../shared/delivery-dedupe.ts";
import { SafetyChecks } from "../shared/safety-check.ts";
import { FloodLimit } from "../shared/flood-limit.ts";
import { createAlertPoster } from "./alerts.ts";
import { createAnswerer } from "./answer-question.ts";
import { createSlackApp, verifySlackToken } from "./app.ts";
import type { SlackConfig } from "./config.ts";
import { registerMessageEvents, type InboxQuestion } from "./message-events.ts";
import { DurableInbox } from "../shared/durable-inbox.ts";
import { createInboxWorker } from "../shared/inbox-worker.ts";
import { PendingWork } from "./pending-work.ts";
import { registerSlashCommand } from "./slash-command.ts";
import { registerButtons } from "./buttons.ts";
import { registerAckButton } from "./acknowledge-button.ts";

export { PRODUCTION_RETRY_CONFIG, slackConfigFromEnv, type SlackConfig, type SlackTransport } from "./config.ts";
export { renderAlert } from "./alerts.ts";
export { FAILURE_NOTICE, TEXT_ONLY_NOTICE } from "./answer-question.ts";
export { escapeMrkdwn, incomingText } from "./mrkdwn.ts";
export { CHECK_ACTION_PREFIX, renderReply, SECTION_TEXT_LIMIT, SUGGESTION_ACTION_PREFIX, type SlackMessage } from "./render-reply.ts";
export { HELP_TEXT, REINDEX_REFUSED_TEXT, SLASH_COMMAND } from "./slash-command.ts";

/** A running Slack adapter. */
export interface RunningSlack {
  /** Stops taking events, lets answers in flight finish (up to 10 s), then stops posting alerts. */
  stop(): Promise<void>;
  /** The port actually bound in HTTP mode (useful with port 0); undefined in Socket Mode. */
  port?: number;
  /** One line for the operator: "Slack: HTTP on 0.0.0.0:3000 as @lumbar". */
  summary: string;
}

/** How long stop() lets answers and reindexes in flight finish before giving up on them. */
const DRAIN_TIMEOUT_MS = 10_000;

// Slack redelivers for up to about 5 minutes; an hour leaves room for clock skew and slow retries.
const DEDUPE_TTL_MS = 60 * 60 * 1000;

/**
 * Connects Lumbar to Slack and starts listening (HTTP on `config.transport.host:port`, or Socket Mode).
 *
 * @throws ConfigError when the bot token is rejected (auth.test), PlatformUnreachableError when Slack
 *   cannot be reached in time, or the listen error when the port cannot be bound.
 */
export async function startSlack(lumbar: Lumbar, config: SlackConfig, logger: Logger): Promise<RunningSlack> {
  const identity = await verifySlackToken(config);
  const app = createSlackApp(config, logger, identity);
  await app.init();

  const pending = new PendingWork();
  const checks = new SafetyChecks();
  const answer = createAnswerer({ lumbar, client: app.client, throttle: new FloodLimit(config.throttle ?? {}, lumbar.floods, "slack", logger), checks, logger });
  const store = config.inboxFile ? await DurableInbox.open<InboxQuestion>(config.inboxFile) : undefined;
  const worker = store
    ? createInboxWorker({ inbox: store, handle: (entry) => answer(entry.payload.question), run: (work) => void pending.run(work), logger, channel: "slack", retryEveryMs: config.inboxRetryMs })
    : undefined;
  registerMessageEvents(app, { answer, recent: new DeliveryDedupe("slack", DEDUPE_TTL_MS, lumbar.deliveries, logger), pending, logger, inbox: store && worker ? { store, worker } : undefined });
  registerButtons(app, { answer, checks, client: app.client, pending, logger });
  registerSlashCommand(app, { lumbar, operatorIds: config.operatorIds, pending, logger });
  registerAckButton(app, { lumbar, operatorIds: config.operatorIds, client: app.client, pending, logger });
  app.error(async (error) => {
    logger.error("slack.unhandled", { error });
    // Rethrown so bolt answers 500 and Slack delivers the event again: it was not kept.
    if ((error as { code?: unknown }).code === "INBOX_FAILED") throw error;
  });

  // Subscribed before listening, so no red flag in the first events can miss its alert.
  let stopAlerts = () => {};
  if (config.escalationChannel) {
    stopAlerts = lumbar.onEscalation(createAlertPoster(app.client, config.escalationChannel, pending, logger), "slack");
  } else {
    logger.warn("slack.no_escalation_channel", { hint: "set SLACK_ESCALATION_CHANNEL so operators see red-flag alerts in Slack" });
  }

  let port: number | undefined;
  try {
    if (config.transport.kind === "http") {
      const server = await app.start({ port: config.transport.port, host: config.transport.host });
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
  } catch (error) {
    stopAlerts();
    await store?.close();
    throw error;
  }
  // Listening now: answer what a crash left unfinished.
  worker?.start();
  if (config.operatorIds.size === 0) logger.warn("slack.no_operators", { hint: "set SLACK_OPERATOR_IDS to allow /lumbar reindex" });
  logger.info("slack.started", { transport: config.transport.kind, port });

  const where = config.transport.kind === "http" ? `HTTP on ${config.transport.host}:${port}` : "Socket Mode";
  const summary = `Slack: ${where}${identity.botName ? ` as @${identity.botName}` : ""}`;
  let stopping: Promise<void> | undefined;
  return {
    port,
    summary,
    stop: () =>
      (stopping ??= (async () => {
        await app.stop();
        worker?.stop();
        if (!(await pending.drain(DRAIN_TIMEOUT_MS))) logger.warn("slack.stop_abandoned_work", { tasks: pending.size });
        await store?.close();
        // Last, so an answer finishing during the drain can still alert operators.
        stopAlerts();
        logger.info("slack.stopped", {});
      })()),
  };
}
