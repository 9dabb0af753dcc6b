import { splitMessage } from "../shared/split-message.ts";

/** Telegram rejects messages longer than this ("message is too long"). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** One message to send: the HTML form, and the same content as plain text if Telegram rejects the HTML. */
export interface MessagePart {
  html: string;
  plain: string;
}

/** How a block is formatted. Every style wraps the whole block, so a block is never split inside a tag. */
export type BlockStyle = "plain" | "bold" | "italic";

/** A paragraph-sized piece of a message, as raw (unescaped) text. */
export interface Block {
  text: string;
  style: BlockStyle;
}

const PARAGRAPH = "\n\n";

/** Escapes the three characters Telegram's HTML parse mode treats as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Renders one block as HTML. */
export function blockHtml(block: Block): string {
  const body = escapeHtml(block.text);
  if (block.style === "bold") return `<b>${body}</b>`;
  if (block.style === "italic") return `<i>${body}</i>`;
  return body;
}

/**
 * Turns blocks into messages of at most `limit` characters, cutting only between blocks, so
 * formatting stays balanced in every part. A block too long for one message is first split on
 * its own paragraph, line and sentence boundaries (splitMessage), and each piece keeps the style.
 */
export function packBlocks(blocks: Block[], limit = TELEGRAM_MESSAGE_LIMIT): MessagePart[] {
  const pieces = blocks.filter((b) => b.text.trim().length > 0).flatMap((b) => fitBlock(b, limit));
  const parts: MessagePart[] = [];
  let current: Block[] = [];
  let currentLength = 0;
  for (const piece of pieces) {
    const length = blockHtml(piece).length;
    if (current.length > 0 && currentLength + PARAGRAPH.length + length > limit) {
      parts.push(toPart(current));
      current = [];
      currentLength = 0;
    }
    currentLength += (current.length > 0 ? PARAGRAPH.length : 0) + length;
    current.push(piece);
  }
  if (current.length > 0) parts.push(toPart(current));
  return parts;
}

function toPart(blocks: Block[]): MessagePart {
  return {
    html: blocks.map(blockHtml).join(PARAGRAPH),
    plain: blocks.map((b) => b.text).join(PARAGRAPH),
  };
}

function fitBlock(block: Block, limit: number): Block[] {
  const text = block.text.trim();
  const tagLength = blockHtml({ ...block, text: "" }).length;
  return fitText(text, limit - tagLength, (piece) => blockHtml({ ...block, text: piece }).length <= limit).map(
    (piece) => ({ ...block, text: piece }),
  );
}

// Escaping can grow text up to five-fold ("&" -> "&amp;"), so split the raw text with a budget
// and split again, with a smaller budget, any piece whose HTML still comes out too long.
function fitText(text: string, budget: number, fits: (piece: string) => boolean): string[] {
  if (fits(text)) return [text];
  const out: string[] = [];
  for (const piece of splitMessage(text, Math.max(1, budget))) {
    if (fits(piece)) {
      out.push(piece);
    } else {
      out.push(...fitText(piece, Math.max(1, Math.min(Math.floor(budget / 2), piece.length - 1)), fits));
    }
  }
  return out;
}
