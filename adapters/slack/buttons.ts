import type { App, BlockAction, ButtonAction, types, webApi } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import { CHECK_EXPIRED, CHECK_NOT_YOURS, type SafetyChecks } from "../shared/safety-check.ts";
import type { SlackQuestion } from "./answer-question.ts";
import { isDirectMessageChannel, permalink, placeOf, type SlackPlace } from "./conversation.ts";
import type { PendingWork } from "./pending-work.ts";
import { answeredCheckBlocks, CHECK_ACTION_PATTERN, SUGGESTION_ACTION_PATTERN } from "./render-reply.ts";
import { pseudonym } from "./log-fields.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

/** What {@link registerButtons} needs. */
export interface ButtonDeps {
  answer: (question: SlackQuestion) => Promise<unknown>;
  checks: SafetyChecks;
  client: webApi.WebClient;
  pending: PendingWork;
  logger: Logger;
}

/** Where a clicked button sits: the conversation its message belongs to. */
interface Click {
  place: SlackPlace;
  channel: string;
  messageTs: string;
  messageLink: string;
}

type ButtonClick = BlockAction<ButtonAction>;

/** Places a click in the conversation (the thread, or the DM) of the message holding the button. */
function placeClick(body: ButtonClick): Click | undefined {
  const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
  const messageTs = body.message?.ts ?? (body.container.message_ts as string | undefined);
  if (!channel || !messageTs) return undefined;
  const threadTs = (body.message?.thread_ts ?? body.container.thread_ts) as string | undefined;
  return { place: placeOf(channel, messageTs, threadTs, isDirectMessageChannel(channel)), channel, messageTs, messageLink: permalink(channel, messageTs, threadTs) };
}

/**
 * Button clicks. Every click is acknowledged first (Slack shows an error on the button unless it
 * is within 3 seconds), then answered as pending work, through the same path as a typed message:
 *
 * - a suggestion asks that question, as if the person had typed it;
 * - a safety check option sends the option's text as the person's message, once: the buttons are
 *   replaced by the answer, and a second press (or a press by someone else) sends nothing to the core.
 */
export function registerButtons(app: App, { answer, checks, client, pending, logger }: ButtonDeps): void {
  app.action<ButtonClick>(SUGGESTION_ACTION_PATTERN, async ({ ack, body, action }) => {
    await ack();
    const question = action.value?.trim() ?? "";
    const click = placeClick(body);
    if (!click || !question) {
      logger.warn("slack.suggestion_unplaceable", { user: pseudonym(body.user.id), actionId: action.action_id });
      return;
    }
    // Not awaited: the HTTP answer to Slack waits for this listener (processBeforeResponse).
    void pending.run(() =>
      answer({ userId: body.user.id, place: click.place, text: question, messageTs: click.messageTs, messageLink: click.messageLink, viaButton: true }),
    );
  });

  app.action<ButtonClick>(CHECK_ACTION_PATTERN, async ({ ack, body, action }) => {
    await ack();
    const user = body.user.id;
    const click = placeClick(body);
    if (!click) {
      logger.warn("slack.check_unplaceable", { user: pseudonym(user), actionId: action.action_id });
      return;
    }
    const press = checks.press(action.value ?? "", { conversationId: click.place.conversationId, userId: user }, action.text?.text);
    logger.info("slack.check_pressed", {
      user: pseudonym(user),
      conversation: pseudonym(click.place.conversationId),
      outcome: press.kind,
      ...(press.kind === "answer" ? { option: press.index } : {}),
    });
    // Not awaited: the HTTP answer to Slack waits for this listener (processBeforeResponse).
    void pending.run(async () => {
      if (press.kind === "answer") {
        // Side by side: a slow or rate-limited update must not hold up the answer ("yes, now" is urgent).
        await Promise.all([
          markAnswered(client, body, click, press.text, logger),
          answer({ userId: user, place: click.place, text: press.text, messageTs: click.messageTs, messageLink: click.messageLink }),
        ]);
      } else if (press.kind === "not-yours" || press.kind === "expired") {
        await tellPresser(client, click, user, press.kind === "expired" ? CHECK_EXPIRED : CHECK_NOT_YOURS, logger);
      }
      // "answered": a double click; the buttons are already gone or going, nothing to send.
    });
  });
}

/** Replaces the check's buttons with the answer given, so they cannot be pressed again. */
async function markAnswered(client: webApi.WebClient, body: ButtonClick, click: Click, option: string, logger: Logger): Promise<void> {
  const blocks = body.message?.blocks as types.KnownBlock[] | undefined;
  if (!blocks) return;
  try {
    await client.chat.update({ channel: click.channel, ts: click.messageTs, text: String(body.message?.text ?? ""), blocks: answeredCheckBlocks(blocks, option) });
  } catch (error) {
    // The answer still goes to the core; a second press is caught by SafetyChecks anyway.
    logger.warn("slack.check_update_failed", { conversation: pseudonym(click.place.conversationId), error });
  }
}

/** A note only the presser sees, in the check's thread. */
async function tellPresser(client: webApi.WebClient, click: Click, user: string, text: string, logger: Logger): Promise<void> {
  try {
    await client.chat.postEphemeral({
      channel: click.channel,
      user,
      text: escapeMrkdwn(text),
      ...(click.place.threadTs !== undefined ? { thread_ts: click.place.threadTs } : {}),
    });
  } catch (error) {
    logger.warn("slack.ephemeral_failed", { conversation: pseudonym(click.place.conversationId), error });
  }
}
