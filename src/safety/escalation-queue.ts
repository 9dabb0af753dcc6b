import type { AuditContents, AuditRecord, DeliveryRecord, EscalationState, StateRecord } from "./audit-log.ts";

/** One escalation as operators see it: its record, where it is in the queue, and how it got there. */
export interface QueueEntry {
  record: AuditRecord & { id: string };
  state: EscalationState;
  /** The changes that counted, oldest first (acknowledged, then resolved); repeats are left out. */
  changes: StateRecord[];
  /** The final outcome of each alert delivery, in the order written. */
  deliveries: DeliveryRecord[];
}

const ORDER: Record<EscalationState, number> = { new: 0, acknowledged: 1, resolved: 2 };

/** True when an escalation in state `from` may move to `to`: forward only (new → acknowledged → resolved, or new → resolved). */
export function canMove(from: EscalationState, to: Exclude<EscalationState, "new">): boolean {
  return ORDER[to] > ORDER[from];
}

/**
 * Folds the log into the queue, newest escalation first. A state record counts only when it moves
 * its escalation forward: two operators acknowledging at once both leave a record, the first wins.
 * Escalations written before records had ids cannot be acknowledged and are left out.
 */
export function foldQueue(log: Pick<AuditContents, "records" | "deliveries" | "states">): QueueEntry[] {
  const entries = new Map<string, QueueEntry>();
  for (const record of log.records) {
    if (!record.id) continue;
    entries.set(record.id, { record: record as QueueEntry["record"], state: "new", changes: [], deliveries: [] });
  }
  for (const d of log.deliveries) entries.get(d.escalationId)?.deliveries.push(d);
  for (const s of log.states) {
    const entry = entries.get(s.escalationId);
    if (!entry || !canMove(entry.state, s.state)) continue;
    entry.state = s.state;
    entry.changes.push(s);
  }
  return [...entries.values()].reverse();
}
