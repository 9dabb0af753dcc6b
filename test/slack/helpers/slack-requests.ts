import { createHmac } from "node:crypto";
import { FAKE_TEAM_ID } from "./fake-slack-api.ts";

/** Signs a request body exactly as Slack does: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Options for {@link postSigned}. */
export interface SignedPostOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (to send a bad one). */
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs a body to the receiver with Slack's signature headers. */
export async function postSigned(url: string, body: string, contentType: string, options: SignedPostOptions): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

let eventCounter = 0;

/** A fresh, unique event_id. */
export function newEventId(): string {
  return `Ev${Date.now()}${++eventCounter}`;
}

/** An Events API envelope around one event. */
export function eventEnvelope(event: Record<string, unknown>, eventId = newEventId()): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: FAKE_TEAM_ID,
    api_app_id: "A0TEST",
    event: { event_ts: event.ts, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM_ID, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

let tsCounter = 0;

/** A fresh, unique message ts. */
export function newTs(): string {
  return `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, "0")}`;
}

/** A DM from a person, as message.im delivers it. */
export function dmEvent(user: string, channel: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = newTs();
  return { type: "message", channel_type: "im", channel, user, text, ts, client_msg_id: `cm-${ts}`, ...extra };
}

/** An @mention in a channel, as app_mention delivers it. */
export function mentionEvent(user: string, channel: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = newTs();
  return { type: "app_mention", channel, user, text: `<@UBOT> ${text}`, ts, client_msg_id: `cm-${ts}`, ...extra };
}

/** The form body Slack posts for a slash command. */
export function slashCommandBody(fields: { text: string; userId: string; responseUrl: string; channelId?: string }): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: FAKE_TEAM_ID,
    team_domain: "lumbar-test",
    channel_id: fields.channelId ?? "C0GENERAL",
    channel_name: "general",
    user_id: fields.userId,
    user_name: fields.userId.toLowerCase(),
    command: "/lumbar",
    text: fields.text,
    api_app_id: "A0TEST",
    response_url: fields.responseUrl,
    trigger_id: "trig.1",
  }).toString();
}

/** The form body Slack posts when a button in a message is clicked. */
export function buttonClickBody(fields: {
  userId: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value: string;
  responseUrl: string;
  /** block_id of the actions block clicked in; defaults to the suggestions block. */
  blockId?: string;
  /** The clicked message's blocks, as Slack sends them back in the payload. */
  blocks?: unknown[];
  /** The button's label; defaults to the value. */
  label?: string;
}): string {
  const payload = {
    type: "block_actions",
    team: { id: FAKE_TEAM_ID, domain: "lumbar-test" },
    user: { id: fields.userId, username: fields.userId.toLowerCase(), team_id: FAKE_TEAM_ID },
    api_app_id: "A0TEST",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: fields.messageTs, channel_id: fields.channel, is_ephemeral: false, ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}) },
    trigger_id: "trig.2",
    channel: { id: fields.channel, name: "general" },
    message: {
      type: "message",
      user: "UBOT",
      bot_id: "BBOT",
      ts: fields.messageTs,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
      text: "…",
      ...(fields.blocks ? { blocks: fields.blocks } : {}),
    },
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        block_id: fields.blockId ?? "lumbar_suggestions",
        action_id: fields.actionId,
        text: { type: "plain_text", text: fields.label ?? fields.value },
        value: fields.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
