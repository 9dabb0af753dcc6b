import type { Context } from "telegraf";
import { chatPlace, type MessageLike } from "../conversation.ts";
import { errorFields } from "../log-fields.ts";
import { suggestionId } from "../suggestions.ts";
import { SUGGESTION_EXPIRED } from "../texts.ts";
import type { HandlerDeps } from "./deps.ts";
import { answerQuestion } from "./questions.ts";

/**
 * A tapped suggestion button: answers the callback query first (so the button stops spinning,
 * and Telegram does not re-send it), then asks the suggested question in the button's chat.
 */
export async function onCallbackQuery(ctx: Context, deps: HandlerDeps): Promise<void> {
  const query = ctx.callbackQuery;
  if (!query) return;
  const id = suggestionId("data" in query ? query.data : undefined);
  const question = id !== undefined ? deps.suggestions.get(id) : undefined;

  try {
    await ctx.answerCbQuery(question === undefined ? SUGGESTION_EXPIRED : undefined);
  } catch (error) {
    // Usually "query is too old": the spinner is gone anyway, so still answer the question.
    deps.logger.warn("telegram.callback_answer_failed", { error: errorFields(error) });
  }
  if (question === undefined || !query.message) return;

  await answerQuestion(ctx.telegram, deps, {
    place: chatPlace(query.message as MessageLike),
    userId: String(query.from.id),
    text: question,
  });
}
