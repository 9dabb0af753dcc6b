import path from "node:path";
import type { LumbarConfig } from "../config/config.ts";
import { CRISIS_SETS, EVAL_DIR, readJsonl, RED_FLAG_SETS, type RedFlagCase } from "../eval/eval-sets.ts";
import { lexiconReport } from "../eval/lexicon-report.ts";
import { LiveIndex } from "../index/live-index.ts";
import { createLogger } from "../log/logger.ts";

/** Prints the red-flag lexicon's size and the entries used by at most one evaluation message, for review. */
export async function runLexicon(config: LumbarConfig, json: boolean): Promise<number> {
  const index = new LiveIndex({ dataDir: config.dataDir, corpusDir: config.corpusDir, embeddings: config.embeddings, logger: createLogger("warn") });
  const snapshot = await index.get();
  const texts: string[] = [];
  // The distress sets are read too: the suicide and self-harm rule's entries are counted on them.
  for (const file of [...Object.values(RED_FLAG_SETS), ...Object.values(CRISIS_SETS)]) texts.push(...(await readJsonl<RedFlagCase>(path.join(EVAL_DIR, file))).map((c) => c.text));
  const report = lexiconReport(snapshot.rules, texts, (w) => snapshot.analyzer.correct(w));
  if (json) {
    process.stdout.write(JSON.stringify({ ...report, uses: undefined }) + "\n");
    return 0;
  }
  const out = (s: string) => process.stdout.write(s + "\n");
  out(`${report.concepts} concepts, ${report.entries} concept entries, ${report.contextEntries} context trigger entries, ${report.rules} rules, ${report.patterns} patterns; ${texts.length} evaluation messages.`);
  out(`Entries found in at most one evaluation message (${report.rare.length}), by concept and rationale:`);
  let last = "";
  for (const u of report.rare) {
    const head = `  ${u.concept}: ${u.why}`;
    if (head !== last) out(head);
    last = head;
    out(`      ${u.term} (${u.messages})`);
  }
  return 0;
}
