import type { App } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import type { DeliveryDedupe } from "../shared/delivery-dedupe.ts";
import type { SlackQuestion } from "./answer-question.ts";
import { isDirectMessageChannel, permalink, placeOf } from "./conversation.ts";
import { incomingText } from "./mrkdwn.ts";
import type { PendingWork } from "./pending-work.ts";

/** The fields of a `message` or `app_mention` event this adapter reads. */
export interface SlackMessageEvent {
  type: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  channel_type?: string;
  client_msg_id?: string;
  text?: string;
}

// Message subtypes that carry what a person wrote, checked like any message.
const PERSON_SUBTYPES = new Set(["file_share", "thread_broadcast"]);

/**
 * Why an event is not a person's question for the bot, or undefined when it is one. Only DMs and
 * @mentions count, and anything from a bot, from this bot, or with a subtype (edits, deletions,
 * joins, bot posts) is ignored so two bots can never answer each other in a loop. Two subtypes are
 * a person's own words and are let through: `file_share` (a message sent with a file; a file alone
 * is told only text can be read) and `thread_broadcast` (a thread reply also sent to the conversation).
 */
export function ignoreReason(event: SlackMessageEvent, botUserId: string | undefined): string | undefined {
  if (event.type !== "message" && event.type !== "app_mention") return "event_type";
  // Channel messages are answered only through app_mention, never by listening to everything.
  if (event.type === "message" && event.channel_type !== "im") return "not_direct";
  if (event.bot_id !== undefined) return "bot";
  if (event.user === undefined || event.user === botUserId) return "self_or_anonymous";
  if (event.subtype !== undefined && !PERSON_SUBTYPES.has(event.subtype)) return "subtype";
  return undefined;
}

/**
 * Ids that identify one delivery and one message, the message's own first (instances sharing a
 * database claim that one). Slack redelivers an unacknowledged event with
 * the same event_id; a DM that mentions the bot can also arrive as two events for one message.
 */
export function deliveryKeys(event: SlackMessageEvent, eventId: string | undefined): string[] {
  const keys = [`msg:${event.channel}:${event.ts}`];
  if (eventId) keys.push(`event:${eventId}`);
  if (event.client_msg_id) keys.push(`client:${event.client_msg_id}`);
  return keys;
}

/** What {@link registerMessageEvents} needs. */
export interface MessageEventDeps {
  answer: (question: SlackQuestion) => Promise<void>;
  recent: DeliveryDedupe;
  pending: PendingWork;
  logger: Logger;
}

/** Answers DMs (message.im) and @mentions (app_mention). Bolt has already acknowledged the event. */
export function registerMessageEvents(app: App, { answer, recent, pending, logger }: MessageEventDeps): void {
  const onEvent = async (event: SlackMessageEvent, body: { event_id?: string }, context: { botUserId?: string; retryNum?: number }) => {
    const ignored = ignoreReason(event, context.botUserId);
    if (ignored !== undefined) {
      logger.debug("slack.event_ignored", { eventId: body.event_id, reason: ignored });
      return;
    }
    // Every key is claimed (the message's own first), so a later copy under any of them is caught too.
    if (!(await recent.claim(deliveryKeys(event, body.event_id)))) {
      logger.info("slack.duplicate_ignored", { eventId: body.event_id, retryNum: context.retryNum });
      return;
    }
    // An @mention inside a DM is still a DM: answer inline, as one conversation with the rest of it.
    const isDirect = event.channel_type === "im" || isDirectMessageChannel(event.channel);
    const place = placeOf(event.channel, event.ts, event.thread_ts, isDirect);
    await pending.run(() =>
      answer({
        userId: event.user as string,
        place,
        text: incomingText(event.text ?? "", context.botUserId),
        messageTs: event.ts,
        messageLink: permalink(event.channel, event.ts, event.thread_ts),
      }),
    );
  };
  app.event("app_mention", ({ event, body, context }) => onEvent(event as SlackMessageEvent, body, context));
  app.event("message", ({ event, body, context }) => onEvent(event as SlackMessageEvent, body, context));
}
