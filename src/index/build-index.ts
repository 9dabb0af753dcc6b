import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { moduleWorker } from "../core/module-worker.ts";
import type { ProviderConfig } from "../config/config.ts";
import { chunkArticles, indexableText } from "../corpus/chunk.ts";
import { LEXICON_FILE, loadCorpus, RED_FLAGS_FILE, RED_FLAGS_LANGUAGES_FILE, SCOPE_FILE } from "../corpus/load-corpus.ts";
import { parseScope } from "../answer/scope.ts";
import { LumbarError, type LumbarErrorCode } from "../core/errors.ts";
import { createEmbeddings } from "../embed/create-embeddings.ts";
import { HashedEmbeddings, type EmbeddedAnalysis } from "../embed/hashed-embeddings.ts";
import { parseRules } from "../safety/rules.ts";
import { parseLexicon } from "../text/lexicon.ts";
import { knownWordsOf, setUpAnalysis } from "./analysis-setup.ts";
import { type BuildWorkerJob, type BuildWorkerReply, writeAnalyzerFiles } from "./build-worker.ts";
import { ANALYSIS_FILE, writeAnalysis } from "./analysis-file.ts";
import { indexPaths, versionDir } from "./index-paths.ts";
import { EXEMPLARS_DIR, MANIFEST_FILE, type Manifest } from "./manifest.ts";
import { CHUNKS_BIN_FILE, writeChunks } from "./chunks-file.ts";
import { writeCurrent } from "./current-pointer.ts";
import { efSearchFor, shardSizes, VectorIndex } from "./vector-index.ts";
import { ExactVectors } from "./exact-vectors.ts";
import { acquireReindexLock } from "./reindex-lock.ts";
import { checksumVersion } from "./version-integrity.ts";

export interface BuildIndexOptions {
  corpusDir: string;
  dataDir: string;
  embeddings: ProviderConfig | null;
  /** Called as chunks are embedded: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Versions kept on disk besides the new one, for rollback. Defaults to 2. */
  keepOld?: number;
  /** Tells the other instances on a shared database to serve the new version, once CURRENT names it. */
  publish?: (version: string) => Promise<void>;
  now?: () => Date;
  /** Whether the spelling, vocabulary and heading files are written on a worker thread; by default from {@link WORKER_MIN_CHUNKS} chunks. */
  analyzerFilesOnWorker?: boolean;
}

/** From this many chunks the build writes the analyzer's files on a worker thread (starting one costs about half a second). */
const WORKER_MIN_CHUNKS = 5_000;

const BATCH = 32;

/**
 * Builds a new index version from the corpus and switches to it. The new version is written to a
 * temporary folder and only renamed into place, and CURRENT repointed, once complete: a failure at
 * any step leaves the previous version serving.
 */
export async function buildIndex(options: BuildIndexOptions): Promise<Manifest> {
  const paths = indexPaths(options.dataDir);
  const lock = await acquireReindexLock(paths.lock);
  const now = options.now ?? (() => new Date());
  const builtAt = now();
  // Names sort by build time to the millisecond (pruning, fallback and rollback rely on it); the
  // suffix keeps two hosts building in the same millisecond apart.
  const version = `v${builtAt.toISOString().replace(/[-:.]/g, "")}-${process.pid}${Math.floor(Math.random() * 1e4)}`;
  const tmp = path.join(paths.versions, `.building-${version}`);
  let stopWorker: (() => Promise<unknown>) | undefined;
  try {
    const corpus = await loadCorpus(options.corpusDir);
    // Each data file is read once: the bytes parsed here are the bytes copied into the version (and
    // hashed into its manifest), so an edit during the build cannot slip in unchecked.
    const sources = await readDataFiles(options.corpusDir);
    const lexicon = parseLexicon(sources[LEXICON_FILE], path.join(options.corpusDir, LEXICON_FILE));
    const languages = sources[RED_FLAGS_LANGUAGES_FILE];
    const rules = parseRules(sources[RED_FLAGS_FILE], path.join(options.corpusDir, RED_FLAGS_FILE), languages === undefined ? undefined : { source: languages, file: path.join(options.corpusDir, RED_FLAGS_LANGUAGES_FILE) });
    parseScope(sources[SCOPE_FILE], path.join(options.corpusDir, SCOPE_FILE));
    const chunks = await chunkArticles(corpus.articles);
    // What the offline embedder reads of each chunk's analysis, kept from the keyword index's pass
    // so no chunk is analysed twice (the embedder needs the IDF, known only once all are analysed).
    const analyses: Array<EmbeddedAnalysis | undefined> = options.embeddings === null ? new Array(chunks.length) : [];
    const known = knownWordsOf(chunks, rules);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    // The spelling indexes, domain vocabulary and headings' tokens need only the chunks and the
    // known words: written meanwhile, on a worker thread for a large corpus (a second core).
    const job: BuildWorkerJob = { dir: tmp, chunks, lexiconSource: sources[LEXICON_FILE], lexiconFile: path.join(options.corpusDir, LEXICON_FILE), knownWords: [...known], notDomain: [...rules.notDomain] };
    const onWorker = options.analyzerFilesOnWorker ?? chunks.length >= WORKER_MIN_CHUNKS;
    const analyzerFiles = onWorker ? runBuildWorker(job) : null;
    // Settled later; a failure meanwhile must not surface as an unhandled rejection.
    analyzerFiles?.done.catch(() => undefined);
    stopWorker = analyzerFiles?.stop;
    const setUp = setUpAnalysis(chunks, lexicon, rules, options.embeddings === null ? (i, a) => (analyses[i] = { concepts: a.concepts, stems: a.stems, words: a.words }) : undefined, known);
    const { analyzer, bm25 } = setUp;
    const embeddings = createEmbeddings(options.embeddings, analyzer, bm25.idf);

    // One Float32Array rather than an array per chunk: hnswlib keeps float32 anyway, and 100,000
    // arrays of 1,024 doubles would take 800 MB. Sized once the first batch gives the dimensions.
    let vectors = new Float32Array(0);
    let dimensions = 0;
    // The offline embedder's vectors go to an exact index instead (see exact-vectors.ts), straight
    // from each chunk's analysis as their non-zero entries.
    const exact = embeddings instanceof HashedEmbeddings ? ExactVectors.builder((dimensions = embeddings.dimensions)) : null;
    options.onProgress?.(0, chunks.length);
    if (exact) {
      for (let i = 0; i < chunks.length; i++) {
        const { indices, values } = (embeddings as HashedEmbeddings).sparseVectorOf(analyses[i] ?? analyzer.analyze(indexableText(chunks[i])));
        analyses[i] = undefined;
        exact.add(indices, values);
        if ((i + 1) % 1024 === 0 || i + 1 === chunks.length) {
          options.onProgress?.(i + 1, chunks.length);
          // Let timers run now and then, so the lock's heartbeat keeps beating.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
    for (let i = 0; !exact && i < chunks.length; i += BATCH) {
      const batch = await embeddings.embedDocuments(chunks.slice(i, i + BATCH).map(indexableText));
      if (i === 0) vectors = new Float32Array(chunks.length * (dimensions = batch[0]?.length ?? 0));
      batch.forEach((v, j) => vectors.set(v, (i + j) * dimensions));
      options.onProgress?.(Math.min(i + BATCH, chunks.length), chunks.length);
      // Let timers run between batches (a local embedder never really waits), so the lock's heartbeat keeps beating.
      await new Promise((resolve) => setImmediate(resolve));
    }

    const exemplarTexts = rules.rules.flatMap((r) => r.exemplars.map((text) => ({ text, ruleId: r.id })));
    const exemplarStore = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions });
    if (exemplarTexts.length > 0) {
      await exemplarStore.addVectors(
        await embeddings.embedDocuments(exemplarTexts.map((e) => e.text)),
        exemplarTexts.map((e) => new Document({ pageContent: e.text, metadata: { ruleId: e.ruleId } })),
      );
    }

    const vectorIndex = exact ? await VectorIndex.buildExact(exact.finish(), tmp) : await VectorIndex.build(vectors, chunks.length, dimensions, tmp);
    await exemplarStore.save(path.join(tmp, EXEMPLARS_DIR));
    await writeChunks(path.join(tmp, CHUNKS_BIN_FILE), chunks);
    // The analysis is saved so that loading never analyses the chunks again.
    await writeAnalysis(path.join(tmp, ANALYSIS_FILE), setUp);
    // ...with the spelling indexes over its known words, which a load would otherwise build, the
    // domain vocabulary (the other thing a load would otherwise read every passage for) and the
    // headings' tokens (the heading index's only slow part): see build-worker.ts.
    if (analyzerFiles) await analyzerFiles.done;
    else await writeAnalyzerFiles(job);
    // The lexicon and rules are copied in so the serving index never mixes with half-edited corpus files.
    for (const [name, source] of Object.entries(sources)) await writeFile(path.join(tmp, name), source);
    const manifest: Manifest = {
      version,
      builtAt: builtAt.toISOString(),
      corpusHash: corpus.hash,
      embedder: { name: embeddings.name, dimensions },
      chunkCount: chunks.length,
      ruleCount: rules.rules.length,
      conceptCount: lexicon.concepts.size,
      articles: corpus.articles.map((a) => a.title),
      files: corpus.files.map((f) => path.relative(options.corpusDir, f)),
      // Also the red-flag exemplars' breadth: an exact version keeps the one its HNSW shards would have had.
      efSearch: efSearchFor(Math.max(0, ...(vectorIndex.kind === "exact" ? shardSizes(chunks.length) : vectorIndex.shards))),
      vectorIndex,
      // Hashed from the files as written, so any later truncation or edit is caught at load.
      checksums: await checksumVersion(tmp),
    };
    await writeFile(path.join(tmp, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await rename(tmp, versionDir(paths, version));
    // fsync the files before CURRENT names them: a power cut must not leave CURRENT naming a
    // version whose files never reached the disk.
    await syncTree(versionDir(paths, version));
    // A holder stalled past the lock's age limit may have been taken over: only one build switches.
    await lock.assertHeld();
    await writeCurrent(paths, version);
    await options.publish?.(version);
    await pruneOldVersions(paths.versions, version, options.keepOld ?? 2);
    return manifest;
  } catch (err) {
    await stopWorker?.();
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  } finally {
    await lock.release();
  }
}

/** The corpus data files copied into every version, read with the errors their loaders give. */
async function readDataFiles(corpusDir: string): Promise<Record<string, string>> {
  const what: Record<string, [LumbarErrorCode, string]> = {
    [LEXICON_FILE]: ["CORPUS_INVALID", "lay-terms file"],
    [RED_FLAGS_FILE]: ["RULES_INVALID", "red-flag rules file"],
    [SCOPE_FILE]: ["CORPUS_INVALID", "scope file"],
  };
  const out: Record<string, string> = {};
  for (const [name, [code, label]] of Object.entries(what)) {
    const file = path.join(corpusDir, name);
    out[name] = await readFile(file, "utf8").catch((err) => {
      throw LumbarError.fromError(code, `cannot read the ${label} ${file}`, err);
    });
  }
  // The other languages' lexicon is optional: a corpus without it builds as before.
  const languagesFile = path.join(corpusDir, RED_FLAGS_LANGUAGES_FILE);
  const languages = await readFile(languagesFile, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw LumbarError.fromError("RULES_INVALID", `cannot read the red-flag languages file ${languagesFile}`, err);
  });
  if (languages !== null) out[RED_FLAGS_LANGUAGES_FILE] = languages;
  return out;
}

/** Runs {@link writeAnalyzerFiles} on a worker thread: `done` settles when the files are written. */
function runBuildWorker(job: BuildWorkerJob): { done: Promise<void>; stop: () => Promise<number> } {
  const worker = moduleWorker(new URL("./build-worker", import.meta.url));
  const done = new Promise<void>((resolve, reject) => {
    worker.once("message", (reply: BuildWorkerReply) => {
      void worker.terminate();
      if (reply.ok) resolve();
      else reject(new LumbarError("INDEX_INVALID", `writing the spelling, vocabulary and heading files failed: ${reply.error}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new LumbarError("INDEX_INVALID", `the build's worker thread stopped (exit code ${code})`)));
  });
  worker.postMessage(job);
  return { done, stop: () => worker.terminate() };
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  await fh.sync().finally(() => fh.close());
}

async function syncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(p);
    else {
      const fh = await open(p, "r");
      await fh.sync().finally(() => fh.close());
    }
  }
  await syncDir(dir);
}

async function pruneOldVersions(dir: string, keep: string, keepOld: number): Promise<void> {
  // Builds interrupted by a crash leave .building-* folders; an hour is far longer than any build.
  for (const n of (await readdir(dir)).filter((x) => x.startsWith(".building-"))) {
    const age = Date.now() - (await stat(path.join(dir, n))).mtimeMs;
    if (age > 60 * 60 * 1000) await rm(path.join(dir, n), { recursive: true, force: true });
  }
  const names = (await readdir(dir)).filter((n) => n.startsWith("v") && n !== keep).sort();
  // Versions sort by build time; a serving process may still hold the newest old ones open.
  for (const old of names.slice(0, Math.max(0, names.length - keepOld))) {
    await rm(path.join(dir, old), { recursive: true, force: true });
  }
}
