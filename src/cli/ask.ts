import { createInterface } from "node:readline";
import type { Lumbar, Reply } from "../core/types.ts";
import { AuditLog } from "../safety/audit-log.ts";

/** `ask` without --audit: escalations are not recorded anywhere. */
class UnrecordedAuditLog extends AuditLog {
  constructor() {
    super("(not recorded: lumbar ask without --audit)");
  }
  override async append(): Promise<void> {}
  override async close(): Promise<void> {}
}

/**
 * Where `lumbar ask` records escalations: the real audit log (as channel "cli"; the stores' one,
 * so the database's when LUMBAR_DATABASE_URL is set) only when asked with --audit, otherwise
 * nowhere, so trying questions and running scripts never fill the production audit log with test
 * emergencies. Undefined means the stores' log.
 */
export function askAuditLog(audit: boolean): AuditLog | undefined {
  return audit ? undefined : new UnrecordedAuditLog();
}

/**
 * The JSON shape `ask --json` prints: the public contract for scripts and evaluation. `check` is
 * null, or a safety check question to put to the person; with `--jsonl`, their answer (an option's
 * text, or "yes"/"no") is a later line with the same conversationId.
 */
export function replyJson(reply: Reply) {
  return {
    text: reply.text,
    sources: reply.sources.map((s) => ({ article: s.article, section: s.section, score: s.score })),
    escalation: { level: reply.escalation.level, reasons: reply.escalation.reasons },
    outOfScope: reply.outOfScope,
    suggestions: reply.suggestions,
    check: reply.check ? { question: reply.check.question, options: reply.check.options, reasons: reply.check.reasons } : null,
  };
}

export interface AskJsonlOptions {
  /**
   * A line's conversationId names the conversation itself, so another process sharing the same
   * database continues it (used with LUMBAR_DATABASE_URL). Lines without one get a conversation
   * of their own, never shared with another run. Off by default: ids are local to this input.
   */
  sharedIds?: boolean;
}

/**
 * `ask --jsonl`: one JSON object per input line, answered in order. Lines sharing a
 * "conversationId" with the line before share a conversation; a bad line gets an error object in
 * its place so no answer shifts to another id.
 */
export async function askJsonl(lumbar: Lumbar, input: NodeJS.ReadableStream, write: (line: string) => void, options: AskJsonlOptions = {}): Promise<number> {
  // Prefixes this run's own conversations, so two runs on one shared database never mix them.
  const run = options.sharedIds ? `${process.pid}-${Date.now()}` : "";
  const rl = createInterface({ input, terminal: false });
  let lineNo = 0;
  let failures = 0;
  let conversation = "";
  let previousConversationId: unknown = undefined;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === "") continue;
    let item: { id?: unknown; text?: unknown; conversationId?: unknown };
    try {
      item = JSON.parse(line);
    } catch {
      failures++;
      write(JSON.stringify({ id: null, error: `line ${lineNo}: not valid JSON` }));
      continue;
    }
    if (typeof item !== "object" || item === null || typeof item.text !== "string") {
      failures++;
      write(JSON.stringify({ id: (item as { id?: unknown })?.id ?? null, error: `line ${lineNo}: needs a "text" string` }));
      continue;
    }
    const sameAsBefore = item.conversationId !== undefined && item.conversationId === previousConversationId;
    if (options.sharedIds) conversation = item.conversationId !== undefined ? `jsonl:${String(item.conversationId)}` : `jsonl-${run}-${lineNo}`;
    else if (!sameAsBefore) conversation = `jsonl-${lineNo}-${String(item.conversationId ?? "")}`;
    previousConversationId = item.conversationId;
    const reply = await lumbar.handle({ channel: "cli", conversationId: conversation, userId: "cli", text: item.text });
    write(JSON.stringify({ id: item.id ?? null, ...replyJson(reply) }));
  }
  return failures;
}
