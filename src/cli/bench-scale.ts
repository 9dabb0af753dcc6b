import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { LumbarError } from "../core/errors.ts";
import { PROJECT_ROOT, type LumbarConfig } from "../config/config.ts";
import { EVAL_DIR, QUESTION_SETS, readJsonl, type QuestionCase } from "../eval/eval-sets.ts";
import { buildIndex } from "../index/build-index.ts";
import { currentVersion, loadIndex } from "../index/load-index.ts";
import { measureVectorsAndBaselines } from "./bench-baselines.ts";
import { writeSyntheticCorpus } from "./bench-corpus.ts";

/** In-distribution queries drawn from the chunks themselves, besides the evaluation questions. */
const CHUNK_QUERIES = 200;

/** In a `--keep` folder: what was built there, so a later run reuses it only for the same N. */
const KEPT_FILE = "bench-kept.json";

/**
 * `bench --chunks N`: builds a synthetic corpus of N chunks, times the build, measures serving in a
 * cold child process, then HNSW recall and the LangChain baselines over the same chunks. One JSON
 * report on stdout; everything lives in a temporary folder removed afterwards.
 *
 * With `keep`, the corpus and its index live in that folder instead and stay there; a later run
 * with the same N reuses them and skips the build (most of a 100k run), so `build` reports the
 * kept build's figures with `reused: true`. A run after a change to how versions are built or
 * saved must use a fresh folder (the loader refuses a version whose files do not verify, but not
 * one built by older code).
 */
export async function runScaleBench(config: LumbarConfig, chunks: number, keep?: string): Promise<number> {
  const root = keep ?? (await mkdtemp(path.join(os.tmpdir(), "lumbar-scale-")));
  try {
    const corpusDir = path.join(root, "corpus");
    const dataDir = path.join(root, "data");
    const kept = keep !== undefined ? await readKept(root, chunks) : null;
    let build: { ms: number; chunksPerSecond: number; peakRssMb: number; reused?: true };
    let manifest: { chunkCount: number; embedder: unknown };
    if (kept) {
      build = { ...kept.build, reused: true };
      manifest = { chunkCount: chunks, embedder: kept.embedder };
    } else {
      if (keep !== undefined) await clearKeptFolder(root);
      await writeSyntheticCorpus(config.corpusDir, corpusDir, chunks);
      const t0 = performance.now();
      manifest = await buildIndex({ corpusDir, dataDir, embeddings: config.embeddings });
      const buildMs = performance.now() - t0;
      build = { ms: round(buildMs), chunksPerSecond: round(manifest.chunkCount / (buildMs / 1000)), peakRssMb: round(process.resourceUsage().maxRSS / 1024) };
      if (keep !== undefined) await writeFile(path.join(root, KEPT_FILE), JSON.stringify({ chunks, build, embedder: manifest.embedder }) + "\n");
    }

    const { stdout } = await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, "bin", "lumbar.js"), "bench", "--serve", "--data", dataDir, "--corpus", corpusDir], {
      maxBuffer: 1 << 24,
      env: { ...process.env, LUMBAR_LOG_LEVEL: "error" },
    });
    const serving = JSON.parse(stdout.trim().split("\n").at(-1)!);

    let t = performance.now();
    // Shards on this thread: the recall measurement reads every stored vector back.
    const snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, config.embeddings, { vectorWorkers: false });
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
      build,
      loadMs: round(loadMs),
      serving,
      vectors,
      node: process.version,
      cpus: os.availableParallelism(),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return 0;
  } finally {
    if (keep === undefined) await rm(root, { recursive: true, force: true });
  }
}

/**
 * Empties a `--keep` folder for a new build: only one that is missing, empty or an earlier kept
 * bench (it has {@link KEPT_FILE}), so a mistyped path never deletes someone's files.
 */
async function clearKeptFolder(root: string): Promise<void> {
  const entries = await readdir(root).catch(() => [] as string[]);
  if (entries.length > 0 && !entries.includes(KEPT_FILE)) throw new LumbarError("CONFIG_INVALID", `bench: --keep ${root} is neither empty nor an earlier bench's folder`);
  await rm(path.join(root, "corpus"), { recursive: true, force: true });
  await rm(path.join(root, "data"), { recursive: true, force: true });
  await rm(path.join(root, KEPT_FILE), { force: true });
  await mkdir(root, { recursive: true });
}

/** The kept build in `root` if it was of `chunks` chunks and its index is there; otherwise null. */
async function readKept(root: string, chunks: number): Promise<{ build: { ms: number; chunksPerSecond: number; peakRssMb: number }; embedder: unknown } | null> {
  try {
    const kept = JSON.parse(await readFile(path.join(root, KEPT_FILE), "utf8"));
    if (kept.chunks !== chunks || (await currentVersion(path.join(root, "data"))) === null) return null;
    return kept;
  } catch {
    return null;
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
