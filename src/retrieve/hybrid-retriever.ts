import { isBoilerplate } from "../answer/boilerplate.ts";
import { domainVocabulary } from "../answer/domain-vocabulary.ts";
import { splitSentences } from "../answer/sentences.ts";
import { indexableText, type Chunk } from "../corpus/chunk.ts";
import { keywordTokens } from "../index/analysis-setup.ts";
import { versionCache } from "../index/version-cache.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import type { Analysis } from "../text/analyzer.ts";

export interface RetrievedPassage {
  chunk: Chunk;
  /** Fused score in [0, 1]. */
  score: number;
  /** Cosine similarity from the vector store. */
  vector: number;
  /** BM25 score divided by the best BM25 score for this query. */
  keyword: number;
  /** How well the query and the section heading match (IDF-weighted F1 of shared terms). */
  heading: number;
}

export interface Retrieval {
  passages: RetrievedPassage[];
  analysis: Analysis;
  /** The query after spelling correction, as it was searched. */
  searchedText: string;
}

/** Weights of the fused score. Headings weigh in because they are the article's own summary of what a passage answers. */
export const WEIGHTS = { vector: 0.4, keyword: 0.4, heading: 0.2 };

const headingTokens = versionCache<IndexSnapshot, string, Set<string>>();

function headingTokensOf(snapshot: IndexSnapshot, chunk: Chunk): Set<string> {
  return headingTokens(snapshot, chunk.section, () => new Set(mergedTokens(snapshot.analyzer.analyze(chunk.section.replace(/^Q\.\s*/, "")))));
}

/** Concepts plus the words outside them: "get rid of back pain" and "remove back pain" become the same. */
function mergedTokens(a: Analysis): string[] {
  return [...a.residual, ...a.concepts.map((c) => `c:${c}`)];
}

function headingMatch(snapshot: IndexSnapshot, query: Set<string>, heading: Set<string>): number {
  const w = (t: string) => snapshot.bm25.idf.get(t) ?? 0;
  let shared = 0;
  let q = 0;
  let h = 0;
  for (const t of query) {
    q += w(t);
    if (heading.has(t)) shared += w(t);
  }
  for (const t of heading) h += w(t);
  if (shared === 0 || q === 0 || h === 0) return 0;
  const p = shared / h;
  const r = shared / q;
  return (2 * p * r) / (p + r);
}

/** Hybrid search: vector store and BM25, fused by a weighted sum of their scores. `wordWeight` scales plain (non-concept) words in BM25. */
export async function retrieve(snapshot: IndexSnapshot, query: string, k = 5, options: { wordWeight?: number } = {}): Promise<Retrieval> {
  const searchedText = snapshot.analyzer.correctText(query);
  const analysis = snapshot.analyzer.analyze(searchedText);
  const n = snapshot.chunks.length;

  const vector = new Map<string, number>();
  if (searchedText.trim() !== "") {
    const q = await snapshot.embeddings.embedQuery(searchedText);
    for (const [doc, distance] of await snapshot.store.similaritySearchVectorWithScore(q, Math.min(n, 50))) {
      vector.set(String(doc.metadata.chunkId), 1 - distance);
    }
  }
  const tokens = keywordTokens(analysis);
  const wordWeight = options.wordWeight ?? 1;
  const bm = snapshot.bm25.scores(tokens, (t) => (t.startsWith("c:") ? 1 : wordWeight));
  // A loop, not Math.max(...bm): spreading one argument per chunk overflows the stack from about 125,000 chunks.
  let maxBm = 0;
  for (const x of bm) if (x > maxBm) maxBm = x;

  const querySet = new Set(mergedTokens(analysis));
  const passages: RetrievedPassage[] = snapshot.chunks.map((chunk, i) => {
    const v = Math.max(0, vector.get(chunk.id) ?? 0);
    const kw = maxBm > 0 ? bm[i] / maxBm : 0;
    const h = headingMatch(snapshot, querySet, headingTokensOf(snapshot, chunk));
    return { chunk, vector: v, keyword: kw, heading: h, score: WEIGHTS.vector * v + WEIGHTS.keyword * kw + WEIGHTS.heading * h };
  });
  passages.sort((a, b) => b.score - a.score);
  const top = passages.filter((p) => hasContent(snapshot, p.chunk)).slice(0, k);
  return {
    passages: top,
    analysis,
    searchedText,
  };
}

/**
 * In a follow-up, keyword weight of plain words against lexicon concepts: the turn's own words are
 * mostly how it asks ("usually", "stronger"), and in a corpus this small such a word is rare enough
 * to outweigh the carried condition ("who usually gets it?" found "Usually, these injections...").
 */
export const FOLLOW_UP_WORD_WEIGHT = 0.5;

/**
 * Retrieval for a follow-up: the question with the earlier topic added, blended with the question on
 * its own counted only as far as the passage is about that topic (when the topic is specific).
 * "how is it treated?" after
 * spinal stenosis then ranks the treatments that name stenosis (laminectomy, injections) above the
 * stenosis section itself, which says what it is but not how it is treated.
 */
export async function retrieveWithTopic(snapshot: IndexSnapshot, question: string, topic: string, k = 5, lastSection?: string): Promise<Retrieval> {
  if (!topic) return retrieve(snapshot, question, k);
  const n = snapshot.chunks.length;
  const [withTopic, alone] = await Promise.all([retrieve(snapshot, `${question} ${topic}`, n, { wordWeight: FOLLOW_UP_WORD_WEIGHT }), retrieve(snapshot, question, n)]);
  const own = new Map(alone.passages.map((p) => [p.chunk.id, p.score]));
  // Only what tells one topic from another constrains: after "my back hurts", every passage is about backs.
  const vocabulary = domainVocabulary(snapshot);
  const wanted = new Set(mergedTokens(snapshot.analyzer.analyze(snapshot.analyzer.correctText(topic))).filter((t) => vocabulary.isSpecific(t)));
  const presence = (chunk: Chunk) => {
    if (wanted.size === 0) return 1;
    const has = passageTokensOf(snapshot, chunk);
    return [...wanted].filter((t) => has.has(t)).length / wanted.size;
  };
  // A turn that names an activity or treatment of its own ("how should I sit in the car" after
  // piriformis syndrome) asks about that now: the article may describe it without naming the
  // condition again, so the carried condition constrains it only half as much. (Over the five
  // follow-up sets, 295 turns: 212 -> 219 answered first, 253 -> 258 in the top three.)
  const asksOwn = alone.analysis.concepts.some((c) => ["context", "treatment"].includes(snapshot.analyzer.kindOf(c)));
  // The section headed by the very treatment the turn asks about ("would one of them jabs help" after
  // sciatica: Injections) answers it whether or not it names the carried condition again.
  // A heading over other sections ("Surgical Interventions") is a category, not the treatment: "what
  // surgery is done for it" after spondylolisthesis still wants the operation that names it.
  const ownTreatments = new Set(alone.analysis.concepts.filter((c) => snapshot.analyzer.kindOf(c) === "treatment"));
  const headedByOwn = (chunk: Chunk) => ownTreatments.size > 0 && !isParentSection(snapshot, chunk.section) && headingConceptsOf(snapshot, chunk).some((c) => ownTreatments.has(c));
  const constraint = (chunk: Chunk) => (headedByOwn(chunk) ? 1 : asksOwn ? 0.5 + 0.5 * presence(chunk) : presence(chunk));
  const passages = withTopic.passages
    .map((p) => ({ ...p, score: 0.5 * p.score + 0.5 * (own.get(p.chunk.id) ?? 0) * constraint(p.chunk) + (p.chunk.section === lastSection ? LAST_SECTION_BONUS : 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
  return { ...withTopic, passages };
}

/**
 * A follow-up that names nothing of its own ("how does that put strain on your back", "who usually
 * gets it") asks more of the section that answered last; that section gets this much on its score.
 * Chosen over the five follow-up sets (295 turns): 0.02, 0.05, 0.1, 0.15, 0.25 answered 218, 219,
 * 222, 225, 222 turns first; the broad middle, not a peak on one set.
 */
export const LAST_SECTION_BONUS = 0.15;

const contentful = versionCache<IndexSnapshot, string, boolean>();

/**
 * False for a passage made only of lines about the article (a standfirst selling it, a sign-off):
 * it can never answer a question, so it is never a source.
 */
function hasContent(snapshot: IndexSnapshot, chunk: Chunk): boolean {
  return contentful(snapshot, chunk.id, () => splitSentences(chunk.text).some((s) => !isBoilerplate(s.text)));
}

const parentSections = new WeakMap<IndexSnapshot, Set<string>>();

/** True when other sections sit under this heading. */
function isParentSection(snapshot: IndexSnapshot, section: string): boolean {
  let parents = parentSections.get(snapshot);
  if (!parents) {
    parents = new Set();
    for (const chunk of snapshot.chunks) for (const h of chunk.headingPath.slice(0, -1)) parents.add(h);
    parentSections.set(snapshot, parents);
  }
  return parents.has(section);
}

const headingConcepts = versionCache<IndexSnapshot, string, string[]>();

/** The lexicon concepts of a chunk's own heading ("Injections" -> injection). */
function headingConceptsOf(snapshot: IndexSnapshot, chunk: Chunk): string[] {
  return headingConcepts(snapshot, chunk.section, () => snapshot.analyzer.analyze(chunk.section.replace(/^(Q\.|\d+\.)\s*/, "")).concepts);
}

const passageTokens = versionCache<IndexSnapshot, string, Set<string>>();

function passageTokensOf(snapshot: IndexSnapshot, chunk: Chunk): Set<string> {
  return passageTokens(snapshot, chunk.id, () => new Set(mergedTokens(snapshot.analyzer.analyze(indexableText(chunk)))));
}
