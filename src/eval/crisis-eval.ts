import type { IndexSnapshot } from "../index/snapshot.ts";
import { checkRedFlags } from "../safety/check-red-flags.ts";
import type { CrisisCase } from "./eval-sets.ts";
import { ratio } from "./retrieval-eval.ts";

/** The rule whose messages a distress set scores (corpus/red-flags.yml). */
export const CRISIS_RULE = "thoughts-of-suicide-or-self-harm";

export interface CrisisMetrics {
  /** Crises escalated with the crisis guidance at once. */
  crisisCaught: number;
  /** Crises escalated or asked the crisis question. */
  crisisCaughtOrAsked: number;
  /** Ambiguous hopelessness asked the crisis question (or escalated: safe). */
  askAskedOrCaught: number;
  /** Ordinary messages escalated with the crisis guidance. */
  noneFalseCrisis: number;
  /** Ordinary messages asked the crisis question. */
  noneAsked: number;
  errors: Array<{ text: string; expected: CrisisCase["expected"]; got: "crisis" | "ask" | "none" }>;
}

/** Runs the same check the core runs on every message over a labelled distress set. */
export async function evaluateCrisis(snapshot: IndexSnapshot, cases: CrisisCase[]): Promise<CrisisMetrics> {
  const count = { crisis: { crisis: 0, ask: 0, none: 0 }, ask: { crisis: 0, ask: 0, none: 0 }, none: { crisis: 0, ask: 0, none: 0 } };
  const errors: CrisisMetrics["errors"] = [];
  for (const c of cases) {
    const r = await checkRedFlags(snapshot, c.text);
    const got = r.reasons.includes(CRISIS_RULE) ? "crisis" : r.check.includes(CRISIS_RULE) ? "ask" : "none";
    count[c.expected][got]++;
    if (got !== c.expected) errors.push({ text: c.text, expected: c.expected, got });
  }
  const n = (e: keyof typeof count) => count[e].crisis + count[e].ask + count[e].none;
  return {
    crisisCaught: ratio(count.crisis.crisis, n("crisis")),
    crisisCaughtOrAsked: ratio(count.crisis.crisis + count.crisis.ask, n("crisis")),
    askAskedOrCaught: ratio(count.ask.ask + count.ask.crisis, n("ask")),
    noneFalseCrisis: ratio(count.none.crisis, n("none")),
    noneAsked: ratio(count.none.ask, n("none")),
    errors,
  };
}
