import type { Lumbar } from "../../../src/core/types.ts";
import { createLogger } from "../../../src/log/logger.ts";
import { startSlack, type SlackConfig } from "../../../adapters/slack/index.ts";
import { FakeSlackApi, waitFor } from "./fake-slack-api.ts";
import { buttonClickBody, dmEvent, eventEnvelope, mentionEvent, postSigned, slashCommandBody, type SignedPostOptions } from "./slack-requests.ts";

export const SIGNING_SECRET = "test-signing-secret";
export const ESCALATION_CHANNEL = "C0OPS";
export const OPERATOR_ID = "UOPERATOR";

/** A running adapter on 127.0.0.1 wired to a fake Web API, plus helpers that speak to it like Slack. */
export interface SlackHarness {
  api: FakeSlackApi;
  port: number;
  /** The start-up line for the operator. */
  summary: string;
  /** Every log line the adapter wrote (JSON strings), to check what is logged and to wait on. */
  logs: string[];
  /** POSTs a signed Events API envelope; returns the HTTP status and body. */
  sendEvent(event: Record<string, unknown>, options?: { eventId?: string } & Partial<SignedPostOptions>): Promise<{ status: number; body: string }>;
  dm: typeof dmEvent;
  mention: typeof mentionEvent;
  /** Runs `/lumbar <text>` as a user; the body is the immediate (ack) response. */
  command(text: string, userId: string, responseId?: string): Promise<{ status: number; body: string }>;
  clickButton(fields: Omit<Parameters<typeof buttonClickBody>[0], "responseUrl">): Promise<{ status: number; body: string }>;
  /** Waits for a log line with this event name (and, optionally, a matching field). */
  waitForLog(event: string, match?: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts the fake Web API, then the real adapter against it. */
export async function startHarness(lumbar: Lumbar, overrides: Partial<SlackConfig> = {}): Promise<SlackHarness> {
  const api = await FakeSlackApi.start();
  const logs: string[] = [];
  const config: SlackConfig = {
    botToken: "xoxb-test-token",
    transport: { kind: "http", signingSecret: SIGNING_SECRET, port: 0, host: "127.0.0.1" },
    apiUrl: api.url,
    escalationChannel: ESCALATION_CHANNEL,
    operatorIds: new Set([OPERATOR_ID]),
    retryConfig: { retries: 0 },
    ...overrides,
  };
  let slack;
  try {
    slack = await startSlack(lumbar, config, createLogger("debug", (line) => logs.push(line)));
  } catch (error) {
    await api.close();
    throw error;
  }
  const port = slack.port as number;
  const endpoint = `http://127.0.0.1:${port}/slack/events`;
  const running = slack;

  return {
    api,
    port,
    summary: slack.summary,
    logs,
    dm: dmEvent,
    mention: mentionEvent,
    sendEvent: (event, options = {}) =>
      postSigned(endpoint, eventEnvelope(event, options.eventId), "application/json", { secret: SIGNING_SECRET, ...options }),
    command: (text, userId, responseId = "cmd") =>
      postSigned(endpoint, slashCommandBody({ text, userId, responseUrl: api.responseUrl(responseId) }), "application/x-www-form-urlencoded", { secret: SIGNING_SECRET }),
    clickButton: (fields) =>
      postSigned(endpoint, buttonClickBody({ ...fields, responseUrl: api.responseUrl("click") }), "application/x-www-form-urlencoded", { secret: SIGNING_SECRET }),
    waitForLog: (event, match = {}) =>
      waitFor(
        () =>
          logs
            .map((l) => JSON.parse(l) as Record<string, unknown>)
            .find((l) => l.event === event && Object.entries(match).every(([k, v]) => l[k] === v)),
        `log ${event} ${JSON.stringify(match)}`,
      ),
    stop: async () => {
      await running.stop();
      await api.close();
    },
  };
}

/** Text of every block and the fallback of a recorded chat.postMessage, for assertions. */
export function blocksOf(params: Record<string, unknown>): Array<{ type: string; text: string; [k: string]: unknown }> {
  const blocks = (params.blocks ?? []) as Array<Record<string, unknown>>;
  return blocks.map((b) => {
    const section = b.text as { text?: string } | undefined;
    const elements = (b.elements ?? []) as Array<{ text?: string | { text: string } }>;
    const text = section?.text ?? elements.map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? ""))).join("\n");
    return { ...b, type: b.type as string, text };
  });
}
