import type { webApi } from "@slack/bolt";
import type { Lumbar, Reply } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import type { SafetyChecks } from "../shared/safety-check.ts";
import { answerThrottled } from "../shared/throttled-message.ts";
import type { FloodLimit } from "../shared/flood-limit.ts";
import type { SlackPlace } from "./conversation.ts";
import { postMessages } from "./post-messages.ts";
import { renderNotice, renderReply, type SlackMessage } from "./render-reply.ts";
import { pseudonym } from "./log-fields.ts";

/** Answer to a message with no text in it (only a file, an image, or whitespace). */
export const TEXT_ONLY_NOTICE =
  "I can only read text messages, so I couldn't read that one. Please type your question about back or leg pain as a message.";

/** Answer when the core failed; it still points to emergency help because the question may be urgent. */
export const FAILURE_NOTICE =
  "Sorry, something went wrong while I was looking that up. Please try again in a moment. " +
  "If this is an emergency, call your local emergency number now (911, 999 or 112).";

/** A question from a person, placed in Slack. */
export interface SlackQuestion {
  userId: string;
  place: SlackPlace;
  /** What they typed, already decoded from Slack's markup; may be empty. */
  text: string;
  /** ts of the message that asked (for a button, the message holding the button). */
  messageTs: string;
  messageLink: string;
  /** True when asked with a suggestion button: the question is then shown above the answer. */
  viaButton?: boolean;
}

function toMessage(q: SlackQuestion) {
  return { channel: "slack", conversationId: q.place.conversationId, userId: q.userId, text: q.text, messageId: q.messageTs, messageLink: q.messageLink };
}

/** What {@link createAnswerer} needs. */
export interface AnswererDeps {
  lumbar: Lumbar;
  client: webApi.WebClient;
  throttle: FloodLimit;
  /** Where safety check questions are remembered, so their buttons can be answered. */
  checks: SafetyChecks;
  logger: Logger;
}

/**
 * Builds the one path every question takes, whether typed or clicked: flood check, core, reply.
 * The returned function never throws; failures are logged and, where possible, told to the person.
 * It resolves true once the reply (or notice) is posted, false when posting failed: the message is
 * then not finished, and stays in the inbox for the next start.
 */
export function createAnswerer({ lumbar, client, throttle, checks, logger }: AnswererDeps): (question: SlackQuestion) => Promise<boolean> {
  // A check's buttons work only for the person asked, in the conversation it was asked in.
  const render = (reply: Reply, q: SlackQuestion) =>
    renderReply(reply, {
      ...(q.viaButton ? { askedBy: { userId: q.userId, question: q.text } } : {}),
      ...(reply.check ? { checkId: checks.remember(reply.check, { conversationId: q.place.conversationId, userId: q.userId }) } : {}),
    });
  return async (q) => {
    const ids = { user: pseudonym(q.userId), conversation: pseudonym(q.place.conversationId) };
    try {
      const decision = await throttle.check(q.userId);
      if (decision !== "allow") {
        logger.info("slack.throttled", { ...ids, decision });
        const outcome = await answerThrottled(lumbar, toMessage(q), decision, logger);
        if (outcome.kind === "reply") await postMessages(client, q.place, render(outcome.reply, q));
        else if (outcome.kind === "notice") await postMessages(client, q.place, renderNotice(outcome.text));
        return true;
      }
      if (q.text.trim() === "") {
        await postMessages(client, q.place, renderNotice(TEXT_ONLY_NOTICE));
        return true;
      }
      const started = Date.now();
      let messages: SlackMessage[];
      try {
        const reply = await lumbar.handle(toMessage(q));
        messages = render(reply, q);
        logger.info("slack.answered", {
          ...ids,
          escalation: reply.escalation.level,
          check: Boolean(reply.check),
          outOfScope: reply.outOfScope,
          indexVersion: reply.indexVersion,
          ms: Date.now() - started,
        });
      } catch (error) {
        logger.error("slack.core_failed", { ...ids, error });
        messages = renderNotice(FAILURE_NOTICE);
      }
      await postMessages(client, q.place, messages);
      return true;
    } catch (error) {
      logger.error("slack.post_failed", { ...ids, error });
      return false;
    }
  };
}
