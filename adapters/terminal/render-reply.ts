import { styleText } from "node:util";
import wrapAnsi from "wrap-ansi";
import type { Reply } from "../../src/core/types.ts";
import { checkQuestionText } from "../shared/safety-check.ts";

/** Options for {@link renderReplyForTerminal}. */
export interface TerminalRenderOptions {
  /** In the chat, a safety check's options can be answered by number; say so. Defaults to false. */
  interactive?: boolean;
  /** A line for the person printed right under the guidance (the chat's note that the clinic's team was told). */
  afterGuidance?: string;
  /** Wrap lines at word boundaries to this many columns (a terminal's width); unset, lines are left whole. */
  width?: number;
  /** Set guidance apart in bold and dim the sources (only on a terminal, and never with NO_COLOR). */
  color?: boolean;
}

/** Colour and emphasis for a terminal that wants them: the guidance must stand out, the sources recede. */
export function terminalStyle(output: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): { width?: number; color: boolean } {
  const tty = output as NodeJS.WriteStream;
  if (!tty.isTTY) return { color: false };
  return { width: tty.columns || 80, color: !("NO_COLOR" in env) || env.NO_COLOR === "" };
}

/**
 * Plain-text rendering for a terminal: guidance first and marked, then the answer, sources,
 * suggestions and disclaimer, and last, right above the prompt, a safety check question with its
 * options numbered. While a check is shown, numbers answer the check: the suggestions are then
 * listed without numbers, so a number can only mean one thing.
 */
export function renderReplyForTerminal(reply: Reply, options: TerminalRenderOptions = {}): string {
  const style = (format: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(format, text) : text);
  const lines: string[] = [];
  if (reply.guidance) lines.push(style("bold", `${reply.escalation.level === "none" ? "ℹ" : "⚠"}  ${reply.guidance}`), "");
  if (options.afterGuidance) lines.push(options.afterGuidance, "");
  if (reply.answer) lines.push(reply.answer.split("\n").map((l) => (/^\(From “/.test(l) ? style("dim", l) : l)).join("\n"), "");
  // Each source is named once: those the answer quotes already say "(From ...)" under their quote.
  const quoted = new Set([...reply.answer.matchAll(/^\(From “(.+)”, /gm)].map((m) => m[1]));
  const others = reply.sources.filter((s) => !quoted.has(s.section));
  if (others.length > 0) lines.push(style("dim", `${quoted.size > 0 ? "Related" : "Sources"}: ${others.map((s) => `${s.section} (${s.article})`).join("; ")}`));
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
  const text = lines.join("\n");
  // Words are never split at the terminal's edge ("burnin" / "g"); a word longer than a line is.
  return options.width ? wrapAnsi(text, options.width, { hard: true, trim: false }) : text;
}
