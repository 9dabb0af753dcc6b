import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import type { Chunk } from "../corpus/chunk.ts";
import { vocabularyData } from "../answer/domain-vocabulary.ts";
import { buildHeadingIndex, savedHeadings } from "../retrieve/heading-index.ts";
import { Analyzer } from "../text/analyzer.ts";
import { ConceptMatcher, parseLexicon } from "../text/lexicon.ts";
import { HEADINGS_FILE, VOCABULARY_FILE } from "./manifest.ts";
import { SPELLING_FILE, writeSpelling } from "./spelling-file.ts";

/** What the build hands its worker: the chunks, the lexicon's text and the known words, in the build's order. */
export interface BuildWorkerJob {
  dir: string;
  chunks: Chunk[];
  lexiconSource: string;
  lexiconFile: string;
  knownWords: string[];
  /** Known words that are not evidence of the articles' subject (RuleSet.notDomain). */
  notDomain: string[];
}

export type BuildWorkerReply = { ok: true } | { ok: false; error: string };

/**
 * The parts of a version that need only the chunks and an analyzer over the corpus's known words,
 * not the keyword index or the vectors: the spelling indexes, the domain vocabulary and the
 * headings' tokens. The build writes them here, on a second core, while its own thread analyses
 * and embeds the chunks (together about a third of a build's time at 30,000 chunks). The analyzer
 * is made as the build's is (same lexicon, same known words), so the files are the same as if the
 * build's own analyzer had made them.
 */
export async function writeAnalyzerFiles(job: BuildWorkerJob): Promise<void> {
  const analyzer = new Analyzer(new ConceptMatcher(parseLexicon(job.lexiconSource, job.lexiconFile)), job.knownWords);
  await writeSpelling(path.join(job.dir, SPELLING_FILE), analyzer.spellingTables());
  await writeFile(path.join(job.dir, VOCABULARY_FILE), JSON.stringify(vocabularyData(job.chunks, analyzer, new Set(job.notDomain))));
  await writeFile(path.join(job.dir, HEADINGS_FILE), JSON.stringify(savedHeadings(job.chunks.length, buildHeadingIndex(job.chunks, analyzer))));
}

parentPort?.once("message", (job: BuildWorkerJob) => {
  writeAnalyzerFiles(job).then(
    () => parentPort!.postMessage({ ok: true } satisfies BuildWorkerReply),
    (err: unknown) => parentPort!.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies BuildWorkerReply),
  );
});
