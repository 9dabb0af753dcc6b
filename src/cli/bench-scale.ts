import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT, type LumbarConfig } from "../config/config.ts";
import { EVAL_DIR, QUESTION_SETS, readJsonl, type QuestionCase } from "../eval/eval-sets.ts";
import { buildIndex } from "../index/build-index.ts";
import { currentVersion, loadIndex } from "../index/load-index.ts";
import { measureVectorsAndBaselines } from "./bench-baselines.ts";
import { writeSyntheticCorpus } from "./bench-corpus.ts";

/** In-distribution queries drawn from the chunks themselves, besides the evaluation questions. */
const CHUNK_QUERIES = 200;

/**
 * `bench --chunks N`: builds a synthetic corpus of N chunks, times the build, measures serving in a
 * cold child process, then HNSW recall and the LangChain baselines over the same chunks. One JSON
 * report on stdout; everything lives in a temporary folder removed afterwards.
 */
export async function runScaleBench(config: LumbarConfig, chunks: number): Promise<number> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lumbar-scale-"));
  try {
    const corpusDir = path.join(root, "corpus");
    const dataDir = path.join(root, "data");
    await writeSyntheticCorpus(config.corpusDir, corpusDir, chunks);
    let t = performance.now();
    const manifest = await buildIndex({ corpusDir, dataDir, embeddings: config.embeddings });
    const buildMs = performance.now() - t;
    const buildPeakRssMb = process.resourceUsage().maxRSS / 1024;

    const { stdout } = await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, "bin", "lumbar.js"), "bench", "--serve", "--data", dataDir, "--corpus", corpusDir], {
      maxBuffer: 1 << 24,
      env: { ...process.env, LUMBAR_LOG_LEVEL: "error" },
    });
    const serving = JSON.parse(stdout.trim().split("\n").at(-1)!);

    t = performance.now();
    const snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, config.embeddings);
    const loadMs = performance.now() - t;
    const questions = (await readJsonl<QuestionCase>(path.join(EVAL_DIR, QUESTION_SETS.dev))).filter((q) => !q.outOfScope).map((q) => q.text);
    const fromChunks = Array.from({ length: CHUNK_QUERIES }, (_, i) => {
      const words = snapshot.chunks[(i * 7919) % snapshot.chunks.length].text.split(/\s+/);
      const start = (i * 31) % Math.max(1, words.length - 6);
      return words.slice(start, start + 6).join(" ");
    });
    const vectors = await measureVectorsAndBaselines(snapshot, [...questions, ...fromChunks]);
    const report = {
      chunks: manifest.chunkCount,
      embedder: manifest.embedder,
      build: { ms: round(buildMs), chunksPerSecond: round(manifest.chunkCount / (buildMs / 1000)), peakRssMb: round(buildPeakRssMb) },
      loadMs: round(loadMs),
      serving,
      vectors,
      node: process.version,
      cpus: os.availableParallelism(),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return 0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
