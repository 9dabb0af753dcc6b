import type { App, BlockAction, ButtonAction, types, webApi } from "@slack/bolt";
import type { Lumbar } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { ackEscalationId, acknowledgeFromChat } from "../shared/operator-acknowledge.ts";
import { ACK_ACTION_ID, acknowledgedBlocks } from "./alerts.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import type { PendingWork } from "./pending-work.ts";

/** What {@link registerAckButton} needs. */
export interface AckButtonDeps {
  lumbar: Lumbar;
  /** SLACK_OPERATOR_IDS: only they may acknowledge. */
  operatorIds: ReadonlySet<string>;
  client: webApi.WebClient;
  pending: PendingWork;
  logger: Logger;
}

type ButtonClick = BlockAction<ButtonAction>;

/**
 * The "Acknowledge" button on operator alerts. Acked to Slack at once; then the shared acknowledge
 * action (operator check and audit record). An operator's press replaces the button with who and
 * when; anyone else, or a second press, gets a note only they see.
 */
export function registerAckButton(app: App, { lumbar, operatorIds, client, pending, logger }: AckButtonDeps): void {
  app.action<ButtonClick>(ACK_ACTION_ID, async ({ ack, body, action }) => {
    await ack();
    const channel = body.channel?.id ?? (body.container.channel_id as string | undefined) ?? "";
    const messageTs = body.message?.ts ?? (body.container.message_ts as string | undefined);
    const escalationId = ackEscalationId(action.value);
    if (!escalationId) return;
    // Not awaited: the HTTP answer to Slack waits for this listener (processBeforeResponse).
    void pending.run(async () => {
      const outcome = await acknowledgeFromChat({ lumbar, operatorIds, channel: "slack", userId: body.user.id, chat: channel, escalationId, logger });
      const blocks = body.message?.blocks as types.KnownBlock[] | undefined;
      try {
        if (outcome.kind === "acknowledged" && blocks && messageTs) {
          await client.chat.update({ channel, ts: messageTs, text: String(body.message?.text ?? ""), blocks: acknowledgedBlocks(blocks, outcome.note) });
        } else {
          await client.chat.postEphemeral({ channel, user: body.user.id, text: escapeMrkdwn(outcome.note) });
        }
      } catch (error) {
        // The audit record is what counts; the message update is a courtesy.
        logger.warn("slack.acknowledge_update_failed", { error });
      }
    });
  });
}
