import type { App } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import type { DurableInbox } from "../shared/durable-inbox.ts";
import type { InboxWorker } from "../shared/inbox-worker.ts";
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

/** A question kept in the durable inbox until its reply is posted. */
export interface InboxQuestion {
  question: SlackQuestion;
  eventId?: string;
}

/** What {@link registerMessageEvents} needs. */
export interface MessageEventDeps {
  /** Resolves true once the reply is posted. */
  answer: (question: SlackQuestion) => Promise<boolean>;
  recent: DeliveryDedupe;
  pending: PendingWork;
  logger: Logger;
  /**
   * Where questions wait, on disk, until answered: the inbox and the worker that answers from it.
   * Without one, a crash loses acknowledged events.
   */
  inbox?: { store: DurableInbox<InboxQuestion>; worker: InboxWorker<InboxQuestion> };
}

/**
 * Answers DMs (message.im) and @mentions (app_mention). In HTTP mode Slack gets its 200 when this
 * listener returns (processBeforeResponse), that is once the question is in the durable inbox; the
 * answer follows in the background. If the inbox cannot be written the listener throws and Slack
 * gets a 500, so it delivers the event again.
 */
export function registerMessageEvents(app: App, deps: MessageEventDeps): void {
  const { answer, recent, pending, logger, inbox } = deps;
  const onEvent = async (event: SlackMessageEvent, body: { event_id?: string }, context: { botUserId?: string; retryNum?: number }) => {
    const ignored = ignoreReason(event, context.botUserId);
    if (ignored !== undefined) {
      logger.debug("slack.event_ignored", { eventId: body.event_id, reason: ignored });
      return;
    }
    // An @mention inside a DM is still a DM: answer inline, as one conversation with the rest of it.
    const isDirect = event.channel_type === "im" || isDirectMessageChannel(event.channel);
    const place = placeOf(event.channel, event.ts, event.thread_ts, isDirect);
    const question: SlackQuestion = {
      userId: event.user as string,
      place,
      text: incomingText(event.text ?? "", context.botUserId),
      messageTs: event.ts,
      messageLink: permalink(event.channel, event.ts, event.thread_ts),
    };
    // One message, one key: Slack's retries of an event (same event_id) and the two events of an
    // @mention in a DM name the same channel and ts. Durable first, so a failed write claims nothing.
    const key = `msg:${event.channel}:${event.ts}`;
    const item: InboxQuestion = { question, eventId: body.event_id };
    if (inbox && (await inbox.store.add(key, item)) === "duplicate") {
      logger.info("slack.duplicate_ignored", { eventId: body.event_id, retryNum: context.retryNum });
      return;
    }
    // Every key is claimed (the message's own first; across instances that one decides), so a later
    // copy under any of them is caught too.
    if (!(await recent.claim(deliveryKeys(event, body.event_id)))) {
      logger.info("slack.duplicate_ignored", { eventId: body.event_id, retryNum: context.retryNum });
      await inbox?.store.done(key);
      return;
    }
    if (inbox) inbox.worker.submit({ id: key, at: Date.now(), payload: item });
    else void pending.run(() => answer(question));
  };
  app.event("app_mention", ({ event, body, context }) => onEvent(event as SlackMessageEvent, body, context));
  app.event("message", ({ event, body, context }) => onEvent(event as SlackMessageEvent, body, context));
}
