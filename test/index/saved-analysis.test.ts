import path from "node:path";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { EVAL_DIR, QUESTION_SETS, readJsonl, type QuestionCase } from "../../src/eval/eval-sets.ts";
import { keywordTokens, setUpAnalysis } from "../../src/index/analysis-setup.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import { HEADINGS_FILE, VOCABULARY_FILE } from "../../src/index/manifest.ts";
import { CHUNKS_BIN_FILE, readChunks } from "../../src/index/chunks-file.ts";
import { indexableText } from "../../src/corpus/chunk.ts";
import { LEXICON_FILE } from "../../src/corpus/load-corpus.ts";
import { loadLexicon } from "../../src/text/lexicon.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { retrieve } from "../../src/retrieve/hybrid-retriever.ts";
import { checkRedFlags } from "../../src/safety/check-red-flags.ts";
import { parseSpelling, readSpellingBytes, SPELLING_FILE } from "../../src/index/spelling-file.ts";
import { Analyzer } from "../../src/text/analyzer.ts";
import { ConceptMatcher } from "../../src/text/lexicon.ts";
import { buildDomainVocabulary, domainVocabulary, vocabularyData, type VocabularyData } from "../../src/answer/domain-vocabulary.ts";

let dataDir: string;
let snapshot: IndexSnapshot;

beforeAll(async () => {
  const embeddings = loadConfig({}).embeddings;
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-saved-analysis-"));
  await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings });
  snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, embeddings);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("a version's saved analysis", () => {
  it("loads to the same known words, keyword scores and phrase-only stems as analysing the chunks again", async () => {
    const chunks = await readChunks(path.join(snapshot.dir, CHUNKS_BIN_FILE));
    const fresh = setUpAnalysis(chunks, await loadLexicon(path.join(snapshot.dir, LEXICON_FILE)), snapshot.rules);
    expect([...snapshot.analyzer.knownWords()]).toEqual([...fresh.analyzer.knownWords()]);
    expect(snapshot.passageTerms.phraseOnly).toEqual(fresh.passageTerms.phraseOnly);
    expect(snapshot.bm25.idf).toEqual(fresh.bm25.idf);
    const questions = (await readJsonl<QuestionCase>(path.join(EVAL_DIR, QUESTION_SETS.dev))).map((q) => q.text);
    for (const q of questions) {
      const tokens = keywordTokens(snapshot.analyzer.analyze(q));
      expect(snapshot.bm25.scores(tokens)).toEqual(fresh.bm25.scores(tokens));
    }
  });

  it("a red-flag worker's load, without the postings, has the same known words, IDF, embeddings and red-flag results", async () => {
    const lean = await loadIndex(dataDir, snapshot.manifest.version, loadConfig({}).embeddings, { redFlagsOnly: true, spellingBytes: snapshot.spellingBytes });
    // The serving thread's spelling tables, not a copy.
    expect(lean.spellingBytes).toBe(snapshot.spellingBytes);
    expect(lean.chunks).toEqual([]);
    expect(lean.bm25.parts.docs.length).toBe(0);
    expect([...lean.analyzer.knownWords()]).toEqual([...snapshot.analyzer.knownWords()]);
    expect(lean.bm25.idf).toEqual(snapshot.bm25.idf);
    expect(lean.bm25.parts.lengths).toEqual(snapshot.bm25.parts.lengths);
    expect(lean.passageTerms.phraseOnly).toEqual(snapshot.passageTerms.phraseOnly);
    for (const text of ["numb between my legs and cant pee", "sciatca down my leg", "what is a herniated disc"]) {
      expect(await lean.embeddings.embedQuery(text)).toEqual(await snapshot.embeddings.embedQuery(text));
      expect(await checkRedFlags(lean, text)).toEqual(await checkRedFlags(snapshot, text));
    }
  });

  it("adopts the spelling indexes saved at reindex only when they index its words, and corrects as building them would", async () => {
    expect(snapshot.manifest.checksums[SPELLING_FILE]).toBeDefined();
    const file = path.join(snapshot.dir, SPELLING_FILE);
    const saved = parseSpelling(file, await readSpellingBytes(file));
    expect(snapshot.spellingBytes).toBeDefined();
    const lexicon = await loadLexicon(path.join(snapshot.dir, LEXICON_FILE));
    const built = new Analyzer(new ConceptMatcher(lexicon), [...snapshot.analyzer.knownWords()]);
    const adopted = new Analyzer(new ConceptMatcher(lexicon), [...snapshot.analyzer.knownWords()]);
    expect(adopted.adoptSpellingTables(saved)).toBe(true);
    expect(new Analyzer(new ConceptMatcher(lexicon), [...snapshot.analyzer.knownWords(), "zorblatt"]).adoptSpellingTables(saved)).toBe(false);
    const typos = ["sciatca", "hernaited", "numbnes", "bak", "pian", "hom", "goldfsh", "qzvkwxjq", "physiotherapyy", "spondylolisthsis", "stenossis", "excercises", "streching", "matress", "pillw"];
    for (const w of typos) {
      expect(adopted.correct(w)).toBe(built.correct(w));
      expect(snapshot.analyzer.correct(w)).toBe(built.correct(w));
    }
  });

  it("loads the domain vocabulary saved at reindex, equal to reading every passage again", () => {
    expect(snapshot.vocabulary).toBeDefined();
    const fresh = vocabularyData(snapshot.chunks, snapshot.analyzer, snapshot.rules.notDomain);
    const sorted = (d: VocabularyData) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
    expect(sorted(snapshot.vocabulary!)).toEqual(sorted(fresh));
    const saved = domainVocabulary(snapshot);
    const built = buildDomainVocabulary(snapshot.chunks, snapshot.analyzer, snapshot.bm25.idf, snapshot.rules.notDomain);
    // ("rope" is a word of the suicide rule only: known for spelling, not a corpus stem.)
    expect(saved.isCorpusStem("rope")).toBe(false);
    // ...nor are the words of a group marked other_subject (what a sign is not: a bike chain, eczema).
    expect(saved.isCorpusStem("clutch")).toBe(false);
    expect(saved.isCorpusStem("eczema")).toBe(false);
    for (const w of ["sciatica", "knee", "pain", "goldfish", "posture", "rope", "c:herniated_disc", "c:back_pain"]) {
      expect(saved.isSpecific(w)).toBe(built.isSpecific(w));
      expect(saved.isCorpusStem(w)).toBe(built.isCorpusStem(w));
      expect(saved.isArticleStem(w)).toBe(built.isArticleStem(w));
    }
  });

  it("retrieval reaches only candidates yet ranks as the whole corpus would: asking for every chunk returns every chunk with content once", async () => {
    const all = await retrieve(snapshot, "what is sciatica", snapshot.chunks.length);
    const ids = all.passages.map((p) => p.chunk.id);
    expect(new Set(ids).size).toBe(ids.length);
    const scores = all.passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const top = await retrieve(snapshot, "what is sciatica", 5);
    expect(top.passages.map((p) => p.chunk.id)).toEqual(ids.slice(0, 5));
  });
});

describe("a version's vectors (the offline embedder's, in an exact index)", () => {
  it("are every chunk's embedding of its indexable text, as float32, though the build embedded each chunk's saved analysis", async () => {
    expect(snapshot.manifest.vectorIndex).toEqual({ kind: "exact", count: snapshot.chunks.length });
    expect(snapshot.vectors.exact).toBe(true);
    const all = await snapshot.vectors.allVectors(snapshot.chunks.length);
    const dims = snapshot.manifest.embedder.dimensions;
    for (const [i, chunk] of snapshot.chunks.entries()) {
      const want = Array.from(await snapshot.embeddings.embedDocuments([indexableText(chunk)]).then(([v]) => v), Math.fround);
      expect(Array.from(all.subarray(i * dims, (i + 1) * dims))).toEqual(want);
    }
  });

  it("are searched exactly: the nearest chunks by cosine over every stored vector", async () => {
    const all = await snapshot.vectors.allVectors(snapshot.chunks.length);
    const dims = snapshot.manifest.embedder.dimensions;
    for (const question of ["what is sciatica", "exercises for a slipped disc", "numb foot when sitting"]) {
      const q = await snapshot.embeddings.embedQuery(question);
      const scored = snapshot.chunks.map((_, i) => {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += q[d] * all[i * dims + d];
        return [i, dot] as const;
      });
      const want = scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
      const got = await snapshot.vectors.search(q, 10);
      expect(got.map(([i]) => i)).toEqual(want.map(([i]) => i));
      got.forEach(([, distance], j) => expect(distance).toBeCloseTo(1 - want[j][1], 9));
    }
  });
});

describe("the files written beside the analysis", () => {
  it("are the same bytes whether a worker thread wrote them or the build's own thread", async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), "lumbar-saved-analysis-worker-"));
    try {
      const manifest = await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir: other, embeddings: loadConfig({}).embeddings, analyzerFilesOnWorker: true });
      const dir = path.join(other, "index", "versions", manifest.version);
      for (const file of [SPELLING_FILE, VOCABULARY_FILE, HEADINGS_FILE]) {
        expect(manifest.checksums[file]).toEqual(snapshot.manifest.checksums[file]);
        expect(await readFile(path.join(dir, file))).toEqual(await readFile(path.join(snapshot.dir, file)));
      }
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    // A whole build, and a worker thread that loads the TypeScript through tsx.
  }, 120_000);
});
