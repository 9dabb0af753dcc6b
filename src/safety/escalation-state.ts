import type { AuditStore } from "../store/types.ts";
import type { EscalationState, StateRecord } from "./audit-log.ts";
import { canMove, foldQueue } from "./escalation-queue.ts";

/** An operator's request to move one escalation on. */
export interface EscalationChange {
  escalationId: string;
  state: Exclude<EscalationState, "new">;
  /** Who asks: a console login name, or a Slack/Telegram user id. */
  by: string;
  /** "console", "slack" or "telegram". */
  via: string;
  /** The console client's address, or the chat the button was in. */
  from: string;
}

/** What became of a change: made (and appended), refused as not forward, or no such escalation. */
export type EscalationChangeOutcome =
  | { kind: "changed"; record: StateRecord }
  | { kind: "unchanged"; state: EscalationState; by?: string; time?: string }
  | { kind: "unknown" };

/**
 * Moves an escalation on by appending a state record, after folding the log to check the move goes
 * forward. Changes through one instance are serialised, so a double click appends once; across
 * instances two records may race, and the fold keeps the first (see foldQueue).
 */
export function createStateChanger(audit: AuditStore, now: () => Date = () => new Date()): (change: EscalationChange) => Promise<EscalationChangeOutcome> {
  let queue: Promise<unknown> = Promise.resolve();
  return (change) => {
    const run = queue.then(async (): Promise<EscalationChangeOutcome> => {
      const entry = foldQueue(await audit.read()).find((e) => e.record.id === change.escalationId);
      if (!entry) return { kind: "unknown" };
      if (!canMove(entry.state, change.state)) {
        const last = entry.changes.at(-1);
        return { kind: "unchanged", state: entry.state, ...(last ? { by: last.by, time: last.time } : {}) };
      }
      const record: StateRecord = { kind: "escalation-state", ...change, time: now().toISOString() };
      await audit.append(record);
      return { kind: "changed", record };
    });
    queue = run.catch(() => undefined);
    return run;
  };
}
