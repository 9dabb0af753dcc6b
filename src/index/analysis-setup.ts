import type { Chunk } from "../corpus/chunk.ts";
import { indexableText } from "../corpus/chunk.ts";
import { Bm25 } from "../retrieve/bm25.ts";
import { PassageTerms } from "../retrieve/passage-terms.ts";
import type { RuleSet } from "../safety/rules.ts";
import { Analyzer, type Analysis } from "../text/analyzer.ts";
import { ConceptMatcher, type Lexicon } from "../text/lexicon.ts";
import { normalizeText, words } from "../text/normalize.ts";

/** Keyword tokens of an analysis: stems, plus concepts counted twice (they carry lay meaning). */
export function keywordTokens(a: Analysis): string[] {
  const concepts = a.concepts.map((c) => `c:${c}`);
  return [...a.stems, ...concepts, ...concepts];
}

/**
 * Builds the analyzer and keyword index from chunks exactly the same way at build and at load, so
 * the IDF the embedder was built with is the IDF it queries with. `onAnalysis` is handed each
 * chunk's analysis (of its indexable text), so the build can embed it without analysing it again.
 */
export function setUpAnalysis(chunks: Chunk[], lexicon: Lexicon, rules: RuleSet, onAnalysis?: (chunk: number, analysis: Analysis) => void, known = knownWordsOf(chunks, rules)): SetUp {
  const analyzer = new Analyzer(new ConceptMatcher(lexicon), known);
  const phraseOnly = new Map<string, number[]>();
  const bm25 = Bm25.fromDocuments(
    chunks.map((c, i) => {
      const a = analyzer.analyze(indexableText(c));
      onAnalysis?.(i, a);
      const outside = new Set(a.residual);
      for (const st of new Set(a.stems)) {
        if (outside.has(st)) continue;
        const list = phraseOnly.get(st);
        if (list) list.push(i);
        else phraseOnly.set(st, [i]);
      }
      return keywordTokens(a);
    }),
  );
  const passageTerms = new PassageTerms(bm25, new Map([...phraseOnly].map(([st, list]) => [st, Int32Array.from(list)])));
  return { analyzer, bm25, passageTerms, knownWords: [...known] };
}

/** The words an analyzer over these chunks knows (besides the lexicon's and stopwords), in the order collected. */
export function knownWordsOf(chunks: Chunk[], rules: RuleSet): Set<string> {
  const known = new Set<string>(rules.vocabulary);
  for (const c of chunks) for (const w of words(normalizeText(indexableText(c)))) known.add(w);
  return known;
}

export interface SetUp {
  analyzer: Analyzer;
  bm25: Bm25;
  passageTerms: PassageTerms;
  /** The corpus's words and the rules' vocabulary, in the order collected (saved with the version). */
  knownWords: string[];
}

/** The same set-up from what a version saved: no chunk is analysed again. */
export function analysisFromSaved(saved: { knownWords: string[]; bm25: Bm25; passageTerms: PassageTerms }, lexicon: Lexicon): SetUp {
  return { ...saved, analyzer: new Analyzer(new ConceptMatcher(lexicon), saved.knownWords) };
}
