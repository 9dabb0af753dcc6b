import type { types } from "@slack/bolt";
import type { Reply } from "../../src/core/types.ts";
import { splitMessage } from "../shared/split-message.ts";
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";

type KnownBlock = types.KnownBlock;
type ContextBlock = types.ContextBlock;

/** One chat.postMessage worth of content: blocks plus the plain `text` notifications and screen readers use. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack rejects section text over 3000 characters. */
export const SECTION_TEXT_LIMIT = 3000;
/** Prefix of the action_id of suggestion buttons; the suffix is the button's index. */
export const SUGGESTION_ACTION_PREFIX = "lumbar_suggest_";
/** Matches the action_id of every suggestion button. */
export const SUGGESTION_ACTION_PATTERN = /^lumbar_suggest_\d+$/;

// Block Kit limits: 50 blocks a message, 10 elements a context block, 75 characters of button
// label, 2000 of button value. Slack advises keeping `text` under 4000 characters.
const MAX_BLOCKS = 50;
const MAX_CONTEXT_ELEMENTS = 10;
const BUTTON_LABEL_LIMIT = 75;
const BUTTON_VALUE_LIMIT = 2000;
const FALLBACK_LIMIT = 4000;

const TIER_MARK: Record<string, string> = { emergency: ":rotating_light: ", urgent: ":warning: " };

/** Options for {@link renderReply}. */
export interface RenderReplyOptions {
  /** Shown above the answer when the question came from a button, so the thread reads as a conversation. */
  askedBy?: { userId: string; question: string };
}

/**
 * Renders a core {@link Reply} as Slack messages: guidance first in its own section, then the
 * answer, the sources and disclaimer as context, and suggestions as buttons. Almost always one
 * message; more only when the answer needs more than 50 blocks.
 */
export function renderReply(reply: Reply, options: RenderReplyOptions = {}): SlackMessage[] {
  const blocks: KnownBlock[] = [];
  // Guidance comes before everything, even the "who asked" line: it may say to call for help now.
  if (reply.guidance?.trim()) {
    blocks.push(...sections(`${TIER_MARK[reply.escalation.level] ?? ""}${escapeMrkdwn(reply.guidance.trim())}`));
  }
  if (options.askedBy) {
    blocks.push(context([`${userMention(options.askedBy.userId)} asked: ${escapeMrkdwn(options.askedBy.question)}`]));
  }
  if (reply.answer.trim()) blocks.push(...sections(escapeMrkdwn(reply.answer.trim())));
  const sourceLines = uniqueSources(reply).map((s) => `Source: ${escapeMrkdwn(s.article)} — ${escapeMrkdwn(s.section)}`);
  if (sourceLines.length > 0) blocks.push(context(sourceLines.slice(0, MAX_CONTEXT_ELEMENTS)));
  if (reply.disclaimer.trim()) blocks.push(context([`_${escapeMrkdwn(reply.disclaimer.trim())}_`]));
  if (reply.suggestions.length > 0) blocks.push(suggestionButtons(reply.suggestions));
  if (blocks.length === 0) blocks.push(...sections(escapeMrkdwn(reply.text.trim() || "…")));

  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += MAX_BLOCKS) {
    const part = blocks.slice(i, i + MAX_BLOCKS);
    messages.push({ text: fallbackText(part), blocks: part });
  }
  return messages;
}

/** A reply with no core answer behind it (notices, refusals): escaped, split to fit, with the same fallback. */
export function renderNotice(text: string): SlackMessage[] {
  const blocks = sections(escapeMrkdwn(text));
  return [{ text: fallbackText(blocks), blocks }];
}

function sections(mrkdwn: string): KnownBlock[] {
  return splitMessage(mrkdwn, SECTION_TEXT_LIMIT).map((part) => ({ type: "section", text: { type: "mrkdwn", text: part } }));
}

function context(lines: string[]): ContextBlock {
  return { type: "context", elements: lines.map((text) => ({ type: "mrkdwn", text })) };
}

function suggestionButtons(suggestions: string[]): KnownBlock {
  return {
    type: "actions",
    block_id: "lumbar_suggestions",
    // Slack allows 25 elements per actions block; the core offers two or three.
    elements: suggestions.slice(0, 25).map((question, i) => ({
      type: "button",
      action_id: `${SUGGESTION_ACTION_PREFIX}${i}`,
      text: { type: "plain_text", text: truncate(question, BUTTON_LABEL_LIMIT), emoji: false },
      value: truncate(question, BUTTON_VALUE_LIMIT),
    })),
  };
}

function uniqueSources(reply: Reply): Reply["sources"] {
  const seen = new Set<string>();
  return reply.sources.filter((s) => {
    const key = `${s.article}\u0000${s.section}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fallbackText(blocks: KnownBlock[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.type === "section" && block.text) parts.push(block.text.text);
    if (block.type === "context") {
      for (const el of block.elements) if ("text" in el && typeof el.text === "string") parts.push(el.text);
    }
  }
  const text = parts.join("\n\n");
  return text.length <= FALLBACK_LIMIT ? text : `${splitMessage(text, FALLBACK_LIMIT - 1)[0]}…`;
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
