import path from "node:path";
import type { LumbarConfig } from "../config/config.ts";
import { CRISIS_SETS, EVAL_DIR, FOLLOW_UP_SETS, QUESTION_SETS, readJsonl, RED_FLAG_SETS, type CrisisCase, type FollowUpTurn, type QuestionCase, type RedFlagCase } from "../eval/eval-sets.ts";
import { evaluateCrisis, type CrisisMetrics } from "../eval/crisis-eval.ts";
import { evaluateFollowUps, type FollowUpMetrics } from "../eval/follow-up-eval.ts";
import { evaluateRedFlags, type RedFlagMetrics } from "../eval/red-flag-eval.ts";
import { evaluateQuestions, type RetrievalMetrics } from "../eval/retrieval-eval.ts";
import { scratchLumbar } from "./main.ts";
import { LiveIndex } from "../index/live-index.ts";
import { createLogger } from "../log/logger.ts";
import { SEMANTIC_THRESHOLD } from "../safety/semantic-backup.ts";
import { writeLatestEval } from "../eval/latest-results.ts";
import { LumbarError } from "../core/errors.ts";

export interface EvalReport {
  questions: Record<string, Omit<RetrievalMetrics, "misses"> & { misses: number }>;
  followUps: Record<string, Omit<FollowUpMetrics, "misses"> & { misses: number }>;
  redFlags: Record<string, Omit<RedFlagMetrics, "errors"> & { errors: number }>;
  /** Distress sets: thoughts of suicide or self-harm. Optional: reports written before them have none. */
  crisis?: Record<string, Omit<CrisisMetrics, "errors"> & { errors: number }>;
  semanticThreshold: number;
}

/**
 * Runs every evaluation set through the real core and prints a table, then the JSON report; the
 * report is also kept in the data folder (data/eval/latest.json) for the operator console's charts.
 */
export async function runEval(config: LumbarConfig, jsonOnly: boolean, only?: string[]): Promise<number> {
  let indexVersion = "";
  const report = await evaluate(config, (line) => {
    if (!jsonOnly) process.stdout.write(line + "\n");
  }, (v) => (indexVersion = v), only);
  process.stdout.write(JSON.stringify(report) + "\n");
  const file = await writeLatestEval(config.dataDir, { finishedAt: new Date().toISOString(), indexVersion, report });
  if (!jsonOnly) process.stderr.write(`Results kept in ${file} for the console's quality page.\n`);
  return 0;
}

export async function evaluate(config: LumbarConfig, print: (line: string) => void = () => undefined, onVersion: (version: string) => void = () => undefined, only?: string[]): Promise<EvalReport> {
  // `--sets dev,blind63`: only the named sets (of any kind), so one set can be checked in seconds.
  const known = new Set([QUESTION_SETS, FOLLOW_UP_SETS, RED_FLAG_SETS, CRISIS_SETS].flatMap((sets) => Object.keys(sets)));
  const unknown = (only ?? []).filter((n) => !known.has(n));
  if (unknown.length > 0) throw new LumbarError("CONFIG_INVALID", `eval: no evaluation set named ${unknown.map((n) => `'${n}'`).join(", ")} (see src/eval/eval-sets.ts)`);
  const chosen = <T extends Record<string, string>>(sets: T): Array<[string, string]> => Object.entries(sets).filter(([name]) => !only || only.includes(name));
  const { lumbar, dispose } = await scratchLumbar(config);
  const index = new LiveIndex({ dataDir: config.dataDir, corpusDir: config.corpusDir, embeddings: config.embeddings, logger: createLogger("warn") });
  try {
    onVersion((await lumbar.status()).version);
    const snapshot = await index.get();
    const report: EvalReport = { questions: {}, followUps: {}, redFlags: {}, crisis: {}, semanticThreshold: SEMANTIC_THRESHOLD };
    print("Questions                hit@1   hit@3   out-of-scope refused   in-scope refused   p50 ms   p95 ms");
    for (const [name, file] of chosen(QUESTION_SETS)) {
      const m = await evaluateQuestions(lumbar, await readJsonl<QuestionCase>(path.join(EVAL_DIR, file)));
      report.questions[name] = { ...m, misses: m.misses.length };
      print(
        `${`${name} (${m.inScope}+${m.outOfScope})`.padEnd(24)} ${fmt(m.hitAt1)}   ${fmt(m.hitAt3)}   ${fmt(m.outOfScopeAccuracy).padEnd(22)} ${fmt(m.inScopeRefused).padEnd(18)} ${String(m.p50Ms).padEnd(8)} ${m.p95Ms}`,
      );
      for (const miss of m.misses) print(`    miss: "${miss.text}" expected ${miss.expected}, got ${miss.got.join(" | ") || "(none)"}`);
    }
    print("");
    print("Follow-ups (turns after the first)   hit@1   hit@3   refused");
    for (const [name, file] of chosen(FOLLOW_UP_SETS)) {
      const m = await evaluateFollowUps(lumbar, await readJsonl<FollowUpTurn>(path.join(EVAL_DIR, file)));
      report.followUps[name] = { ...m, misses: m.misses.length };
      print(
        `${`${name} (${m.conversations} conversations, ${m.turns} turns)`.padEnd(36)} ${fmt(m.hitAt1)}   ${fmt(m.hitAt3)}   ${fmt(m.refused)}` +
          (m.outOfScopeTurns > 0 ? `   out-of-scope turns refused ${fmt(m.outOfScopeRefused)} of ${m.outOfScopeTurns}` : ""),
      );
      for (const miss of m.misses) print(`    miss [${miss.conversation}]: "${miss.text}" expected ${miss.expected}, got ${miss.got.join(" | ") || "(none)"}`);
    }
    for (const [name, file] of chosen(RED_FLAG_SETS)) {
      const m = await evaluateRedFlags(snapshot, await readJsonl<RedFlagCase>(path.join(EVAL_DIR, file)));
      report.redFlags[name] = { ...m, errors: m.errors.length };
      print("");
      print(
        `Red flags: ${name}   emergency at once ${fmt(m.emergencyRecall)}   emergency escalated or asked ${fmt(m.emergencyEscalatedOrChecked)}   urgent recall ${fmt(m.urgentRecall)}   false escalations ${fmt(m.falseEscalationRate)}   check on ordinary ${fmt(m.checkOnNoneRate)}   added by semantic back-up ${m.semanticAdded}`,
      );
      print("  expected \\ got   emergency   urgent   check   none");
      for (const e of ["emergency", "urgent", "none"] as const) {
        const row = m.confusion[e];
        print(`  ${e.padEnd(16)} ${String(row.emergency).padEnd(11)} ${String(row.urgent).padEnd(8)} ${String(row.check).padEnd(7)} ${row.none}`);
      }
      for (const err of m.errors) print(`    ${err.expected} -> ${err.got}: "${err.text}"`);
    }
    for (const [name, file] of chosen(CRISIS_SETS)) {
      const m = await evaluateCrisis(snapshot, await readJsonl<CrisisCase>(path.join(EVAL_DIR, file)));
      report.crisis![name] = { ...m, errors: m.errors.length };
      print("");
      print(
        `Thoughts of suicide or self-harm: ${name}   crisis caught ${fmt(m.crisisCaught)}   caught or asked ${fmt(m.crisisCaughtOrAsked)}   hopelessness asked ${fmt(m.askAskedOrCaught)}   false crisis ${fmt(m.noneFalseCrisis)}   asked on ordinary ${fmt(m.noneAsked)}`,
      );
      for (const err of m.errors) print(`    ${err.expected} -> ${err.got}: "${err.text}"`);
    }
    return report;
  } finally {
    await dispose();
  }
}

function fmt(x: number): string {
  return x.toFixed(3);
}
