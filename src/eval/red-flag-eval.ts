import type { EscalationLevel } from "../core/types.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { checkRedFlags } from "../safety/check-red-flags.ts";
import type { RedFlagCase } from "./eval-sets.ts";
import { ratio } from "./retrieval-eval.ts";

const LEVELS: EscalationLevel[] = ["emergency", "urgent", "none"];

/** What the check did with a message: a level, or (for a message that escalated nothing) the safety check question. */
export type RedFlagOutcome = EscalationLevel | "check";
const OUTCOMES: RedFlagOutcome[] = ["emergency", "urgent", "check", "none"];

export interface RedFlagMetrics {
  /** confusion[expected][got] = count; "check" when nothing escalated and the check question was asked. */
  confusion: Record<EscalationLevel, Record<RedFlagOutcome, number>>;
  /** Emergencies escalated as emergency at once. */
  emergencyRecall: number;
  /** Emergencies escalated as emergency or asked the check question (a "yes" escalates them). */
  emergencyEscalatedOrChecked: number;
  /** Messages that need neither urgent nor emergency care and were asked the check question. */
  checkOnNoneRate: number;
  /** Urgent cases escalated at urgent or higher (an emergency answer to an urgent message is safe). */
  urgentRecall: number;
  /** Must-not-escalate messages that escalated. */
  falseEscalationRate: number;
  /** Escalations the semantic back-up added that the rules missed. */
  semanticAdded: number;
  errors: Array<{ text: string; expected: EscalationLevel; got: RedFlagOutcome; reasons: string[] }>;
}

/** Runs the same check the core runs on every message, over a labelled set. */
export async function evaluateRedFlags(snapshot: IndexSnapshot, cases: RedFlagCase[], options: { semantic?: boolean; threshold?: number } = {}): Promise<RedFlagMetrics> {
  const confusion = Object.fromEntries(LEVELS.map((e) => [e, Object.fromEntries(OUTCOMES.map((g) => [g, 0]))])) as RedFlagMetrics["confusion"];
  const errors: RedFlagMetrics["errors"] = [];
  let semanticAdded = 0;
  let urgentWithCheck = 0;
  for (const c of cases) {
    const r = await checkRedFlags(snapshot, c.text, options);
    if (c.expected === "emergency" && r.level === "urgent" && r.check.length > 0) urgentWithCheck++;
    const got: RedFlagOutcome = r.level === "none" && r.check.length > 0 ? "check" : r.level;
    confusion[c.expected][got]++;
    if (r.level !== "none" && r.hits.every((h) => h.status !== "current" || h.via === "semantic")) semanticAdded++;
    if (got !== c.expected) errors.push({ text: c.text, expected: c.expected, got, reasons: [...r.reasons, ...r.check.map((id) => `check:${id}`)] });
  }
  const row = (e: EscalationLevel) => OUTCOMES.reduce((s, g) => s + confusion[e][g], 0);
  // An emergency message that escalated only as urgent but also asked the check question counts as asked.
  const emergencyAsked = cases.filter((c) => c.expected === "emergency").length - confusion.emergency.none - confusion.emergency.urgent + urgentWithCheck;
  return {
    confusion,
    emergencyRecall: ratio(confusion.emergency.emergency, row("emergency")),
    emergencyEscalatedOrChecked: ratio(emergencyAsked, row("emergency")),
    checkOnNoneRate: ratio(confusion.none.check, row("none")),
    urgentRecall: ratio(confusion.urgent.urgent + confusion.urgent.emergency, row("urgent")),
    falseEscalationRate: ratio(confusion.none.urgent + confusion.none.emergency, row("none")),
    semanticAdded,
    errors,
  };
}
