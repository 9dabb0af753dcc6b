import type { Telegram } from "telegraf";
import type { Reply } from "../../../src/core/types.ts";
import { answerThrottled } from "../../shared/throttled-message.ts";
import type { ChatPlace } from "../conversation.ts";
import { errorFields, pseudonym } from "../log-fields.ts";
import { renderReply, replyBlocks } from "../render-reply.ts";
import { checkKeyboard, renderCheck } from "../safety-check.ts";
import { sendParts, sendText, type Destination } from "../send.ts";
import { suggestionKeyboard } from "../suggestions.ts";
import { ANSWER_FAILED } from "../texts.ts";
import type { HandlerDeps } from "./deps.ts";

/** A question for Lumbar, from a message or a tapped suggestion. */
export interface Question {
  place: ChatPlace;
  userId: string;
  text: string;
  /** The Telegram message that asked it, if any (a tapped suggestion has none). */
  messageId?: number;
  messageLink?: string;
  /** Reply to the asking message (groups, where several conversations interleave). */
  replyToMessage?: boolean;
}

/**
 * Asks Lumbar and sends the rendered reply with its suggestion buttons. Throttled per user; an
 * internal failure gets an apology (with the emergency line) rather than silence.
 */
export async function answerQuestion(telegram: Telegram, deps: HandlerDeps, question: Question): Promise<void> {
  const { place, userId } = question;
  const to: Destination = {
    chatId: place.chatId,
    threadId: place.threadId,
    replyTo: question.replyToMessage ? question.messageId : undefined,
  };

  const message = {
    channel: "telegram",
    conversationId: place.conversationId,
    userId,
    text: question.text,
    messageId: question.messageId !== undefined ? String(question.messageId) : undefined,
    messageLink: question.messageLink,
  };
  const decision = await deps.throttle.check(userId);
  if (decision !== "allow") {
    deps.logger.info("telegram.throttled", { user: pseudonym(userId), conversation: pseudonym(place.conversationId), decision });
    const outcome = await answerThrottled(deps.lumbar, message, decision, deps.logger);
    if (outcome.kind === "reply") await sendReply(telegram, to, outcome.reply, question, deps, false);
    else if (outcome.kind === "notice") await sendText(telegram, to, outcome.text);
    return;
  }

  await showTyping(telegram, to, deps);
  let reply;
  try {
    reply = await deps.lumbar.handle(message);
  } catch (error) {
    deps.logger.error("telegram.answer_failed", { conversation: pseudonym(place.conversationId), error: errorFields(error) });
    await sendText(telegram, to, ANSWER_FAILED);
    return;
  }

  const parts = await sendReply(telegram, to, reply, question, deps, true);
  deps.logger.info("telegram.answered", {
    conversation: pseudonym(place.conversationId),
    user: pseudonym(userId),
    parts,
    escalation: reply.escalation.level,
    check: Boolean(reply.check),
    outOfScope: reply.outOfScope,
    indexVersion: reply.indexVersion,
  });
}

/**
 * Sends a reply: its parts (with the suggestion buttons on the last, when wanted), then its safety
 * check, if any, as a message of its own with one button per option, so the question sits last,
 * next to where the person types. A reply that only asks (no guidance, answer or suggestions) is
 * one message: the question, then the disclaimer. Returns how many messages were sent.
 */
async function sendReply(telegram: Telegram, to: Destination, reply: Reply, question: Question, deps: HandlerDeps, withSuggestions: boolean): Promise<number> {
  const onlyAsks = Boolean(reply.check) && !reply.guidance?.trim() && !reply.answer.trim() && reply.suggestions.length === 0;
  let sent = 0;
  if (!onlyAsks) {
    const parts = renderReply(reply);
    const keyboard = withSuggestions ? suggestionKeyboard(reply.suggestions, deps.suggestions) : undefined;
    await sendParts(telegram, to, parts, { keyboard, logger: deps.logger });
    sent += parts.length;
  }
  if (!reply.check) return sent;
  // Only the person asked, in this conversation, can answer with the buttons.
  const id = deps.checks.remember(reply.check, { conversationId: question.place.conversationId, userId: question.userId });
  const check = renderCheck(reply.check, onlyAsks ? replyBlocks(reply) : []);
  // In groups it replies to the asking message too, so everyone sees whom the question is for.
  await sendParts(telegram, to, check, { keyboard: checkKeyboard(reply.check, id), logger: deps.logger });
  return sent + check.length;
}

// "typing…" is a courtesy: some Bot API servers (and the test emulator) refuse it, and that must
// not stop the answer.
async function showTyping(telegram: Telegram, to: Destination, deps: HandlerDeps): Promise<void> {
  try {
    await telegram.sendChatAction(to.chatId, "typing", to.threadId !== undefined ? { message_thread_id: to.threadId } : {});
  } catch (error) {
    deps.logger.debug("telegram.typing_failed", { error: errorFields(error) });
  }
}
