import type { EscalationTier, RedFlagRulesInfo } from "../core/types.ts";
import type { AuditContents, EscalationState } from "../safety/audit-log.ts";
import { foldQueue, type QueueEntry } from "../safety/escalation-queue.ts";

/** The queue's filters, from the page's query string; absent means all. */
export interface QueueFilter {
  tier?: EscalationTier;
  channel?: string;
  state?: EscalationState;
}

/** One alert target's delivery, in words. */
export interface AlertView {
  target: string;
  state: "delivered" | "failed" | "pending" | "not sent";
  detail: string;
}

/** One escalation as the console shows it. Message text is present only when text logging is on. */
export interface EscalationView {
  id: string;
  time: string;
  tier: EscalationTier;
  channel: string;
  conversationId: string;
  userId: string;
  messageLink?: string;
  indexVersion: string;
  state: EscalationState;
  rules: Array<{ id: string; says: string }>;
  /** What the person was told: the tier's guidance in the serving rules. */
  guidance: string;
  alerts: AlertView[];
  /** Every state change that counted: who, when, through what and from where. */
  history: Array<{ state: string; by: string; via: string; from: string; time: string }>;
  text?: string;
}

/** The queue page: the escalations that pass the filter, and the choices its filter offers. */
export interface QueueView {
  entries: EscalationView[];
  channels: string[];
  counts: Record<EscalationState, number>;
}

/**
 * Folds the audit log into what operators see. `showText` is LUMBAR_LOG_MESSAGE_TEXT now: a record
 * written while it was on keeps its text, but the console shows it only while it still is on.
 */
export function queueView(log: AuditContents, rules: RedFlagRulesInfo, filter: QueueFilter, showText: boolean): QueueView {
  const all = foldQueue(log);
  const says = new Map(rules.rules.map((r) => [r.id, r.says]));
  const counts: Record<EscalationState, number> = { new: 0, acknowledged: 0, resolved: 0 };
  for (const e of all) counts[e.state]++;
  const entries = all
    .filter((e) => (!filter.tier || e.record.tier === filter.tier) && (!filter.channel || e.record.channel === filter.channel) && (!filter.state || e.state === filter.state))
    .map((e) => escalationView(e, says, rules, showText));
  return { entries, channels: [...new Set(all.map((e) => e.record.channel))].sort(), counts };
}

export function escalationView(entry: QueueEntry, says: Map<string, string>, rules: RedFlagRulesInfo, showText: boolean): EscalationView {
  const r = entry.record;
  return {
    id: r.id,
    time: r.time,
    tier: r.tier,
    channel: r.channel,
    conversationId: r.conversationId,
    userId: r.userId,
    // Only web links become links: a record's link is never allowed to be a script URL.
    ...(r.messageLink && /^https?:\/\//.test(r.messageLink) ? { messageLink: r.messageLink } : {}),
    indexVersion: r.indexVersion,
    state: entry.state,
    rules: r.ruleIds.map((id) => ({ id, says: says.get(id) ?? "(no longer in the serving rules)" })),
    guidance: guidanceGiven(r.ruleIds, r.tier, rules),
    alerts: alertViews(entry),
    history: entry.changes.map((c) => ({ state: c.state, by: c.by, via: c.via, from: c.from, time: c.time })),
    ...(showText && r.text !== undefined ? { text: r.text } : {}),
  };
}

/**
 * What the person was told: each rule's own text (thoughts of suicide), and the tier's when a rule
 * without one escalated (as the core chose it when it answered).
 */
function guidanceGiven(ruleIds: string[], tier: EscalationTier, rules: RedFlagRulesInfo): string {
  const byId = new Map(rules.rules.map((x) => [x.id, x]));
  const own = [...new Set(ruleIds.map((id) => byId.get(id)?.guidance ?? "").filter(Boolean))];
  const general = ruleIds.length === 0 || ruleIds.some((id) => !byId.get(id)?.guidance);
  return [...own, general ? (rules.guidance[tier] ?? "") : ""].filter(Boolean).join("\n\n");
}

function alertViews(entry: QueueEntry): AlertView[] {
  if (!entry.record.alerted) return [{ target: "all", state: "not sent", detail: "throttled (an alert for this conversation and tier was sent within the window), or no operator channel was running" }];
  if (entry.deliveries.length === 0) return [{ target: "all", state: "pending", detail: "being delivered, or the process stopped before it knew" }];
  return entry.deliveries.map((d) => ({
    target: d.target ?? "all",
    state: d.outcome,
    detail: d.outcome === "delivered" ? `${d.time} (attempt ${d.attempts})` : `${d.time} after ${d.attempts} attempts: ${d.error ?? "unknown error"}`,
  }));
}

/** Reads a filter from query parameters, ignoring values that are not one of the known ones. */
export function parseFilter(query: Record<string, string | undefined>): QueueFilter {
  const filter: QueueFilter = {};
  if (query.tier === "emergency" || query.tier === "urgent") filter.tier = query.tier;
  if (query.state === "new" || query.state === "acknowledged" || query.state === "resolved") filter.state = query.state;
  if (query.channel && /^[\w-]{1,40}$/.test(query.channel)) filter.channel = query.channel;
  return filter;
}
