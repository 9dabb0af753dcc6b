import type { Reply, Source } from "../../src/core/types.ts";
import { packBlocks, TELEGRAM_MESSAGE_LIMIT, type Block, type MessagePart } from "./message-parts.ts";

/**
 * Renders Lumbar's reply as Telegram HTML messages: red-flag guidance first and in bold, then the
 * answer, the sources ("Source: article — section") and the disclaimer. Every string from the user
 * or the corpus is escaped. Long replies come back as several parts, cut between paragraphs.
 */
export function renderReply(reply: Reply, limit = TELEGRAM_MESSAGE_LIMIT): MessagePart[] {
  return packBlocks(replyBlocks(reply), limit);
}

/** The reply as formatted paragraphs, before packing into messages. */
export function replyBlocks(reply: Reply): Block[] {
  const blocks: Block[] = [];
  if (reply.guidance?.trim()) blocks.push({ text: reply.guidance, style: "bold" });
  // One block per paragraph so a long answer is cut between paragraphs, not inside one.
  for (const paragraph of reply.answer.split(/\n\s*\n/)) {
    // An emergency report gets the guidance alone: no empty paragraph for the missing answer.
    if (paragraph.trim() === "") continue;
    blocks.push({ text: paragraph, style: "plain" });
  }
  const sources = sourceLines(reply.sources);
  if (sources.length > 0) blocks.push({ text: sources.join("\n"), style: "plain" });
  if (reply.disclaimer?.trim()) blocks.push({ text: reply.disclaimer, style: "italic" });
  return blocks;
}

/** "Source: article — section", once per distinct article and section, best first as given. */
export function sourceLines(sources: Source[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { article, section } of sources) {
    const line = section?.trim() ? `Source: ${article} — ${section}` : `Source: ${article}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return lines;
}
