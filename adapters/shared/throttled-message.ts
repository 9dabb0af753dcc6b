import type { IncomingMessage, Lumbar, Reply } from "../../src/core/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { THROTTLE_NOTICE, type ThrottleDecision } from "./user-throttle.ts";

/** What to send for a message over the flood limit. */
export type ThrottledOutcome =
  /** A red flag (guidance, and operators were alerted) or a safety check question: send the reply. */
  | { kind: "reply"; reply: Reply }
  /** Send this notice (it names the emergency numbers). */
  | { kind: "notice"; text: string }
  /** Already told in this window: more notices would add to the flood. */
  | { kind: "none" };

/**
 * The one path for a message over a person's flood limit, in every channel. It gets only the red-flag
 * check (no retrieval, no answer), so a flood costs little, yet an emergency is never throttled: its
 * guidance is sent and operators are alerted. Any other message gets the throttle notice once per window.
 * If the check itself fails, the notice (with its emergency line) goes out rather than silence.
 */
export async function answerThrottled(lumbar: Lumbar, message: IncomingMessage, decision: Exclude<ThrottleDecision, "allow">, logger: Logger): Promise<ThrottledOutcome> {
  let reply: Reply | null = null;
  if (message.text.trim() !== "") {
    try {
      reply = await lumbar.screen(message);
    } catch (error) {
      logger.error("throttled.screen_failed", { channel: message.channel, error });
      return { kind: "notice", text: THROTTLE_NOTICE };
    }
  }
  if (reply && (reply.escalation.level !== "none" || reply.check)) return { kind: "reply", reply };
  return decision === "warn" ? { kind: "notice", text: THROTTLE_NOTICE } : { kind: "none" };
}
