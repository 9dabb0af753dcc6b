import type { Telegram } from "telegraf";
import type { EscalationEvent, Lumbar } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { errorFields, pseudonym } from "./log-fields.ts";
import { packBlocks, type Block, type MessagePart } from "./message-parts.ts";
import { sendParts } from "./send.ts";
import { ackValue } from "../shared/operator-acknowledge.ts";

/**
 * The operator alert for an escalation: tier, rule ids, who and where (ids only), and the message
 * text only when the core included it (it does so only when text logging is switched on).
 */
export function formatAlert(event: EscalationEvent): MessagePart[] {
  const where = [`Channel: ${event.channel}`, `User: ${event.userId}`, `Conversation: ${conversationLabel(event)}`];
  if (event.messageId) where.push(`Message: ${event.messageId}`);
  if (event.messageLink) where.push(`Link: ${event.messageLink}`);
  where.push(`Time: ${event.time}`);

  const blocks: Block[] = [
    { text: `Lumbar escalation: ${event.tier.toUpperCase()}`, style: "bold" },
    { text: `Rules: ${event.ruleIds.length > 0 ? event.ruleIds.join(", ") : "(none given)"}`, style: "plain" },
    { text: where.join("\n"), style: "plain" },
  ];
  if (event.text) blocks.push({ text: `Text: ${event.text}`, style: "plain" });
  return packBlocks(blocks);
}

/**
 * Sends every escalation to the operators' chat. Alerts from other channels are forwarded too: a
 * duplicate alert costs an operator a glance, a missing one can cost a patient. Returns the
 * unsubscribe function. Without a chat id, logs one warning and sends nothing.
 */
export function forwardEscalations(
  lumbar: Lumbar,
  telegram: Telegram,
  chatId: string | undefined,
  logger: Logger,
): () => void {
  if (!chatId) {
    logger.warn("telegram.escalation_alerts_disabled", {
      variable: "TELEGRAM_ESCALATION_CHAT_ID",
      hint: "set it to the operators' chat id to receive red-flag alerts in Telegram",
    });
    return () => {};
  }
  return lumbar.onEscalation(async (event) => {
    try {
      // Operators acknowledge from the alert itself (adapters/shared/operator-acknowledge.ts).
      const keyboard = event.id ? { inline_keyboard: [[{ text: "Acknowledge", callback_data: ackValue(event.id) }]] } : undefined;
      await sendParts(telegram, { chatId }, formatAlert(event), { logger, ...(keyboard ? { keyboard } : {}) });
      logger.info("telegram.escalation_alert_sent", { tier: event.tier, channel: event.channel, conversation: pseudonym(event.conversationId) });
    } catch (error) {
      logger.error("telegram.escalation_alert_failed", { tier: event.tier, conversation: pseudonym(event.conversationId), error: errorFields(error) });
      // Rethrown so the core can record that the alert did not go out.
      throw error;
    }
  }, "telegram");
}

function conversationLabel(event: EscalationEvent): string {
  if (event.channel !== "telegram") return event.conversationId;
  const [chat, topic] = event.conversationId.split(":");
  return topic ? `chat ${chat}, topic ${topic}` : `chat ${chat}`;
}
