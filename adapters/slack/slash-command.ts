import type { App, RespondFn } from "@slack/bolt";
import { LumbarError } from "../../src/core/errors.ts";
import type { IndexStatus, Lumbar } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import type { PendingWork } from "./pending-work.ts";
import { pseudonym } from "./log-fields.ts";

/** The slash command the manifest declares. */
export const SLASH_COMMAND = "/lumbar";

/** Reply to `/lumbar help` (and to anything it does not know). */
export const HELP_TEXT = [
  "*Lumbar* answers questions about back pain that spreads into the legs, from a reviewed set of articles. It is not medical advice.",
  "• Ask me in a direct message, or mention me in a channel: `@Lumbar what is sciatica?`",
  "• `/lumbar status` shows which index is answering.",
  "• `/lumbar reindex` rebuilds the index from the articles (operators only).",
  "• `/lumbar help` shows this message.",
  "If this is an emergency, call your local emergency number now (911, 999 or 112).",
].join("\n");

/** Reply to a reindex from someone who is not an operator. */
export const REINDEX_REFUSED_TEXT =
  "Sorry, only Lumbar operators can rebuild the index. If answers look out of date, please let an operator know.";

/** What {@link registerSlashCommand} needs. */
export interface SlashCommandDeps {
  lumbar: Lumbar;
  operatorIds: ReadonlySet<string>;
  pending: PendingWork;
  logger: Logger;
}

/**
 * `/lumbar help | status | reindex`. Every branch acknowledges first: Slack shows the person an
 * error if the command is not acknowledged within 3 seconds, and a reindex takes far longer.
 * Replies are ephemeral (only the person who typed the command sees them).
 */
export function registerSlashCommand(app: App, { lumbar, operatorIds, pending, logger }: SlashCommandDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const sub = command.text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
    logger.info("slack.command", { user: pseudonym(command.user_id), sub: ["status", "reindex"].includes(sub) ? sub : "help" });

    if (sub === "status") {
      await ack();
      // Not awaited: the HTTP answer to Slack waits for this listener (processBeforeResponse).
      void pending.run(() => respondSafely(respond, logger, async () => renderStatus(await lumbar.status())));
      return;
    }
    if (sub === "reindex") {
      if (!operatorIds.has(command.user_id)) {
        logger.warn("slack.reindex_refused", { user: pseudonym(command.user_id) });
        await ack({ response_type: "ephemeral", text: REINDEX_REFUSED_TEXT });
        return;
      }
      await ack({ response_type: "ephemeral", text: "Rebuilding the index from the corpus. I'll post the new status here when it's done." });
      void pending.run(() =>
        respondSafely(respond, logger, async () => {
          const started = Date.now();
          const status = await lumbar.reindex();
          logger.info("slack.reindexed", { user: pseudonym(command.user_id), version: status.version, ms: Date.now() - started });
          return `Reindex finished.\n${renderStatus(status)}`;
        }),
      );
      return;
    }
    await ack({ response_type: "ephemeral", text: HELP_TEXT });
  });
}

/** The status lines operators see. */
export function renderStatus(status: IndexStatus): string {
  return [
    `*Index version:* ${escapeMrkdwn(status.version)}`,
    `*Chunks:* ${status.chunkCount}`,
    `*Built:* ${escapeMrkdwn(status.builtAt)}`,
    `*Embedder:* ${escapeMrkdwn(status.embedder)}`,
  ].join("\n");
}

// The command was already acknowledged, so a failure can only be told through response_url.
async function respondSafely(respond: RespondFn, logger: Logger, work: () => Promise<string>): Promise<void> {
  let text: string;
  try {
    text = await work();
  } catch (error) {
    logger.error("slack.command_failed", { error });
    const code = error instanceof LumbarError ? ` (${error.code})` : "";
    const detail = error instanceof Error ? `: ${escapeMrkdwn(error.message)}` : "";
    text = `That didn't work${code}${detail}. The index that was serving is still serving.`;
  }
  try {
    await respond({ response_type: "ephemeral", text });
  } catch (error) {
    logger.error("slack.respond_failed", { error });
  }
}
