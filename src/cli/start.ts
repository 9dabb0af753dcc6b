import { requireConsoleToken, type LumbarConfig } from "../config/config.ts";
import { createLumbar } from "../core/create-lumbar.ts";
import { createLogger } from "../log/logger.ts";
import { installPseudonymKey } from "../log/pseudonym.ts";
import { inboxPath } from "../../adapters/shared/durable-inbox.ts";
import { startHealthServer } from "../health/health-server.ts";
import { createStores } from "../store/create-stores.ts";
import { currentVersion } from "../index/load-index.ts";

const NO_CHANNELS = `No chat channel is configured, so Lumbar opens the terminal chat.
To serve Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode).
To serve Telegram, set TELEGRAM_BOT_TOKEN (and TELEGRAM_WEBHOOK_URL with TELEGRAM_WEBHOOK_SECRET for webhook mode).
See README.md for every variable.
`;

/** `npm start`: serves every configured channel; with none, explains how and opens the terminal chat. */
export async function start(config: LumbarConfig): Promise<number> {
  const logger = createLogger(config.logLevel);
  // In the terminal chat, routine log lines would interleave with the conversation.
  const chatLogger = createLogger(process.env.LUMBAR_LOG_LEVEL ? config.logLevel : "error");
  // Each SDK loads only when its channel is configured: the terminal path stays fast and light.
  const slackModule = process.env.SLACK_BOT_TOKEN ? await import("../../adapters/slack/index.ts") : null;
  const telegramModule = process.env.TELEGRAM_BOT_TOKEN ? await import("../../adapters/telegram/index.ts") : null;
  const slack = slackModule?.slackConfigFromEnv(process.env) ?? null;
  const telegram = telegramModule?.telegramConfigFromEnv(process.env) ?? null;
  for (const channel of [slack, telegram]) if (channel) channel.startupTimeoutMs = config.startupTimeoutMs;
  const coreLogger = slack || telegram ? logger : chatLogger;
  const keySource = await installPseudonymKey(config.dataDir, config.pseudonymKey);
  coreLogger.debug("pseudonym_key", { source: keySource });
  const stores = await createStores(config, { logger: coreLogger });
  // One poller per bot across the instances on the database: a second `lumbar start` stops here.
  const pollingLease = telegramModule && telegram && !telegram.webhook ? await telegramModule.claimPolling(stores.exclusive, telegram.token).catch(async (err) => {
    await stores.close();
    throw err;
  }) : null;
  // Without its token the console refuses to start, before anything else does.
  if (config.consolePort !== null) requireConsoleToken(config);
  // Metrics are served on the health port and counted on the console, so measured only when either is set.
  const metrics = config.healthPort === null && config.consolePort === null ? null : (await import("../metrics/lumbar-metrics.ts")).createMetrics();
  const core = createLumbar({ config, logger: coreLogger, stores });
  const lumbar = metrics ? metrics.instrument(core) : core;

  if (!slack && !telegram) {
    process.stdout.write(NO_CHANNELS);
    // Said only when it is true: a start with an index already built just loads it.
    if ((await currentVersion(config.dataDir).catch(() => null)) === null) process.stdout.write("Building the index (the first start does this once)...\n");
    const s = await lumbar.status();
    process.stdout.write(`Index ${s.version} ready (${s.chunkCount} chunks).\n\n`);
    const { runTerminalChat } = await import("../../adapters/terminal/terminal-chat.ts");
    await runTerminalChat(lumbar, { input: process.stdin, output: process.stdout });
    await lumbar.close();
    return 0;
  }

  // Listening before the index is ready, so /readyz can say "not ready" while the first build runs.
  const health = config.healthPort === null ? null : await startHealthServer({ index: () => lumbar.status(), storeKind: stores.kind, pingStore: () => stores.ping(), metrics: metrics?.render }, { port: config.healthPort, host: config.healthHost });
  if (health) logger.info("health.listening", { port: health.port });
  const consoleServer =
    config.consolePort === null
      ? null
      : await (await import("../console/open-console.ts")).openConsole(lumbar, stores, config, logger, metrics ? { hourly: metrics.hourly } : {}).catch(async (err) => {
          await health?.close();
          await lumbar.close();
          throw err;
        });
  const running: Array<{ name: string; summary: string; stop(): Promise<void> }> = [];
  try {
    // The platforms first: an unreachable API or a rejected token fails in seconds, in one line,
    // before a first index build that can take minutes with a hosted embedder. A message arriving
    // meanwhile waits for the index like any other. Acknowledged messages are kept on disk until
    // answered (see adapters/shared/durable-inbox.ts).
    if (slackModule && slack) running.push({ name: "slack", ...(await slackModule.startSlack(lumbar, { ...slack, inboxFile: inboxPath(config.dataDir, "slack") }, logger)) });
    if (telegramModule && telegram) running.push({ name: "telegram", ...(await telegramModule.startTelegram(lumbar, { ...telegram, inboxFile: inboxPath(config.dataDir, "telegram") }, logger)) });
    await lumbar.status();
  } catch (err) {
    // One channel failing to start must not leave the other serving half a deployment.
    for (const r of running) await r.stop().catch(() => undefined);
    await pollingLease?.release();
    await lumbar.close();
    await health?.close();
    await consoleServer?.close();
    throw err;
  }
  logger.info("started", { channels: running.map((r) => r.name) });
  // One human line per channel beside the JSON logs, for the operator watching it start.
  for (const r of running) process.stdout.write(`${r.summary}\n`);
  if (consoleServer) process.stdout.write(`Console: ${consoleServer.url}\n`);
  // Alerts a crash or a stop left undelivered go out now, to the operator channels just started.
  await lumbar.resumePendingAlerts().catch((err) => logger.error("escalation.resume_failed", { error: err }));

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info("stopping", { signal });
      // Load balancers see "not ready" at once and send no new messages while the channels drain.
      health?.draining();
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  for (const r of running) await r.stop().catch((err) => logger.error("stop_failed", { channel: r.name, error: err }));
  await pollingLease?.release();
  await consoleServer?.close();
  await lumbar.close();
  await health?.close();
  return 0;
}

