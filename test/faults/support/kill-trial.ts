// One kill -9 trial: the real Lumbar process (`node bin/lumbar.js start`) serving Telegram's webhook
// or Slack's HTTP events, against a fake platform API on 127.0.0.1, is killed with SIGKILL in the
// middle of a burst of emergency messages and started again. Everything the platform got a 200
// for must then have its audit record, its reply and its operator alert. Used by
// test/faults/kill-burst.test.ts (a few trials) and scripts/fault-kill.mts (twenty, with figures).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../../src/config/config.ts";
import { readAuditLog } from "../../../src/safety/audit-log.ts";
import { FakeSlackApi } from "../../slack/helpers/fake-slack-api.ts";
import { slackSignature } from "../../slack/helpers/slack-requests.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";

export type TrialChannel = "telegram" | "slack";

export interface TrialOptions {
  channel: TrialChannel;
  /** Emergency messages in the burst. */
  burst: number;
  /** Messages in flight at once. */
  concurrency?: number;
  /** The process is killed once this many messages were acknowledged. */
  killAfterAcks: number;
  /** How long to wait after the restart for every reply, in ms. */
  settleMs?: number;
}

export interface TrialResult {
  channel: TrialChannel;
  burst: number;
  /** Acknowledged (200) before the kill. */
  ackedBeforeKill: number;
  /** Messages whose request failed at the kill (no 200), delivered again after the restart as the platform does. */
  redelivered: number;
  /** Unfinished messages the restarted process took from its inbox. */
  replayed: number;
  /** Acknowledged messages with no reply / no audit record / an alert never delivered, after the restart. Must be 0. */
  lostReplies: number;
  lostAudits: number;
  lostAlerts: number;
  /** Messages answered more than once (a reply sent just before the kill, before it was marked done). */
  duplicateReplies: number;
  /** Milliseconds from the restart until every reply, record and alert was there. */
  recoveryMs: number;
  /** Acknowledgement latency of the burst before the kill (ms, median and 99th percentile), the durable write included. */
  ackMsP50: number;
  ackMsP99: number;
}

const TELEGRAM_TOKEN = "123456789:FAULT-token_for-lumbar";
const SECRET = "fault_Secret-1";
const SIGNING_SECRET = "fault-signing-secret";
const OPERATOR_CHAT = "-1001234567890";
const OPERATOR_CHANNEL = "COPS";
const EMERGENCY = "I wet myself and can't feel my bum";

/** Runs one trial and reports what survived. Throws only when the harness itself fails. */
export async function runKillTrial(options: TrialOptions): Promise<TrialResult> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lumbar-kill-"));
  const dataDir = path.join(root, "data");
  const port = await freePort();
  const telegramApi = options.channel === "telegram" ? await startFakeBotApi() : undefined;
  const slackApi = options.channel === "slack" ? await FakeSlackApi.start() : undefined;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // Under vitest, the sources being tested rather than dist/ (see vitest.config.ts).
    LUMBAR_RUN_SOURCE: process.env.LUMBAR_RUN_SOURCE,
    LUMBAR_DATA_DIR: dataDir,
    LUMBAR_CORPUS_DIR: path.join(PROJECT_ROOT, "corpus"),
    LUMBAR_LOG_LEVEL: "warn",
    ...(telegramApi
      ? {
          TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
          TELEGRAM_API_ROOT: telegramApi.apiRoot,
          TELEGRAM_WEBHOOK_URL: "https://lumbar.example.invalid/tg",
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          TELEGRAM_PORT: String(port),
          TELEGRAM_HOST: "127.0.0.1",
          TELEGRAM_ESCALATION_CHAT_ID: OPERATOR_CHAT,
        }
      : {
          SLACK_BOT_TOKEN: "xoxb-fault-test",
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_PORT: String(port),
          SLACK_HOST: "127.0.0.1",
          SLACK_API_URL: slackApi!.url,
          SLACK_ESCALATION_CHANNEL: OPERATOR_CHANNEL,
        }),
  };
  const url = options.channel === "telegram" ? `http://127.0.0.1:${port}/tg` : `http://127.0.0.1:${port}/slack/events`;
  const messages = Array.from({ length: options.burst }, (_, i) => makeMessage(options.channel, i));
  let child: RunningChild | undefined;
  try {
    child = await startLumbar(env, url);
    // The burst, killed mid-way.
    const acked = new Set<number>();
    const ackMs: number[] = [];
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (next < messages.length && !killed) {
        const i = next++;
        const sent = performance.now();
        const status = await post(url, messages[i]!.body(0)).catch(() => 0);
        if (status === 200 && !killed) {
          acked.add(i);
          ackMs.push(performance.now() - sent);
        }
        if (acked.size >= options.killAfterAcks && !killed) {
          killed = true;
          child!.process.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
    if (!killed) child.process.kill("SIGKILL");
    await child.exited;
    const ackedBeforeKill = acked.size;

    // The restart, then the platform's redelivery of everything that never got its 200.
    const restartedAt = Date.now();
    child = await startLumbar(env, url);
    const unacked = messages.map((_, i) => i).filter((i) => !acked.has(i));
    for (const i of unacked) {
      for (let attempt = 1; attempt <= 20; attempt++) {
        if ((await post(url, messages[i]!.body(attempt)).catch(() => 0)) === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    // Wait for every reply, audit record and alert.
    const auditFile = path.join(dataDir, "escalations.jsonl");
    const target = options.channel;
    let missing = { replies: messages.length, audits: messages.length, alerts: messages.length };
    const deadline = Date.now() + (options.settleMs ?? 30_000);
    let recoveryMs = -1;
    while (Date.now() < deadline) {
      const log = await readAuditLog(auditFile);
      const replied = repliedConversations(options.channel, telegramApi, slackApi);
      const audited = new Set(log.records.map((r) => r.conversationId.split(":")[0]));
      const deliveredIds = new Set(log.deliveries.filter((d) => d.outcome === "delivered" && d.target === target).map((d) => d.escalationId));
      const alerted = new Set(log.records.filter((r) => r.id && deliveredIds.has(r.id)).map((r) => r.conversationId.split(":")[0]));
      missing = {
        replies: messages.filter((m) => !replied.has(m.conversation)).length,
        audits: messages.filter((m) => !audited.has(m.conversation)).length,
        alerts: messages.filter((m) => !alerted.has(m.conversation)).length,
      };
      if (missing.replies + missing.audits + missing.alerts === 0) {
        recoveryMs = Date.now() - restartedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const stderr = child.stderr();
    const replayed = [...stderr.matchAll(/inbox_replaying"[^}]*"messages":(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    return {
      channel: options.channel,
      burst: options.burst,
      ackedBeforeKill,
      redelivered: unacked.length,
      replayed,
      lostReplies: missing.replies,
      lostAudits: missing.audits,
      lostAlerts: missing.alerts,
      duplicateReplies: duplicateReplies(options.channel, telegramApi, slackApi),
      recoveryMs,
      ackMsP50: percentile(ackMs, 0.5),
      ackMsP99: percentile(ackMs, 0.99),
    };
  } finally {
    if (child && child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill("SIGKILL");
      await child.exited;
    }
    await telegramApi?.stop();
    await slackApi?.close();
    await rm(root, { recursive: true, force: true });
  }
}

// === The messages

interface TrialMessage {
  /** The conversation it belongs to: a Telegram chat id, or a Slack DM channel. */
  conversation: string;
  /** The request body; `retry` > 0 for the platform's redelivery of the same update or event. */
  body(retry: number): { json: string; headers: Record<string, string> };
}

function makeMessage(channel: TrialChannel, i: number): TrialMessage {
  if (channel === "telegram") {
    const chatId = 500_000 + i;
    const json = JSON.stringify({
      update_id: 1_000 + i,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "P" }, text: EMERGENCY },
    });
    return { conversation: String(chatId), body: () => ({ json, headers: { "x-telegram-bot-api-secret-token": SECRET } }) };
  }
  const channelId = `D${String(i).padStart(6, "0")}`;
  const ts = `1700000000.${String(i).padStart(6, "0")}`;
  const json = JSON.stringify({
    token: "t",
    team_id: "T0TEST",
    api_app_id: "A0TEST",
    type: "event_callback",
    event_id: `EvKILL${i}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: "message", channel_type: "im", channel: channelId, user: `U${i}`, text: EMERGENCY, ts, event_ts: ts },
  });
  return {
    conversation: channelId,
    body: (retry) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        json,
        headers: {
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, json),
          ...(retry > 0 ? { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_error" } : {}),
        },
      };
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);
}

async function post(url: string, body: { json: string; headers: Record<string, string> }): Promise<number> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...body.headers }, body: body.json, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return res.status;
}

function repliedConversations(channel: TrialChannel, telegram?: FakeBotApi, slack?: FakeSlackApi): Set<string> {
  if (channel === "telegram") return new Set(telegram!.delivered.map((m) => String(m.chat_id)).filter((c) => c !== OPERATOR_CHAT));
  return new Set(slack!.ok("chat.postMessage").map((c) => String(c.params.channel)).filter((c) => c !== OPERATOR_CHANNEL));
}

/** Conversations that received the same reply text more than once. */
function duplicateReplies(channel: TrialChannel, telegram?: FakeBotApi, slack?: FakeSlackApi): number {
  const sent =
    channel === "telegram"
      ? telegram!.delivered.filter((m) => String(m.chat_id) !== OPERATOR_CHAT).map((m) => `${String(m.chat_id)}\u0000${String(m.text)}`)
      : slack!.ok("chat.postMessage").filter((c) => c.params.channel !== OPERATOR_CHANNEL).map((c) => `${String(c.params.channel)}\u0000${String(c.params.text)}`);
  const counts = new Map<string, number>();
  for (const k of sent) counts.set(k, (counts.get(k) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n > 1).map(([k]) => k.split("\u0000")[0])).size;
}

// === The process

interface RunningChild {
  process: ChildProcess;
  exited: Promise<void>;
  stderr(): string;
}

async function startLumbar(env: NodeJS.ProcessEnv, url: string): Promise<RunningChild> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin/lumbar.js"), "start"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  // Up once the endpoint answers a request without credentials (401 from either channel).
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lumbar exited with ${child.exitCode} before serving:\n${stderr}`);
    const status = await fetch(url, { method: "POST", body: "{}", signal: AbortSignal.timeout(1_000) }).then((r) => r.status, () => 0);
    if (status === 401) break;
    if (Date.now() > deadline) throw new Error(`lumbar did not start within 60 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: child, exited, stderr: () => stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Reads a whole file or "" (for debugging a failed trial). */
export async function readOrEmpty(file: string): Promise<string> {
  return readFile(file, "utf8").catch(() => "");
}
