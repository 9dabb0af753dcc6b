import type { Lumbar } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { pseudonym } from "../../src/log/pseudonym.ts";

/** Callback data / action value prefix of the "Acknowledge" button on operator alerts. */
export const ACK_PREFIX = "lumbar_ack:";

/** The button's value for one escalation: the prefix and the escalation's id (36 characters, within Telegram's 64 bytes). */
export function ackValue(escalationId: string): string {
  return `${ACK_PREFIX}${escalationId}`;
}

/** The escalation id an "Acknowledge" button carries, or undefined for any other button. */
export function ackEscalationId(value: string | undefined): string | undefined {
  if (!value?.startsWith(ACK_PREFIX)) return undefined;
  const id = value.slice(ACK_PREFIX.length);
  return /^[0-9a-f-]{36}$/i.test(id) ? id : undefined;
}

/** What a press of "Acknowledge" came to, with a line to show the presser. */
export type AckOutcome =
  | { kind: "acknowledged"; note: string; time: string }
  | { kind: "already"; note: string }
  | { kind: "refused"; note: string }
  | { kind: "unknown"; note: string };

export const ACK_OPERATORS_ONLY = "Only operators can acknowledge escalations.";
export const ACK_UNKNOWN = "This escalation is not in the audit log (it may be from another deployment).";

/** One press of an alert's "Acknowledge" button, whichever channel it came from. */
export interface AckPress {
  lumbar: Lumbar;
  /** The channel's operator ids (SLACK_OPERATOR_IDS, TELEGRAM_OPERATOR_IDS). */
  operatorIds: ReadonlySet<string>;
  /** "slack" or "telegram", recorded as `via`. */
  channel: string;
  userId: string;
  /** The chat the alert was in, recorded as `from`. */
  chat: string;
  escalationId: string;
  logger: Logger;
}

/**
 * The one acknowledge action behind the Slack and Telegram alert buttons: anyone not in the
 * channel's operator list is refused and nothing is written; an operator's press appends an
 * acknowledgement (who, when, from where) to the audit log through the core.
 */
export async function acknowledgeFromChat(press: AckPress): Promise<AckOutcome> {
  const { lumbar, operatorIds, channel, userId, logger } = press;
  if (!operatorIds.has(userId)) {
    logger.warn(`${channel}.acknowledge_refused`, { user: pseudonym(userId), reason: "not an operator" });
    return { kind: "refused", note: ACK_OPERATORS_ONLY };
  }
  const outcome = await lumbar.changeEscalation({ escalationId: press.escalationId, state: "acknowledged", by: `${channel}:${userId}`, via: channel, from: `${channel}:${press.chat}` });
  if (outcome.kind === "unknown") return { kind: "unknown", note: ACK_UNKNOWN };
  if (outcome.kind === "unchanged") {
    return { kind: "already", note: `Already ${outcome.state}${outcome.by ? ` by ${outcome.by}` : ""}${outcome.time ? ` at ${outcome.time}` : ""}.` };
  }
  logger.info(`${channel}.acknowledged`, { user: pseudonym(userId) });
  return { kind: "acknowledged", note: `Acknowledged by ${channel}:${userId} at ${outcome.record.time}.`, time: outcome.record.time };
}
