import path from "node:path";
import type { LumbarConfig } from "../config/config.ts";
import { EVAL_DIR, FOLLOW_UP_SETS, QUESTION_SETS, readJsonl, RED_FLAG_SETS, type FollowUpTurn, type QuestionCase, type RedFlagCase } from "../eval/eval-sets.ts";
import { prepareSnapshot } from "../core/prepare-snapshot.ts";
import { LiveIndex } from "../index/live-index.ts";
import { silentLogger } from "../log/logger.ts";
import { checkRedFlags } from "../safety/check-red-flags.ts";
import { percentiles, shapes, SIZES } from "./bench-long-messages.ts";
import { scratchLumbar } from "./main.ts";

/**
 * The serving half of `bench --chunks N`, run in a child process of its own (`bench --serve`) so
 * its start-up is a cold start and its peak RSS is a server's, not the build's or the baselines'.
 * Prints one JSON object.
 */
export async function runServeBench(config: LumbarConfig): Promise<number> {
  const questions = (await readJsonl<QuestionCase>(path.join(EVAL_DIR, QUESTION_SETS.dev))).map((q) => q.text);
  const followUps = await readJsonl<FollowUpTurn>(path.join(EVAL_DIR, FOLLOW_UP_SETS.dev));
  const flags = (await readJsonl<RedFlagCase>(path.join(EVAL_DIR, RED_FLAG_SETS.dev))).map((q) => q.text);

  // The core's own index, so the red-flag check below runs on the snapshot it serves (a second load
  // would double the memory measured).
  const index = new LiveIndex({ dataDir: config.dataDir, corpusDir: config.corpusDir, embeddings: config.embeddings, logger: silentLogger, prepare: prepareSnapshot });
  const { lumbar, dispose } = await scratchLumbar(config, { index });
  // performance.now() counts from the process's start: this is the cold first answer, module loading included.
  await lumbar.handle({ channel: "bench", conversationId: "first", userId: "bench", text: "what is sciatica" });
  const firstAnswerMs = performance.now();

  const answerMs: number[] = [];
  const followUpMs: number[] = [];
  for (const [i, text] of questions.entries()) {
    const s = performance.now();
    await lumbar.handle({ channel: "bench", conversationId: `q-${i}`, userId: "bench", text });
    answerMs.push(performance.now() - s);
  }
  // Follow-ups in their conversations: every turn after the first is a follow-up.
  for (const turn of followUps) {
    const s = performance.now();
    await lumbar.handle({ channel: "bench", conversationId: `f-${turn.conversation}`, userId: "bench", text: turn.text });
    followUpMs.push(performance.now() - s);
  }
  // A 40 kB message of words the corpus never saw (issue 16: under 100 ms at 100k chunks). The
  // first long message starts the red-flag worker threads (their load is timed apart).
  const unknown = shapes(questions).unknownWords;
  const s0 = performance.now();
  await lumbar.handle({ channel: "bench", conversationId: "u-warm", userId: "bench", text: unknown(SIZES["40kB"], 99) });
  const firstLongMessageMs = performance.now() - s0;
  const unknownMs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const s = performance.now();
    await lumbar.handle({ channel: "bench", conversationId: `u-${run}`, userId: "bench", text: unknown(SIZES["40kB"], run) });
    unknownMs.push(performance.now() - s);
  }
  const snapshot = await index.get();
  const flagMs: number[] = [];
  for (const text of flags) {
    const s = performance.now();
    await checkRedFlags(snapshot, text);
    flagMs.push(performance.now() - s);
  }
  const peakRssMb = round(process.resourceUsage().maxRSS / 1024);
  await dispose();
  const result = {
    firstAnswerAfterColdStartMs: round(firstAnswerMs),
    answer: percentiles([...answerMs, ...followUpMs]),
    questions: percentiles(answerMs),
    followUps: percentiles(followUpMs),
    unknownWords40kB: percentiles(unknownMs),
    redFlagCheck: percentiles(flagMs),
    firstLongMessageMs: round(firstLongMessageMs),
    peakRssMb,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
  return 0;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
