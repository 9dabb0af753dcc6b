import type { types, webApi } from "@slack/bolt";
import { ackValue } from "../shared/operator-acknowledge.ts";
import { splitMessage } from "../shared/split-message.ts";
import type { EscalationEvent, EscalationListener } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { escapeMrkdwn, mrkdwnLink, userMention } from "./mrkdwn.ts";
import type { PendingWork } from "./pending-work.ts";
import { pseudonym } from "./log-fields.ts";

const TIER_HEADLINE: Record<EscalationEvent["tier"], string> = {
  emergency: ":rotating_light: *EMERGENCY red flag*",
  urgent: ":warning: *Urgent red flag*",
};

/**
 * The operator alert for one escalation: tier, rule ids, who, and a link to the message. The
 * message text appears only when the core supplies it (operators turned text logging on).
 */
export function renderAlert(event: EscalationEvent): string {
  const who = event.channel === "slack" ? userMention(event.userId) : `${escapeMrkdwn(event.channel)} user ${escapeMrkdwn(event.userId)}`;
  const lines = [
    `${TIER_HEADLINE[event.tier] ?? escapeMrkdwn(event.tier)} from ${who}`,
    `*Rules:* ${event.ruleIds.length > 0 ? event.ruleIds.map((id) => `\`${escapeMrkdwn(id)}\``).join(", ") : "(none given)"}`,
    `*Message:* ${event.messageLink ? mrkdwnLink(event.messageLink, "open the message") : `${escapeMrkdwn(event.channel)} conversation ${escapeMrkdwn(event.conversationId)}`}`,
    `*Time:* ${escapeMrkdwn(event.time)}`,
  ];
  if (event.text !== undefined) lines.push(`*Text:*\n${escapeMrkdwn(event.text).replace(/^/gm, "> ")}`);
  return lines.join("\n");
}

/** action_id of the "Acknowledge" button on an alert (its value is the escalation, see ackValue). */
export const ACK_ACTION_ID = "lumbar_ack";
export const ACK_BLOCK_ID = "lumbar_ack";

/** The alert as blocks: its text in sections (3,000 characters each at most), and an "Acknowledge" button for operators. */
export function alertBlocks(event: EscalationEvent): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = splitMessage(renderAlert(event), 3000).map((part) => ({ type: "section", text: { type: "mrkdwn", text: part } }));
  if (event.id) {
    blocks.push({
      type: "actions",
      block_id: ACK_BLOCK_ID,
      elements: [{ type: "button", action_id: ACK_ACTION_ID, style: "primary", text: { type: "plain_text", text: "Acknowledge" }, value: ackValue(event.id) }],
    });
  }
  return blocks;
}

/** The alert's blocks once acknowledged: the button replaced by who acknowledged it, and when. */
export function acknowledgedBlocks(blocks: types.KnownBlock[], note: string): types.KnownBlock[] {
  return [...blocks.filter((b) => (b as { block_id?: string }).block_id !== ACK_BLOCK_ID), { type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(note) }] }];
}

/**
 * Builds the core's escalation listener that posts alerts to the operators' channel. Events from
 * other channels (Telegram, terminal) are posted too: operators should see every red flag.
 * A failed post is logged and rethrown so the core can record that the alert did not go out.
 * Posts run as pending work: the core does not wait for listeners, but stopping the adapter should.
 */
export function createAlertPoster(client: webApi.WebClient, channel: string, pending: PendingWork, logger: Logger): EscalationListener {
  const post = async (event: EscalationEvent): Promise<void> => {
    try {
      await client.chat.postMessage({
        channel,
        text: renderAlert(event),
        blocks: alertBlocks(event),
        // An unfurled permalink would show the message itself in the operators' channel.
        unfurl_links: false,
        unfurl_media: false,
      });
      logger.info("slack.alert_posted", { tier: event.tier, rules: event.ruleIds, conversation: pseudonym(event.conversationId) });
    } catch (error) {
      logger.error("slack.alert_failed", { tier: event.tier, conversation: pseudonym(event.conversationId), error });
      throw error;
    }
  };
  return (event) => pending.run(() => post(event));
}
