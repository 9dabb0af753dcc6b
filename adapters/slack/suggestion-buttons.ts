import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import type { SlackQuestion } from "./answer-question.ts";
import { isDirectMessageChannel, permalink, placeOf } from "./conversation.ts";
import type { PendingWork } from "./pending-work.ts";
import { SUGGESTION_ACTION_PATTERN } from "./render-reply.ts";
import { pseudonym } from "./log-fields.ts";

/** What {@link registerSuggestionButtons} needs. */
export interface SuggestionButtonDeps {
  answer: (question: SlackQuestion) => Promise<void>;
  pending: PendingWork;
  logger: Logger;
}

/**
 * Answers a click on a suggestion button as if the person had typed the question, in the same
 * conversation (the thread, or the DM) as the reply that offered it.
 */
export function registerSuggestionButtons(app: App, { answer, pending, logger }: SuggestionButtonDeps): void {
  app.action<BlockAction<ButtonAction>>(SUGGESTION_ACTION_PATTERN, async ({ ack, body, action }) => {
    // Slack shows an error on the button unless the click is acknowledged within 3 seconds.
    await ack();
    const question = action.value?.trim() ?? "";
    const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
    const messageTs = body.message?.ts ?? (body.container.message_ts as string | undefined);
    if (!channel || !messageTs || !question) {
      logger.warn("slack.suggestion_unplaceable", { user: pseudonym(body.user.id), actionId: action.action_id });
      return;
    }
    const threadTs = (body.message?.thread_ts ?? body.container.thread_ts) as string | undefined;
    await pending.run(() =>
      answer({
        userId: body.user.id,
        place: placeOf(channel, messageTs, threadTs, isDirectMessageChannel(channel)),
        text: question,
        messageTs,
        messageLink: permalink(channel, messageTs, threadTs),
        viaButton: true,
      }),
    );
  });
}
