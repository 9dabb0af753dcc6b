import type { Lumbar, Reply } from "../../src/core/types.ts";
import { renderReplyForTerminal, terminalStyle } from "./render-reply.ts";
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
  "Type a question, a number to pick a suggestion, /help for what I can do, or /quit to leave.";

/** What /help prints: what Lumbar can and cannot do, questions to try, and the commands. */
export const HELP = `I answer questions about back pain that spreads into the legs, from the articles I was given,
and I name the section each answer comes from. I cannot examine you, diagnose you, or tell you
doses; for that, please see a doctor or pharmacist.

If you describe warning signs (losing control of your bladder or bowels, numbness between your
legs, both legs getting weak), I tell you to get urgent care and let the clinic's team know.

Questions you could try:
  What is sciatica?
  Should I use ice or heat for my back?
  How do I lift heavy things without hurting my back?
  When should I see a doctor about back and leg pain?

Commands:
  /help     this help
  /sources  the articles and sections I answer from
  /new      start a new conversation (forget what we said)
  /quit     leave (Ctrl-D on an empty line also works)
  1, 2, 3   pick a suggestion, or answer a safety question`;

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
  const baseId = options.conversationId ?? "terminal";
  let conversationId = baseId;
  let conversations = 1;
  const style = terminalStyle(options.output);
  // On a terminal the prompt stays on the line you type on; piped output gets it on a line of its own.
  const prompt = () => ((options.output as NodeJS.WriteStream).isTTY ? options.output.write("> ") : out("> "));
  let last: Reply | null = null;
  out(WELCOME);
  prompt();
  for await (const message of readMessages(options.input, (s) => void options.output.write(s))) {
    const input = message.text.trim();
    if (input === "/quit" || input === "/exit") break;
    if (input === "/help") {
      out(HELP);
      prompt();
      continue;
    }
    if (input === "/sources") {
      for (const { article, sections } of await lumbar.contents()) out(`${article}\n${sections.map((s) => `  - ${s}`).join("\n")}`);
      prompt();
      continue;
    }
    if (input === "/new") {
      // A new conversation id: the core keeps the old one's turns until they expire, unused.
      conversationId = `${baseId}-${++conversations}`;
      last = null;
      out("New conversation: I have forgotten what we said.");
      prompt();
      continue;
    }
    const reply = await answer(lumbar, message, last, conversationId, options.userId ?? "terminal-user", out);
    if (reply) {
      last = reply;
      const escalated = reply.escalation.level !== "none";
      out(renderReplyForTerminal(reply, { interactive: true, ...style, ...(escalated ? { afterGuidance: TEAM_TOLD } : {}) }));
    }
    prompt();
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
