import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ProviderConfig } from "../config/config.ts";
import type { Chunk } from "../corpus/chunk.ts";
import { LEXICON_FILE, RED_FLAGS_FILE, SCOPE_FILE } from "../corpus/load-corpus.ts";
import { loadScope } from "../answer/scope.ts";
import { LumbarError } from "../core/errors.ts";
import { createEmbeddings } from "../embed/create-embeddings.ts";
import { loadRules } from "../safety/rules.ts";
import { loadLexicon } from "../text/lexicon.ts";
import { analysisFromSaved, setUpAnalysis } from "./analysis-setup.ts";
import { ANALYSIS_FILE, readAnalysis } from "./analysis-file.ts";
import { parseSpelling, readSpellingBytes, SPELLING_FILE } from "./spelling-file.ts";
import type { VocabularyData } from "../answer/domain-vocabulary.ts";
import { readCurrent } from "./current-pointer.ts";
import { indexPaths, isVersionName, versionDir } from "./index-paths.ts";
import type { SavedHeadings } from "../retrieve/heading-index.ts";
import { CHUNKS_FILE, EXEMPLARS_DIR, HEADINGS_FILE, VOCABULARY_FILE, type Manifest } from "./manifest.ts";
import type { IndexSnapshot } from "./snapshot.ts";
import { VectorIndex } from "./vector-index.ts";
import { IndexDamagedError, startVerifyingVersion } from "./version-integrity.ts";
import { EXACT_VECTORS_FILE } from "./exact-vectors.ts";
import { CHUNKS_BIN_FILE, readChunks } from "./chunks-file.ts";

/** The version CURRENT names, or null when it is missing or does not hold a version name. */
export async function currentVersion(dataDir: string): Promise<string | null> {
  const pointer = await readCurrent(indexPaths(dataDir));
  return pointer.kind === "version" ? pointer.version : null;
}

export interface LoadOptions {
  redFlagsOnly?: boolean;
  spellingBytes?: SharedArrayBuffer;
  vectorWorkers?: boolean;
}

/**
 * Loads one index version whole. Every file is first checked against the size and sha256 its
 * manifest recorded, and the parsed rules, concepts and chunks against the recorded counts: a
 * damaged version fails with IndexDamagedError naming the file; any other failure with INDEX_INVALID.
 */
export async function loadIndex(dataDir: string, version: string, embeddingsConfig: ProviderConfig | null, options: LoadOptions = {}): Promise<IndexSnapshot> {
  if (!isVersionName(version)) throw new LumbarError("INDEX_INVALID", `'${version}' is not an index version name`);
  const dir = versionDir(indexPaths(dataDir), version);
  try {
    // The large files are hashed on another thread while this one reads them; nothing is returned
    // (served) before every file has matched. What this load never reads (a red-flag worker's
    // chunks, vectors, vocabulary and headings, and spelling tables handed over by the thread that
    // verified them) is checked for size only: the serving thread verified the same files.
    const { manifest, verified } = await startVerifyingVersion(dir, version, { unread: (m) => (options.redFlagsOnly ? unreadByRedFlagWorker(m, options.spellingBytes !== undefined) : new Set()) });
    try {
      const snapshot = await loadVerified(dir, version, manifest, embeddingsConfig, options);
      await verified;
      return snapshot;
    } catch (err) {
      // A damaged file is reported as such, even when reading it failed first.
      await verified;
      throw err;
    }
  } catch (err) {
    if (err instanceof LumbarError) throw err;
    throw LumbarError.fromError("INDEX_INVALID", `index version ${version} in ${dir} could not be loaded`, err);
  }
}

/** The files of a version that a red-flag worker's load never reads. */
function unreadByRedFlagWorker(manifest: Manifest, spellingHandedOver: boolean): Set<string> {
  const lean = manifest.checksums[ANALYSIS_FILE] !== undefined;
  return new Set(
    Object.keys(manifest.checksums).filter(
      (rel) => rel === EXACT_VECTORS_FILE || /^hnsw-\d+\.index$/.test(rel) || rel === VOCABULARY_FILE || rel === HEADINGS_FILE || (lean && (rel === CHUNKS_FILE || rel === CHUNKS_BIN_FILE)) || (spellingHandedOver && rel === SPELLING_FILE),
    ),
  );
}

async function loadVerified(dir: string, version: string, manifest: Manifest, embeddingsConfig: ProviderConfig | null, options: LoadOptions): Promise<IndexSnapshot> {
  // A red-flag worker never retrieves: with the analysis saved it needs neither the chunks nor the
  // vectors (about 100 and 220 MB at 100,000 chunks), so its copy of the version stays small.
  const lean = options.redFlagsOnly === true && manifest.checksums[ANALYSIS_FILE] !== undefined;
  // Versions built before chunks.bin hold chunks.json.
  const chunksFile = path.join(dir, manifest.checksums[CHUNKS_BIN_FILE] ? CHUNKS_BIN_FILE : CHUNKS_FILE);
  const chunks = lean ? [] : manifest.checksums[CHUNKS_BIN_FILE] ? await readChunks(chunksFile) : shareRepeats(JSON.parse(await readFile(chunksFile, "utf8")) as Chunk[]);
  const lexicon = await loadLexicon(path.join(dir, LEXICON_FILE));
  const rules = await loadRules(path.join(dir, RED_FLAGS_FILE));
  // The checksums already match, so a count that differs means the build recorded it wrongly;
  // still never served, since detection would silently run on a different rule set.
  expectCount(version, path.join(dir, RED_FLAGS_FILE), "red-flag rules", rules.rules.length, manifest.ruleCount);
  expectCount(version, path.join(dir, LEXICON_FILE), "concepts", lexicon.concepts.size, manifest.conceptCount);
  if (!lean) expectCount(version, chunksFile, "chunks", chunks.length, manifest.chunkCount);
  const scope = await loadScope(path.join(dir, SCOPE_FILE));
  // Versions built before the analysis was saved are analysed here, as they always were.
  const { analyzer, bm25, passageTerms } = manifest.checksums[ANALYSIS_FILE]
    ? analysisFromSaved(await readAnalysis(path.join(dir, ANALYSIS_FILE), { postings: !options.redFlagsOnly }), lexicon)
    : setUpAnalysis(chunks, lexicon, rules);
  // Saved spelling indexes are adopted when they index exactly this analyzer's words; versions
  // built before they were saved (or a word list changed since) build them on first need.
  // A red-flag worker is handed the serving thread's bytes of the same version instead of a copy.
  let spellingBytes: SharedArrayBuffer | undefined;
  if (manifest.checksums[SPELLING_FILE]) {
    const file = path.join(dir, SPELLING_FILE);
    spellingBytes = options.spellingBytes ?? (await readSpellingBytes(file));
    if (!analyzer.adoptSpellingTables(parseSpelling(file, spellingBytes))) spellingBytes = undefined;
  }
  const embeddings = createEmbeddings(embeddingsConfig, analyzer, bm25.idf);
  if (embeddings.name !== manifest.embedder.name) {
    throw new LumbarError(
      "INDEX_INVALID",
      `index ${version} was built with the '${manifest.embedder.name}' embedder but the configuration selects '${embeddings.name}'; run 'lumbar reindex'`,
    );
  }
  const vectors = options.redFlagsOnly ? VectorIndex.none(manifest.embedder.dimensions) : await VectorIndex.load(dir, manifest.embedder.dimensions, manifest.vectorIndex, manifest.efSearch, { workers: options.vectorWorkers });
  const exemplars = await HNSWLib.load(path.join(dir, EXEMPLARS_DIR), embeddings);
  exemplars.index.setEf(manifest.efSearch);
  // Red-flag workers never answer, so they skip it.
  const vocabulary =
    manifest.checksums[VOCABULARY_FILE] && !options.redFlagsOnly ? (JSON.parse(await readFile(path.join(dir, VOCABULARY_FILE), "utf8")) as VocabularyData) : undefined;
  // The headings' saved tokens (red-flag workers never retrieve); the heading index adopts them only if they match these chunks' headings.
  const savedHeadings =
    manifest.checksums[HEADINGS_FILE] && !options.redFlagsOnly ? (JSON.parse(await readFile(path.join(dir, HEADINGS_FILE), "utf8")) as SavedHeadings) : undefined;
  return { manifest, dir, chunks, analyzer, bm25, passageTerms, vectors, embeddings, rules, scope, exemplars, vocabulary, spellingBytes, savedHeadings };
}

/**
 * (Versions with chunks.json.) JSON.parse gives every chunk its own copy of its article title, file path, heading and heading
 * path, though many chunks share them (an article's sections, a long section's parts): one copy
 * each, as the build had them, saved about 21 MB of 128 at 100,000 synthetic chunks. Nothing
 * changes these after a load.
 */
function shareRepeats(chunks: Chunk[]): Chunk[] {
  const strings = new Map<string, string>();
  const one = (s: string) => {
    const same = strings.get(s);
    if (same !== undefined) return same;
    strings.set(s, s);
    return s;
  };
  const paths = new Map<string, string[]>();
  for (const c of chunks) {
    c.article = one(c.article);
    c.file = one(c.file);
    c.section = one(c.section);
    const key = c.headingPath.join("\u0000");
    let shared = paths.get(key);
    if (!shared) paths.set(key, (shared = c.headingPath.map(one)));
    c.headingPath = shared;
  }
  return chunks;
}

function expectCount(version: string, file: string, what: string, actual: number, recorded: number): void {
  if (actual !== recorded) throw new IndexDamagedError(version, file, `has ${actual} ${what} where the manifest recorded ${recorded}`);
}
