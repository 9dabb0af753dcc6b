import type { Lumbar, Reply } from "../core/types.ts";
import type { QuestionCase } from "./eval-sets.ts";

export interface RetrievalMetrics {
  inScope: number;
  outOfScope: number;
  /** Share of in-scope questions whose first source is the expected section. */
  hitAt1: number;
  /** Share of in-scope questions with the expected section among the first three sources. */
  hitAt3: number;
  /** Share of out-of-scope questions answered with outOfScope true. */
  outOfScopeAccuracy: number;
  /** Share of in-scope questions wrongly refused as out of scope. */
  inScopeRefused: number;
  misses: Array<{ text: string; expected: string; got: string[] }>;
  /** Median and 95th percentile time to answer, ms. */
  p50Ms: number;
  p95Ms: number;
}

let runs = 0;

/**
 * Runs every question through the real core, each in a fresh conversation (ids unique per run, so a
 * question is never read as a follow-up to one from an earlier set).
 */
export async function evaluateQuestions(lumbar: Lumbar, cases: QuestionCase[]): Promise<RetrievalMetrics> {
  const run = ++runs;
  let hit1 = 0;
  let hit3 = 0;
  let oosRight = 0;
  let refused = 0;
  let inScope = 0;
  let outOfScope = 0;
  const misses: RetrievalMetrics["misses"] = [];
  const times: number[] = [];
  for (const [i, c] of cases.entries()) {
    const t0 = performance.now();
    const reply = await lumbar.handle({ channel: "eval", conversationId: `eval-${run}-${i}`, userId: "eval", text: c.text });
    times.push(performance.now() - t0);
    if (c.outOfScope) {
      outOfScope++;
      if (reply.outOfScope) oosRight++;
      else misses.push({ text: c.text, expected: "(out of scope)", got: reply.sources.map((s) => s.section) });
      continue;
    }
    inScope++;
    const score = scoreReply(reply, c);
    if (score.refused) refused++;
    if (score.first) hit1++;
    if (score.topThree) hit3++;
    else misses.push({ text: c.text, expected: c.section ?? "", got: score.sections });
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10 : 0);
  return {
    inScope,
    outOfScope,
    hitAt1: ratio(hit1, inScope),
    hitAt3: ratio(hit3, inScope),
    outOfScopeAccuracy: ratio(oosRight, outOfScope),
    inScopeRefused: ratio(refused, inScope),
    misses,
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
  };
}

/** How one reply did against the section that should answer it (or an equally good one in `also`). */
export function scoreReply(reply: Reply, expected: { section?: string; also?: string[] }): { refused: boolean; first: boolean; topThree: boolean; sections: string[] } {
  const ok = (s: string | undefined) => s !== undefined && (s === expected.section || (expected.also ?? []).includes(s));
  const sections = reply.sources.map((s) => s.section);
  return { refused: reply.outOfScope, first: ok(sections[0]), topThree: sections.slice(0, 3).some(ok), sections };
}

export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 1000) / 1000;
}
