import type { Reply } from "../../src/core/types.ts";
import { checkQuestionText } from "../shared/safety-check.ts";

/** Options for {@link renderReplyForTerminal}. */
export interface TerminalRenderOptions {
  /** In the chat, a safety check's options can be answered by number; say so. Defaults to false. */
  interactive?: boolean;
  /** A line for the person printed right under the guidance (the chat's note that the clinic's team was told). */
  afterGuidance?: string;
}

/**
 * Plain-text rendering for a terminal: guidance first and marked, then the answer, sources,
 * suggestions and disclaimer, and last, right above the prompt, a safety check question with its
 * options numbered. While a check is shown, numbers answer the check: the suggestions are then
 * listed without numbers, so a number can only mean one thing.
 */
export function renderReplyForTerminal(reply: Reply, options: TerminalRenderOptions = {}): string {
  const lines: string[] = [];
  if (reply.guidance) lines.push(`${reply.escalation.level === "none" ? "ℹ" : "⚠"}  ${reply.guidance}`, "");
  if (options.afterGuidance) lines.push(options.afterGuidance, "");
  if (reply.answer) lines.push(reply.answer, "");
  if (reply.sources.length > 0) lines.push(`Sources: ${reply.sources.map((s) => `${s.section} (${s.article})`).join("; ")}`);
  if (reply.suggestions.length > 0) {
    lines.push("You could ask:");
    reply.suggestions.forEach((s, i) => lines.push(reply.check ? `  - ${s}` : `  ${i + 1}) ${s}`));
  }
  lines.push(reply.disclaimer);
  if (reply.check) {
    lines.push("", `⚠  ${checkQuestionText(reply.check)}`);
    reply.check.options.forEach((o, i) => lines.push(`  ${i + 1}) ${o}`));
    if (options.interactive) lines.push("Type the number of your answer, or answer in your own words.");
  }
  return lines.join("\n");
}
