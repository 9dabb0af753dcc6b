import type { Lumbar, Reply } from "../../src/core/types.ts";
import { renderReplyForTerminal } from "./render-reply.ts";
import { MAX_MESSAGE_CHARS, readMessages, type ReadMessage } from "./terminal-input.ts";

export interface TerminalChatOptions {
  /** The person's input: a terminal (read in raw mode, pastes whole) or a pipe (one message a line). */
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Conversation id for this session. Defaults to "terminal". */
  conversationId?: string;
  userId?: string;
}

const WELCOME =
  "Lumbar: answers about back pain that spreads into the legs, from its articles. It is not a doctor.\n" +
  "Type a question, a number to pick a suggestion, or /quit to leave.";

const EMERGENCY_LINE = "If this is an emergency, call your local emergency number now (911, 999 or 112).";

/** Said instead of answering when a message was longer than the chat reads: none of it was checked. */
export const TOO_LONG_NOTICE =
  `That message was longer than ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters, so I could not read all of it, and I have not read or checked any of it. ` +
  `Please send it in shorter parts. ${EMERGENCY_LINE}`;

/**
 * Said under the guidance of every escalated reply. The person is told in plain words that the
 * clinic's team knows; the operator's alert line (tier, rule ids) is for operators only and is never
 * printed here. The terminal has no operator channel of its own: the core has already written the
 * escalation to the audit log, which is what the team reads, so the note says how they know.
 */
export const TEAM_TOLD =
  "I've let the clinic's team know: this conversation is recorded in the escalation log they review. Don't wait to hear from them: follow the advice above now.";

/** Said before the answer when a terminal may have cut the line: only what arrived was checked. */
export const MAYBE_CUT_NOTICE =
  "Your terminal may have cut this message short (at 4,095 bytes), so I read and checked only the part I received. " +
  "Please send the rest as another message.";

/**
 * A terminal conversation over the core. Typing a number picks an option of the safety check just
 * asked, or else a suggestion, as a button would on Slack or Telegram. Resolves when the input ends
 * or the person types /quit (or, on a terminal, presses Ctrl-C, or Ctrl-D on an empty line).
 */
export async function runTerminalChat(lumbar: Lumbar, options: TerminalChatOptions): Promise<void> {
  const out = (s: string): void => {
    options.output.write(s + "\n");
  };
  const conversationId = options.conversationId ?? "terminal";
  let last: Reply | null = null;
  out(WELCOME);
  out("> ");
  for await (const message of readMessages(options.input, (s) => void options.output.write(s))) {
    const input = message.text.trim();
    if (input === "/quit" || input === "/exit") break;
    const reply = await answer(lumbar, message, last, conversationId, options.userId ?? "terminal-user", out);
    if (reply) {
      last = reply;
      const escalated = reply.escalation.level !== "none";
      out(renderReplyForTerminal(reply, { interactive: true, ...(escalated ? { afterGuidance: TEAM_TOLD } : {}) }));
    }
    out("> ");
  }
}

/** Sends one message to the core, or says plainly why it could not be read; null when nothing was asked. */
async function answer(lumbar: Lumbar, message: ReadMessage, last: Reply | null, conversationId: string, userId: string, out: (s: string) => void): Promise<Reply | null> {
  if (message.problem === "too-long") {
    // The core would say it checked the whole message: it must not get only part of one.
    out(TOO_LONG_NOTICE);
    return null;
  }
  const pick = picked(message.text.trim(), last);
  if (pick) out(`(${last?.check ? "answering" : "asking"}: ${pick})`);
  if (message.problem === "maybe-cut") out(MAYBE_CUT_NOTICE);
  return lumbar.handle({ channel: "terminal", conversationId, userId, text: pick ?? message.text });
}

/** The option or suggestion a typed number stands for: a check just asked takes precedence. */
function picked(input: string, last: Reply | null): string | undefined {
  if (!last || !/^\d{1,2}$/.test(input)) return undefined;
  const list = last.check ? last.check.options : last.suggestions;
  return list[Number(input) - 1];
}
