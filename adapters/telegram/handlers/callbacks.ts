import type { Context, Telegram } from "telegraf";
import type { CallbackQuery } from "telegraf/types";
import { ackEscalationId, acknowledgeFromChat } from "../../shared/operator-acknowledge.ts";
import { CHECK_EXPIRED, CHECK_NOT_YOURS, checkAlreadyAnsweredText, checkAnsweredText, type CheckPress } from "../../shared/safety-check.ts";
import { chatPlace, type MessageLike } from "../conversation.ts";
import { errorFields, pseudonym } from "../log-fields.ts";
import { escapeHtml } from "../message-parts.ts";
import { checkData } from "../safety-check.ts";
import { suggestionId } from "../suggestions.ts";
import { SUGGESTION_EXPIRED } from "../texts.ts";
import type { HandlerDeps } from "./deps.ts";
import { answerQuestion } from "./questions.ts";

/**
 * A tapped button. The callback query is always answered first (so the button stops spinning, and
 * Telegram does not re-send it), then:
 *
 * - a suggestion asks the suggested question in the button's chat;
 * - a safety check option is sent, once, as the person's message in that chat (the red-flag check
 *   included, as for anything typed), and the buttons are replaced by the answer given.
 */
export async function onCallbackQuery(ctx: Context, deps: HandlerDeps): Promise<void> {
  const query = ctx.callbackQuery;
  if (!query) return;
  const data = "data" in query ? query.data : undefined;
  const escalationId = ackEscalationId(data);
  if (escalationId !== undefined) return onAcknowledge(ctx, query, escalationId, deps);
  const check = checkData(data);
  if (check !== undefined) return onCheckPress(ctx, query, check, deps);

  const id = suggestionId(data);
  const question = id !== undefined ? deps.suggestions.get(id) : undefined;
  await answerCallback(ctx, deps, question === undefined ? SUGGESTION_EXPIRED : undefined);
  if (question === undefined || !query.message) return;

  await answerQuestion(ctx.telegram, deps, {
    place: chatPlace(query.message as MessageLike),
    userId: String(query.from.id),
    text: question,
  });
}

async function onCheckPress(ctx: Context, query: CallbackQuery, data: string, deps: HandlerDeps): Promise<void> {
  const message = query.message as (MessageLike & { text?: string }) | undefined;
  const userId = String(query.from.id);
  const place = message ? chatPlace(message) : undefined;
  const press: CheckPress = place ? deps.checks.press(data, { conversationId: place.conversationId, userId }, pressedLabel(message, query)) : { kind: "expired" };
  deps.logger.info("telegram.check_pressed", {
    user: pseudonym(userId),
    ...(place ? { conversation: pseudonym(place.conversationId) } : {}),
    outcome: press.kind,
    ...(press.kind === "answer" ? { option: press.index } : {}),
  });
  if (press.kind !== "answer" || !place || !message) {
    const note = press.kind === "answered" ? checkAlreadyAnsweredText(press.text) : press.kind === "not-yours" ? CHECK_NOT_YOURS : CHECK_EXPIRED;
    // An expired check needs the person to act (type the answer): an alert they must dismiss, not a toast.
    await answerCallback(ctx, deps, note, press.kind === "expired");
    return;
  }
  await answerCallback(ctx, deps, undefined);
  // Side by side: a slow or rate-limited edit must not hold up the answer ("yes, now" is urgent).
  await Promise.all([markAnswered(ctx.telegram, message, press.text, deps), answerQuestion(ctx.telegram, deps, { place, userId, text: press.text })]);
}

/** The text of the pressed button, from the keyboard Telegram sends back with the press. */
function pressedLabel(message: object | undefined, query: CallbackQuery): string | undefined {
  const data = "data" in query ? query.data : undefined;
  const markup = (message as { reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } } | undefined)?.reply_markup;
  for (const row of markup?.inline_keyboard ?? []) for (const button of row) if (button.callback_data === data) return button.text;
  return undefined;
}

/**
 * "Acknowledge" under an operator alert: the shared acknowledge action (operator check and audit
 * record). The presser gets a toast saying what happened; an acknowledgement also removes the button.
 */
async function onAcknowledge(ctx: Context, query: CallbackQuery, escalationId: string, deps: HandlerDeps): Promise<void> {
  const message = query.message as MessageLike | undefined;
  const outcome = await acknowledgeFromChat({
    lumbar: deps.lumbar,
    operatorIds: deps.operatorIds,
    channel: "telegram",
    userId: String(query.from.id),
    chat: message ? String(message.chat.id) : "unknown",
    escalationId,
    logger: deps.logger,
  });
  await answerCallback(ctx, deps, outcome.note, outcome.kind === "refused");
  if (outcome.kind !== "acknowledged" || !message) return;
  try {
    await ctx.telegram.editMessageReplyMarkup(message.chat.id, message.message_id, undefined, { inline_keyboard: [] });
  } catch (error) {
    // The audit record is what counts; removing the button is a courtesy.
    deps.logger.warn("telegram.acknowledge_edit_failed", { error: errorFields(error) });
  }
}

/** Replaces the check's buttons with the answer given, so they cannot be pressed again. */
async function markAnswered(telegram: Telegram, message: MessageLike & { text?: string }, option: string, deps: HandlerDeps): Promise<void> {
  const noButtons = { inline_keyboard: [] };
  try {
    if (message.text) {
      const html = `<b>${escapeHtml(message.text)}</b>\n\n${escapeHtml(checkAnsweredText(option))}`;
      await telegram.editMessageText(message.chat.id, message.message_id, undefined, html, { parse_mode: "HTML", reply_markup: noButtons });
    } else {
      await telegram.editMessageReplyMarkup(message.chat.id, message.message_id, undefined, noButtons);
    }
  } catch (error) {
    // The answer still goes to the core; a second press is caught by SafetyChecks anyway.
    deps.logger.warn("telegram.check_edit_failed", { error: errorFields(error) });
  }
}

async function answerCallback(ctx: Context, deps: HandlerDeps, text: string | undefined, showAlert = false): Promise<void> {
  try {
    await ctx.answerCbQuery(text, showAlert ? { show_alert: true } : undefined);
  } catch (error) {
    // Usually "query is too old": the spinner is gone anyway, so still go on.
    deps.logger.warn("telegram.callback_answer_failed", { error: errorFields(error) });
  }
}
