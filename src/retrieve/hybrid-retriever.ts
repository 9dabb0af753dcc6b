import { isBoilerplate } from "../answer/boilerplate.ts";
import { domainVocabulary } from "../answer/domain-vocabulary.ts";
import { splitSentences } from "../answer/sentences.ts";
import { indexableText, type Chunk } from "../corpus/chunk.ts";
import { keywordTokens } from "../index/analysis-setup.ts";
import { versionCache } from "../index/version-cache.ts";
import { headingIndex, mergedTokens } from "./heading-index.ts";
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

/** Vector neighbours looked up per query. */
const VECTOR_K = 50;

/** One query's candidates: every chunk with a vector, keyword or heading score above nothing, by chunk index. */
interface Candidates {
  passages: Map<number, RetrievedPassage>;
  analysis: Analysis;
  searchedText: string;
}

/**
 * Scores only the chunks a query can reach: its vector neighbours, the chunks holding one of its
 * keyword terms (from the postings) and those whose heading shares one of its tokens. Every other
 * chunk scores 0 on all three, so ranking these alone gives the same order as ranking the corpus.
 */
async function candidates(snapshot: IndexSnapshot, query: string, options: { wordWeight?: number } = {}): Promise<Candidates> {
  const searchedText = snapshot.analyzer.correctText(query);
  const analysis = snapshot.analyzer.analyze(searchedText);
  const n = snapshot.chunks.length;

  const vector = new Map<number, number>();
  if (searchedText.trim() !== "") {
    const q = await snapshot.embeddings.embedQuery(searchedText);
    for (const [doc, distance] of await snapshot.store.similaritySearchVectorWithScore(q, Math.min(n, VECTOR_K))) {
      vector.set(chunkIndex(snapshot, String(doc.metadata.chunkId)), 1 - distance);
    }
  }
  const wordWeight = options.wordWeight ?? 1;
  const bm = snapshot.bm25.match(keywordTokens(analysis), (t) => (t.startsWith("c:") ? 1 : wordWeight));
  let maxBm = 0;
  for (const x of bm.scores) if (x > maxBm) maxBm = x;
  const keyword = new Map<number, number>();
  bm.docs.forEach((doc, j) => keyword.set(doc, bm.scores[j]));

  const headings = headingIndex(snapshot);
  const querySet = new Set(mergedTokens(analysis));
  const reached = new Set<number>([...vector.keys(), ...bm.docs]);
  for (const t of querySet) {
    // A token with no IDF weighs nothing in the heading match, so it reaches nothing.
    if (!snapshot.bm25.idf.has(t)) continue;
    for (const i of headings.chunks.get(t) ?? []) reached.add(i);
  }
  // Per distinct heading once: a heading repeats across the parts of a section and across articles.
  const headingScore = new Map<string, number>();
  const passages = new Map<number, RetrievedPassage>();
  for (const i of reached) {
    const chunk = snapshot.chunks[i];
    const v = Math.max(0, vector.get(i) ?? 0);
    const kw = maxBm > 0 ? (keyword.get(i) ?? 0) / maxBm : 0;
    let h = headingScore.get(chunk.section);
    if (h === undefined) headingScore.set(chunk.section, (h = headingMatch(snapshot, querySet, headings.tokens.get(chunk.section)!)));
    passages.set(i, { chunk, vector: v, keyword: kw, heading: h, score: WEIGHTS.vector * v + WEIGHTS.keyword * kw + WEIGHTS.heading * h });
  }
  return { passages, analysis, searchedText };
}

/** Hybrid search: vector store and BM25, fused by a weighted sum of their scores. `wordWeight` scales plain (non-concept) words in BM25. */
export async function retrieve(snapshot: IndexSnapshot, query: string, k = 5, options: { wordWeight?: number } = {}): Promise<Retrieval> {
  const found = await candidates(snapshot, query, options);
  const passages = topContentful(snapshot, found.passages, k, (a, b) => b.passage.score - a.passage.score || a.index - b.index);
  return { passages, analysis: found.analysis, searchedText: found.searchedText };
}

/**
 * The best `k` passages with content, best first, ties in chunk order, as a full sort of the corpus
 * would give them: the candidates that score above 0 first, then (only when there are fewer than
 * `k`) the corpus's zero-score chunks in chunk order. A candidate is checked for content only when
 * it would enter the top `k`.
 */
function topContentful(snapshot: IndexSnapshot, scored: Map<number, RetrievedPassage>, k: number, order: (a: Ranked, b: Ranked) => number): RetrievedPassage[] {
  const best: Ranked[] = [];
  for (const [index, passage] of scored) {
    if (!(passage.score > 0)) continue;
    const entry = { index, passage };
    if (best.length >= k && order(entry, best[best.length - 1]) >= 0) continue;
    if (!hasContent(snapshot, passage.chunk)) continue;
    // Insertion into a short sorted list: k is a handful, candidates may be thousands.
    let at = best.length;
    while (at > 0 && order(entry, best[at - 1]) < 0) at--;
    best.splice(at, 0, entry);
    if (best.length > k) best.pop();
  }
  const out = best.map((e) => e.passage);
  for (let i = 0; out.length < k && i < snapshot.chunks.length; i++) {
    const chunk = snapshot.chunks[i];
    if ((scored.get(i)?.score ?? 0) > 0 || !hasContent(snapshot, chunk)) continue;
    out.push(scored.get(i) ?? { chunk, vector: 0, keyword: 0, heading: 0, score: 0 });
  }
  return out;
}

interface Ranked {
  index: number;
  passage: RetrievedPassage;
}

/** A chunk's position in the snapshot from the id the vector store holds (ids are positions as written). */
function chunkIndex(snapshot: IndexSnapshot, id: string): number {
  const i = Number(id);
  if (snapshot.chunks[i]?.id === id) return i;
  return snapshot.chunks.findIndex((c) => c.id === id);
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
  const [withTopic, alone] = await Promise.all([candidates(snapshot, `${question} ${topic}`, { wordWeight: FOLLOW_UP_WORD_WEIGHT }), candidates(snapshot, question)]);
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
  const constraint = (chunk: Chunk) => (asksOwn ? 0.5 + 0.5 * presence(chunk) : presence(chunk));
  // The two candidate sets merged, plus the last answering section (its bonus alone gives it a
  // score): every other chunk scores 0 in both and gets no bonus.
  const reached = new Set<number>([...withTopic.passages.keys(), ...alone.passages.keys()]);
  if (lastSection !== undefined) for (const i of headingIndex(snapshot).bySection.get(lastSection) ?? []) reached.add(i);
  const blended = new Map<number, RetrievedPassage>();
  const withTopicScore = new Map<number, number>();
  for (const i of reached) {
    const chunk = snapshot.chunks[i];
    const p = withTopic.passages.get(i) ?? { chunk, vector: 0, keyword: 0, heading: 0, score: 0 };
    const own = alone.passages.get(i)?.score ?? 0;
    // A passage the question alone does not reach adds 0 whatever its constraint: not worked out.
    const c = own === 0 ? 0 : constraint(chunk);
    blended.set(i, { ...p, score: 0.5 * p.score + 0.5 * own * c + (chunk.section === lastSection ? LAST_SECTION_BONUS : 0) });
    withTopicScore.set(i, p.score);
  }
  // Ties keep the order of the question with its topic (its score, then chunk order), as before.
  const passages = topContentful(snapshot, blended, k, (a, b) => b.passage.score - a.passage.score || withTopicScore.get(b.index)! - withTopicScore.get(a.index)! || a.index - b.index);
  return { analysis: withTopic.analysis, searchedText: withTopic.searchedText, passages };
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

const passageTokens = versionCache<IndexSnapshot, string, Set<string>>();

function passageTokensOf(snapshot: IndexSnapshot, chunk: Chunk): Set<string> {
  return passageTokens(snapshot, chunk.id, () => new Set(mergedTokens(snapshot.analyzer.analyze(indexableText(chunk)))));
}
