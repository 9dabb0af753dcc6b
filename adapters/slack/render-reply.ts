import type { types } from "@slack/bolt";
import type { Reply, SafetyCheck } from "../../src/core/types.ts";
import { checkAnsweredText, checkButtons, checkQuestionText } from "../shared/safety-check.ts";
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
/** Prefix of the action_id of safety check buttons; the suffix is the option's index. */
export const CHECK_ACTION_PREFIX = "lumbar_check_";
/** Matches the action_id of every safety check button. */
export const CHECK_ACTION_PATTERN = /^lumbar_check_\d+$/;
/** block_id of the actions block holding a check's buttons, replaced by the answer once pressed. */
export const CHECK_BLOCK_ID = "lumbar_check";

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
  /**
   * The id the reply's safety check was remembered under (SafetyChecks.remember). Required to show
   * the check's buttons; without it the question is shown and the person can type the answer.
   */
  checkId?: string;
}

/**
 * Renders a core {@link Reply} as Slack messages: guidance first in its own section, then the
 * safety check question (if any) with one button per option, then the answer, the sources and
 * disclaimer as context, and suggestions as buttons. Almost always one message; more only when the
 * answer needs more than 50 blocks (the check always lands in the first).
 */
export function renderReply(reply: Reply, options: RenderReplyOptions = {}): SlackMessage[] {
  const blocks: KnownBlock[] = [];
  // Guidance comes before everything, even the "who asked" line: it may say to call for help now.
  if (reply.guidance?.trim()) {
    blocks.push(...sections(`${TIER_MARK[reply.escalation.level] ?? ""}${escapeMrkdwn(reply.guidance.trim())}`));
  }
  // A question about a possible red flag is safety too: straight after any guidance, above the answer.
  if (reply.check) blocks.push(...checkBlocks(reply.check, options.checkId));
  if (options.askedBy) {
    blocks.push(context([`${userMention(options.askedBy.userId)} asked: ${escapeMrkdwn(options.askedBy.question)}`]));
  }
  if (reply.answer.trim()) blocks.push(...sections(escapeMrkdwn(reply.answer.trim())));
  const sourceLines = uniqueSources(reply).map((s) => `Source: ${escapeMrkdwn(s.article)} — ${escapeMrkdwn(s.section)}`);
  if (sourceLines.length > 0) blocks.push(context(sourceLines.slice(0, MAX_CONTEXT_ELEMENTS)));
  if (reply.disclaimer.trim()) blocks.push(context([`_${escapeMrkdwn(reply.disclaimer.trim())}_`]));
  if (reply.suggestions.length > 0) {
    blocks.push(
      buttonRow(
        "lumbar_suggestions",
        reply.suggestions.map((question, i) => ({ actionId: `${SUGGESTION_ACTION_PREFIX}${i}`, label: question, value: question })),
      ),
    );
  }
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

/** The check question as a prominent section, and its options as buttons under it. */
function checkBlocks(check: SafetyCheck, checkId: string | undefined): KnownBlock[] {
  const question = sections(`:warning: *${escapeMrkdwn(checkQuestionText(check))}*`);
  if (checkId === undefined || check.options.length === 0) return question;
  const buttons = checkButtons(check, checkId, BUTTON_LABEL_LIMIT).map((b, i) => ({ actionId: `${CHECK_ACTION_PREFIX}${i}`, label: b.label, value: b.data }));
  return [...question, buttonRow(CHECK_BLOCK_ID, buttons)];
}

/**
 * A posted message's blocks with its check buttons replaced by the answer given, for chat.update.
 * Everything else (the question, the answer under it) stays as it was.
 */
export function answeredCheckBlocks(blocks: KnownBlock[], option: string): KnownBlock[] {
  return blocks.map((b) => (b.type === "actions" && b.block_id === CHECK_BLOCK_ID ? context([`:white_check_mark: ${escapeMrkdwn(checkAnsweredText(option))}`]) : b));
}

/** One actions block of buttons (suggestions, check options); a click is answered by buttons.ts. */
function buttonRow(blockId: string, buttons: Array<{ actionId: string; label: string; value: string }>): KnownBlock {
  return {
    type: "actions",
    block_id: blockId,
    // Slack allows 25 elements per actions block; the core offers two or three.
    elements: buttons.slice(0, 25).map((b) => ({
      type: "button",
      action_id: b.actionId,
      text: { type: "plain_text", text: truncate(b.label, BUTTON_LABEL_LIMIT), emoji: false },
      value: truncate(b.value, BUTTON_VALUE_LIMIT),
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
