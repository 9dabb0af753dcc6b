import type { EscalationLevel } from "../core/types.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { checkRedFlags } from "../safety/check-red-flags.ts";
import type { RedFlagCase } from "./eval-sets.ts";
import { ratio } from "./retrieval-eval.ts";

const LEVELS: EscalationLevel[] = ["emergency", "urgent", "none"];

export interface RedFlagMetrics {
  /** confusion[expected][got] = count. */
  confusion: Record<EscalationLevel, Record<EscalationLevel, number>>;
  /** Emergencies escalated as emergency. */
  emergencyRecall: number;
  /** Urgent cases escalated at urgent or higher (an emergency answer to an urgent message is safe). */
  urgentRecall: number;
  /** Must-not-escalate messages that escalated. */
  falseEscalationRate: number;
  /** Escalations the semantic back-up added that the rules missed. */
  semanticAdded: number;
  errors: Array<{ text: string; expected: EscalationLevel; got: EscalationLevel; reasons: string[] }>;
}

/** Runs the same check the core runs on every message, over a labelled set. */
export async function evaluateRedFlags(snapshot: IndexSnapshot, cases: RedFlagCase[], options: { semantic?: boolean; threshold?: number } = {}): Promise<RedFlagMetrics> {
  const confusion = Object.fromEntries(LEVELS.map((e) => [e, Object.fromEntries(LEVELS.map((g) => [g, 0]))])) as RedFlagMetrics["confusion"];
  const errors: RedFlagMetrics["errors"] = [];
  let semanticAdded = 0;
  for (const c of cases) {
    const r = await checkRedFlags(snapshot, c.text, options);
    confusion[c.expected][r.level]++;
    if (r.level !== "none" && r.hits.every((h) => h.status !== "current" || h.via === "semantic")) semanticAdded++;
    if (r.level !== c.expected) errors.push({ text: c.text, expected: c.expected, got: r.level, reasons: r.reasons });
  }
  const row = (e: EscalationLevel) => LEVELS.reduce((s, g) => s + confusion[e][g], 0);
  return {
    confusion,
    emergencyRecall: ratio(confusion.emergency.emergency, row("emergency")),
    urgentRecall: ratio(confusion.urgent.urgent + confusion.urgent.emergency, row("urgent")),
    falseEscalationRate: ratio(confusion.none.urgent + confusion.none.emergency, row("none")),
    semanticAdded,
    errors,
  };
}
