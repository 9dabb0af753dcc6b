import { createInterface } from "node:readline";
import type { Lumbar, Reply } from "../../src/core/types.ts";
import { renderReplyForTerminal } from "./render-reply.ts";

export interface TerminalChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Conversation id for this session. Defaults to "terminal". */
  conversationId?: string;
  userId?: string;
}

const WELCOME =
  "Lumbar: answers about back pain that spreads into the legs, from its articles. It is not a doctor.\n" +
  "Type a question, a number to pick a suggestion, or /quit to leave.";

/**
 * A terminal conversation over the core. Typing a suggestion's number asks that question, as a
 * button would on Slack or Telegram. Resolves when the input ends or the person types /quit.
 */
export async function runTerminalChat(lumbar: Lumbar, options: TerminalChatOptions): Promise<void> {
  const out = (s: string): void => {
    options.output.write(s + "\n");
  };
  const rl = createInterface({ input: options.input, terminal: false });
  const conversationId = options.conversationId ?? "terminal";
  const off = lumbar.onEscalation((e) => void out(`[operator alert] ${e.tier}: ${e.ruleIds.join(", ")} (recorded in the escalation log; no operator channel is configured)`));
  let last: Reply | null = null;
  out(WELCOME);
  out("> ");
  try {
    for await (const line of rl) {
      const input = line.trim();
      if (input === "/quit" || input === "/exit") break;
      const pick = /^\d$/.test(input) && last ? last.suggestions[Number(input) - 1] : undefined;
      const text = pick ?? line;
      if (pick) out(`(asking: ${pick})`);
      last = await lumbar.handle({ channel: "terminal", conversationId, userId: options.userId ?? "terminal-user", text });
      out(renderReplyForTerminal(last));
      out("> ");
    }
  } finally {
    off();
    rl.close();
  }
}
