import type { Context } from "telegraf";
import { LumbarError } from "../../../src/core/errors.ts";
import type { IndexStatus } from "../../../src/core/types.ts";
import { chatPlace, type MessageLike } from "../conversation.ts";
import { pseudonym } from "../log-fields.ts";
import { sendText } from "../send.ts";
import { OPERATORS_ONLY, REINDEX_ALREADY_RUNNING, REINDEX_STARTED } from "../texts.ts";
import { replyPlain } from "./commands.ts";
import type { HandlerDeps } from "./deps.ts";

/** /status (operators only): the index now serving. */
export async function onStatus(ctx: Context, deps: HandlerDeps): Promise<void> {
  if (!(await allowOperator(ctx, deps, "status"))) return;
  const status = await deps.lumbar.status();
  await replyPlain(ctx, `Index status\n${describeStatus(status)}`);
}

/**
 * /reindex (operators only): rebuilds the index in the background, since a rebuild can outlast
 * telegraf's handler timeout and would hold up every other update meanwhile; posts the outcome.
 */
export async function onReindex(ctx: Context, deps: HandlerDeps): Promise<void> {
  if (!(await allowOperator(ctx, deps, "reindex")) || !ctx.message) return;
  const place = chatPlace(ctx.message as MessageLike);
  const to = { chatId: place.chatId, threadId: place.threadId };
  const telegram = ctx.telegram;
  deps.logger.info("telegram.reindex_requested", { user: pseudonym(String(ctx.from?.id)) });
  await sendText(telegram, to, REINDEX_STARTED);
  deps.tasks.run("reindex", async () => {
    let outcome: string;
    try {
      const status = await deps.lumbar.reindex();
      deps.logger.info("telegram.reindex_finished", { indexVersion: status.version, chunkCount: status.chunkCount });
      outcome = `Reindex finished. Now serving:\n${describeStatus(status)}`;
    } catch (error) {
      if (error instanceof LumbarError && error.code === "REINDEX_RUNNING") {
        outcome = REINDEX_ALREADY_RUNNING;
      } else {
        // Operators need the reason to fix the corpus; core errors name the file and line.
        const reason = error instanceof Error ? error.message : String(error);
        outcome = `Reindex failed: ${reason}\nThe previous index is still serving.`;
      }
    }
    await sendText(telegram, to, outcome);
  });
}

/** "version / chunks / built" lines for operators. */
export function describeStatus(status: IndexStatus): string {
  return [
    `Version: ${status.version}`,
    `Chunks: ${status.chunkCount}`,
    `Built: ${status.builtAt}`,
    `Embedder: ${status.embedder}`,
  ].join("\n");
}

// Refuses politely and runs nothing for anyone not in TELEGRAM_OPERATOR_IDS.
async function allowOperator(ctx: Context, deps: HandlerDeps, command: string): Promise<boolean> {
  const userId = ctx.from ? String(ctx.from.id) : "";
  if (deps.operatorIds.has(userId)) return true;
  deps.logger.warn("telegram.operator_command_refused", { command, user: pseudonym(userId) });
  await replyPlain(ctx, OPERATORS_ONLY);
  return false;
}
