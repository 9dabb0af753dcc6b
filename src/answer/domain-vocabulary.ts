import type { Chunk } from "../corpus/chunk.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import type { Analyzer } from "../text/analyzer.ts";
import { isEverydayCompound, isNearEnglishWord } from "../text/english-words.ts";
import { stem, STOPWORDS } from "../text/normalize.ts";
import { wordFrequencies } from "../text/word-frequency.ts";

/** What the corpus is about, beyond the lay lexicon: the topic words of its own headings. */
export interface DomainVocabulary {
  /** Stems no lexicon concept holds that name what a section is about ("knee" in a knee article). */
  topicStems: ReadonlySet<string>;
  /**
   * Heading words of lexicon topics taken one at a time ("back", "pain", "disc"): on their own they
   * are everyday words ("go back"), so they weigh like context.
   */
  weakTopicStems: ReadonlySet<string>;
  /** Heading words of the corpus's activities ("core", "lifting", "stretching"): context the corpus names. */
  headingContextStems: ReadonlySet<string>;
  /** Context concepts a section heading names ("posture", "rest", "drink"): activities the corpus has a section on. */
  headingContextConcepts: ReadonlySet<string>;
  /**
   * True for a concept (`c:id`) or stem that only some passages use, so it tells one topic from
   * another ("sciatica"); false for what nearly every passage is about ("back pain", "leg").
   */
  isSpecific(token: string): boolean;
  /** True for a stem the articles themselves use (not only the lexicon or the red-flag rules). */
  isArticleStem(stem: string): boolean;
  /** True for a stem the corpus uses, or a form of one ("hereditary" for "heredity"). */
  isCorpusStem(stem: string): boolean;
  /** True for a word that neither the corpus, the lexicon nor the dictionary knows: a drug, a brand, a place. */
  isUnknownName(word: string): boolean;
}

/**
 * What the domain vocabulary learns from the passages, as plain data: worked out once at reindex and
 * saved with the version (`vocabulary.json`), since at 100,000 chunks analysing every passage again
 * took most of a start-up.
 */
export interface VocabularyData {
  /** Passages the vocabulary was read from: a token in at most a third of them is specific. */
  chunkCount: number;
  corpusStems: string[];
  articleStems: string[];
  topicStems: string[];
  weakTopicStems: string[];
  headingContextStems: string[];
  headingContextConcepts: string[];
}

/**
 * A name people say this often (SUBTLEX-US counts: "christmas" 6,244, "monday" 1,698, "london"
 * 2,347) is everyday English, not a drug or brand nobody knows; medicine names the lexicon lacks sit
 * far below it ("warfarin" 4, "ibuprofen" 24, "valium" 139).
 */
const COMMON_NAME_COUNT = 150;

/**
 * Everyday names of the internet era, which the word counts (film subtitles up to 2009) barely hold:
 * "is it all instagram nonsense" is an aside, not a question about a drug or brand nobody knows.
 */
const INTERNET_ERA_NAMES = new Set(["instagram", "insta", "tiktok", "youtube", "facebook", "whatsapp", "google", "googled", "googling", "reddit", "twitter", "snapchat", "pinterest", "netflix", "amazon", "chatgpt", "influencer", "influencers", "podcast", "podcasts"]);

const cache = new WeakMap<IndexSnapshot, DomainVocabulary>();

/** The domain vocabulary of an index version: from its saved data, or worked out once per version. */
export function domainVocabulary(snapshot: IndexSnapshot): DomainVocabulary {
  let v = cache.get(snapshot);
  if (!v) {
    const data = snapshot.vocabulary ?? vocabularyData(snapshot.chunks, snapshot.analyzer, snapshot.rules.notDomain);
    v = vocabularyFrom(data, snapshot.analyzer, snapshot.bm25.idf);
    cache.set(snapshot, v);
  }
  return v;
}

/** The domain vocabulary of passages read with an analyzer (tests and versions built without saved data). */
export function buildDomainVocabulary(chunks: Chunk[], analyzer: Analyzer, idf: ReadonlyMap<string, number>, notDomain?: ReadonlySet<string>): DomainVocabulary {
  return vocabularyFrom(vocabularyData(chunks, analyzer, notDomain), analyzer, idf);
}

/**
 * A heading word is a topic of the corpus when the text under the heading keeps using it: "Piriformis
 * Syndrome" is about piriformis (used three times below it), while "Changes in Lifestyle..." never
 * says "changes" again, so an oil change finds nothing here. An article title's word counts when
 * most of the article's sections use it ("knee" in "Knee Pain Basics"; not "leads" in "...Leads to
 * Leg Pain"). Words the lexicon already classes keep their concept's kind, and an everyday word the
 * lexicon uses in its phrases ("pain" of "back pain") stays weak wherever it appears.
 */
export function vocabularyData(chunks: Chunk[], analyzer: Analyzer, notDomain: ReadonlySet<string> = new Set()): VocabularyData {
  const lexicon = analyzer.lexiconStems();
  // The red-flag rules' words are known for spelling, but the words of a concern beside the spine
  // (thoughts of suicide: "a rope", "a noose") are not what the articles cover.
  const corpusStems = new Set<string>([...analyzer.knownWords()].filter((w) => !notDomain.has(w) || lexicon.has(stem(w))).map(stem));
  const articleStems = new Set<string>();
  const bySection = new Map<string, { heading: string; stems: string[] }>();
  const byArticle = new Map<string, { title: string; sections: Map<string, Set<string>> }>();
  const headingsRead = new Set<string>();
  for (const c of chunks) {
    const stems = analyzer.analyze(c.text).stems;
    for (const st of stems) corpusStems.add(st);
    for (const st of stems) articleStems.add(st);
    // A long section is many chunks under one heading: its words are read once.
    if (!headingsRead.has(c.section)) {
      headingsRead.add(c.section);
      for (const st of analyzer.analyze(c.section).stems) articleStems.add(st);
    }
    const key = `${c.article}\u0000${c.section}`;
    const s = bySection.get(key) ?? { heading: c.section, stems: [] };
    s.stems.push(...stems);
    bySection.set(key, s);
    const a = byArticle.get(c.article) ?? { title: c.headingPath[0] ?? c.article, sections: new Map() };
    const used = a.sections.get(c.section) ?? new Set<string>();
    for (const st of stems) used.add(st);
    a.sections.set(c.section, used);
    byArticle.set(c.article, a);
  }
  const topicStems = new Set<string>();
  const weakTopicStems = new Set<string>();
  const headingContextStems = new Set<string>();
  const headingContextConcepts = new Set<string>();
  const collect = (heading: string, recurs: (stem: string) => boolean, section: boolean) => {
    const a = analyzer.analyze(heading.replace(/^Q\.\s*/, ""));
    if (section) for (const c of a.concepts) if (analyzer.kindOf(c) === "context") headingContextConcepts.add(c);
    const kindAt = new Map<number, string>();
    for (const span of a.spans) {
      const kinds = span.concepts.map((c) => analyzer.kindOf(c));
      const kind = kinds.includes("topic") || kinds.includes("treatment") ? "topic" : kinds.includes("context") ? "context" : "intent";
      for (let i = span.start; i < span.end; i++) kindAt.set(i, kind);
    }
    a.words.forEach((w, i) => {
      const st = stem(w);
      if (STOPWORDS.has(w) || st.length < 3 || /\d/.test(st) || !recurs(st)) return;
      const kind = kindAt.get(i) ?? (lexicon.has(st) ? "topic" : undefined);
      if (kind === undefined && st.length >= 4) topicStems.add(st);
      else if (kind === "topic") weakTopicStems.add(st);
      else if (kind === "context") headingContextStems.add(st);
    });
  };
  for (const s of bySection.values()) {
    const counts = new Map<string, number>();
    for (const b of s.stems) counts.set(b, (counts.get(b) ?? 0) + 1);
    collect(s.heading, (st) => (counts.get(st) ?? 0) >= 2, true);
  }
  for (const a of byArticle.values()) {
    const sections = [...a.sections.values()];
    if (sections.length < 2) continue;
    // An article's title names everything in it, so its context words name no one section.
    collect(a.title, (st) => sections.filter((used) => used.has(st)).length >= sections.length / 2, false);
  }
  return {
    chunkCount: chunks.length,
    corpusStems: [...corpusStems],
    articleStems: [...articleStems],
    topicStems: [...topicStems],
    weakTopicStems: [...weakTopicStems],
    headingContextStems: [...headingContextStems],
    headingContextConcepts: [...headingContextConcepts],
  };
}

/** The vocabulary's questions over its data, the index's IDF and its analyzer. */
export function vocabularyFrom(data: VocabularyData, analyzer: Analyzer, idf: ReadonlyMap<string, number>): DomainVocabulary {
  const corpusStems = new Set(data.corpusStems);
  const articleStems = new Set(data.articleStems);
  // Six letters in common is the same word in another form far more often than a different word.
  const prefixes = new Set(data.corpusStems.filter((st) => st.length >= 6).map((st) => st.slice(0, 6)));
  // A token in at most a third of the passages says what a question is about, not what all of it is.
  const n = data.chunkCount;
  const df = Math.max(1, Math.floor(n / 3));
  const specificIdf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return {
    topicStems: new Set(data.topicStems),
    weakTopicStems: new Set(data.weakTopicStems),
    headingContextStems: new Set(data.headingContextStems),
    headingContextConcepts: new Set(data.headingContextConcepts),
    isSpecific: (token) => (idf.get(token) ?? 0) >= specificIdf,
    isArticleStem: (st) => articleStems.has(st),
    isCorpusStem: (st) => corpusStems.has(st) || (st.length >= 6 && prefixes.has(st.slice(0, 6))),
    isUnknownName: (word) =>
      word.length >= 4 &&
      !/\d/.test(word) &&
      !STOPWORDS.has(word) &&
      !analyzer.knows(word) &&
      !isNearEnglishWord(word) &&
      wordFrequencies().count(word) < COMMON_NAME_COUNT &&
      !isEverydayCompound(word, (w) => wordFrequencies().count(w), COMMON_NAME_COUNT) &&
      !INTERNET_ERA_NAMES.has(word) &&
      !analyzer.startsKnownWord(word) &&
      !spokenSpellings(word).some((w) => wordFrequencies().count(w) >= SPOKEN_WORD_COUNT),
  };
}

/** How common a word said as spoken must be once written out ("bothering"): a name ("Dolorin") seldom is. */
const SPOKEN_WORD_COUNT = 300;

/**
 * A word written as it is said: a dropped final "g" ("runnin", "bovverin") and London's "v" and "f"
 * for "th" ("bovver", "nuffin"). Such a word is English spoken, not the name of a drug or brand.
 */
export function spokenSpellings(word: string): string[] {
  const out = new Set<string>();
  const gBack = /[a-z]{2}in$/.test(word) ? [word, `${word}g`] : [word];
  for (const w of gBack) {
    out.add(w);
    if (w.includes("vv")) out.add(w.replace(/vv/g, "th"));
    if (w.includes("ff")) out.add(w.replace(/ff/g, "th"));
  }
  out.delete(word);
  return [...out];
}
