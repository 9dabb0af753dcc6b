import type { webApi } from "@slack/bolt";
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
