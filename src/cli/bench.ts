import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LumbarConfig } from "../config/config.ts";
import { EVAL_DIR, QUESTION_SETS, readJsonl, RED_FLAG_SETS, type QuestionCase, type RedFlagCase } from "../eval/eval-sets.ts";
import { buildIndex } from "../index/build-index.ts";
import { currentVersion, loadIndex } from "../index/load-index.ts";
import { checkRedFlags } from "../safety/check-red-flags.ts";
import { measureAckLatency, measureLongMessages } from "./bench-long-messages.ts";
import { measureMarginal } from "./bench-marginal.ts";
import { scratchLumbar } from "./main.ts";
import { runScaleBench } from "./bench-scale.ts";
import { runServeBench } from "./bench-serve.ts";

/**
 * `npm run bench`: speed and memory, printed as JSON. Targets live here, not in timed tests.
 * Builds its own index in a temporary folder so it never touches the serving one.
 */
export async function runBench(config: LumbarConfig, options: { chunks?: number; keep?: string; serve?: boolean } = {}): Promise<number> {
  if (options.serve) return runServeBench(config);
  if (options.chunks !== undefined) return runScaleBench(config, options.chunks, options.keep);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-bench-"));
  try {
    const cfg = { ...config, dataDir };
    let t = performance.now();
    const manifest = await buildIndex({ corpusDir: cfg.corpusDir, dataDir, embeddings: cfg.embeddings });
    const buildMs = performance.now() - t;
    t = performance.now();
    const snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, cfg.embeddings);
    const loadMs = performance.now() - t;

    const questions = (await readJsonl<QuestionCase>(path.join(EVAL_DIR, QUESTION_SETS.dev))).map((q) => q.text);
    const flags = (await readJsonl<RedFlagCase>(path.join(EVAL_DIR, RED_FLAG_SETS.dev))).map((q) => q.text);
    const { lumbar, dispose } = await scratchLumbar(cfg);
    await lumbar.handle({ channel: "bench", conversationId: "warm", userId: "bench", text: "what is sciatica" });
    const answerMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [i, text] of questions.entries()) {
        const s = performance.now();
        await lumbar.handle({ channel: "bench", conversationId: `b-${round}-${i}`, userId: "bench", text });
        answerMs.push(performance.now() - s);
      }
    }
    const flagMs: number[] = [];
    for (const text of flags) {
      const s = performance.now();
      await checkRedFlags(snapshot, text);
      flagMs.push(performance.now() - s);
    }
    // Long messages (issue 13): the check and the whole reply at 4, 40 and 400 kB, in four shapes.
    const messages = [...questions, ...flags];
    const longMessages = await measureLongMessages(lumbar, snapshot, messages);
    // Another person's acknowledgement while ten 40 kB messages are handled: as served (long
    // messages checked in worker threads), then with every check on the event loop, for comparison.
    const ackWithWorkers = await measureAckLatency(lumbar, messages);
    await dispose();
    const onLoop = await scratchLumbar(cfg, { redFlagWorkers: null });
    await onLoop.lumbar.handle({ channel: "bench", conversationId: "warm", userId: "bench", text: "what is sciatica" });
    const ackOnEventLoop = await measureAckLatency(onLoop.lumbar, messages);
    await onLoop.dispose();
    // Shipped corpus, issue 16: one more message through `ask --jsonl` against the plain BM25Retriever CLI.
    // The plain CLI reads the chunks as a JSON array (a version keeps them in chunks.bin).
    const chunksJson = path.join(dataDir, "bench-chunks.json");
    await writeFile(chunksJson, JSON.stringify(snapshot.chunks));
    const marginalPerMessage = await measureMarginal(dataDir, chunksJson, cfg.corpusDir, [...questions, ...questions, ...questions]);
    const mem = process.memoryUsage();
    const result = {
      corpusChunks: manifest.chunkCount,
      embedder: manifest.embedder.name,
      indexBuildMs: round(buildMs),
      indexLoadMs: round(loadMs),
      answer: summary(answerMs),
      redFlagCheck: summary(flagMs),
      marginalPerMessage,
      longMessages,
      ackWhileTenLongMessages: { redFlagWorkers: ackWithWorkers, allOnEventLoop: ackOnEventLoop },
      memory: { rssMb: round(mem.rss / 2 ** 20), heapUsedMb: round(mem.heapUsed / 2 ** 20) },
      node: process.version,
    };
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    return 0;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0);
  return { count: s.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: round(s[s.length - 1] ?? 0) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
