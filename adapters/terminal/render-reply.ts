import type { Reply } from "../../src/core/types.ts";

/** Plain-text rendering for a terminal: guidance first and marked, then the answer, sources and suggestions. */
export function renderReplyForTerminal(reply: Reply): string {
  const lines: string[] = [];
  if (reply.guidance) lines.push(`${reply.escalation.level === "none" ? "ℹ" : "⚠"}  ${reply.guidance}`, "");
  if (reply.answer) lines.push(reply.answer, "");
  if (reply.sources.length > 0) lines.push(`Sources: ${reply.sources.map((s) => `${s.section} (${s.article})`).join("; ")}`);
  if (reply.suggestions.length > 0) {
    lines.push("You could ask:");
    reply.suggestions.forEach((s, i) => lines.push(`  ${i + 1}) ${s}`));
  }
  lines.push(reply.disclaimer);
  return lines.join("\n");
}
