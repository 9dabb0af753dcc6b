import { askingClauses, subjectClauses } from "../answer/asking-clauses.ts";
import { isBoilerplate } from "../answer/boilerplate.ts";
import { domainVocabulary } from "../answer/domain-vocabulary.ts";
import { splitSentences } from "../answer/sentences.ts";
import { headingWithoutMarker, type Chunk } from "../corpus/chunk.ts";
import { keywordTokens } from "../index/analysis-setup.ts";
import { chunkGroups } from "../index/chunk-groups.ts";
import { versionCache } from "../index/version-cache.ts";
import { headingIndex, mergedTokens } from "./heading-index.ts";
import { includes } from "./passage-terms.ts";
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

/**
 * In a question that names a condition only some passages are about, a heading word that only says
 * how it is asked ("symptoms", "causes") counts half: "sciatica symptoms" is answered by the sciatica
 * section, not by the general "Back Pain Symptoms". (Read question sets: hit@1 0.885 -> 0.889 at a
 * half, the same at a quarter or nothing; follow-ups unchanged. Without the condition the intent keeps
 * its full weight: "what are the symptoms" wants the symptoms section.)
 */
const INTENT_HEADING_WEIGHT = 0.5;

function headingMatch(snapshot: IndexSnapshot, query: Set<string>, heading: readonly string[], specificQuery = false): number {
  const w = (t: string) => (snapshot.bm25.idf.get(t) ?? 0) * (specificQuery && t.startsWith("c:") && snapshot.analyzer.kindOf(t.slice(2)) === "intent" ? INTENT_HEADING_WEIGHT : 1);
  let shared = 0;
  let q = 0;
  let h = 0;
  for (const t of query) {
    q += w(t);
    // A heading has a few distinct tokens: a scan, no Set per heading.
    if (heading.includes(t)) shared += w(t);
  }
  for (const t of heading) h += w(t);
  if (shared === 0 || q === 0 || h === 0) return 0;
  const p = shared / h;
  const r = shared / q;
  return (2 * p * r) / (p + r);
}

/** Vector neighbours looked up per query. */
const VECTOR_K = 50;

/**
 * One query's candidates: every chunk with a vector, keyword or heading score above 0, as parallel
 * typed arrays sized once per query (a query on a common word reaches much of the corpus: no object
 * per chunk, no array grown one candidate at a time).
 */
interface Candidates {
  analysis: Analysis;
  searchedText: string;
  index: Int32Array;
  vector: Float64Array;
  keyword: Float64Array;
  heading: Float64Array;
  score: Float64Array;
}

/** Per-version scratch space, zero (or -1) between queries; a query never awaits while using it. */
interface Scratch {
  /** Per chunk, 1 + its position in the candidates being built (0: not reached). */
  position: Int32Array;
  /** Per heading id, its match with the query being scored (NaN: not worked out). */
  headingScore: Float64Array;
}

const scratches = new WeakMap<IndexSnapshot, Scratch>();

function scratchOf(snapshot: IndexSnapshot): Scratch {
  let s = scratches.get(snapshot);
  if (!s) scratches.set(snapshot, (s = { position: new Int32Array(snapshot.chunks.length), headingScore: new Float64Array(headingIndex(snapshot).names.length).fill(NaN) }));
  return s;
}

/**
 * Scores only the chunks a query can reach: its vector neighbours, the chunks holding one of its
 * keyword terms (from the postings) and those whose heading shares one of its tokens. Every other
 * chunk scores 0 on all three, so ranking these alone gives the same order as ranking the corpus.
 * Candidates are listed in that order (neighbours, then keyword matches, then heading matches).
 */
async function candidates(snapshot: IndexSnapshot, query: string, options: { wordWeight?: number; askingFocus?: boolean } = {}): Promise<Candidates> {
  const searchedText = snapshot.analyzer.correctText(query);
  const analysis = snapshot.analyzer.analyze(searchedText);
  const asked = options.askingFocus ? askedTokens(snapshot, query, analysis) : undefined;
  const n = snapshot.chunks.length;

  const neighbours: Array<[number, number]> = [];
  if (searchedText.trim() !== "") {
    const q = await snapshot.embeddings.embedQuery(searchedText);
    for (const [i, distance] of await snapshot.vectors.search(q, Math.min(n, VECTOR_K))) neighbours.push([i, 1 - distance]);
  }
  // From here on nothing awaits: the scratch space is this query's alone.
  const wordWeight = options.wordWeight ?? 1;
  const bm = snapshot.bm25.match(keywordTokens(analysis), (t) => (t.startsWith("c:") ? 1 : wordWeight) * (asked && !asked.has(t) ? STORY_WEIGHT : 1));
  let maxBm = 0;
  for (const x of bm.scores) if (x > maxBm) maxBm = x;

  const { position, headingScore } = scratchOf(snapshot);
  // The headings sharing a token with the query, scored before any candidate is listed, so the
  // arrays can be sized once: at most every neighbour, keyword match and matching heading's chunk.
  const headings = headingIndex(snapshot);
  // With a story before the question, headings are matched on what is asked and the conditions the
  // story names ("my mum was told by the doctor she has a slipped disc, what is that exactly": the
  // story's doctor does not make "When to See a Doctor" the heading asked for).
  const merged = mergedTokens(analysis);
  const querySet = new Set(asked ? merged.filter((t) => asked.has(t) || (t.startsWith("c:") && ["topic", "treatment"].includes(snapshot.analyzer.kindOf(t.slice(2))))) : merged);
  const vocabulary = domainVocabulary(snapshot);
  const specificQuery = analysis.concepts.some((c) => snapshot.analyzer.kindOf(c) === "topic" && vocabulary.isSpecific(`c:${c}`));
  const scoredHeadings: number[] = [];
  const matching: number[] = [];
  let headingChunks = 0;
  for (const t of querySet) {
    // A token with no IDF weighs nothing in the heading match, so it reaches nothing.
    if (!snapshot.bm25.idf.has(t)) continue;
    for (const id of headings.byToken.get(t) ?? []) {
      if (!Number.isNaN(headingScore[id])) continue;
      const h = (headingScore[id] = headingMatch(snapshot, querySet, headings.tokens[id], specificQuery));
      scoredHeadings.push(id);
      if (h > 0) {
        matching.push(id);
        headingChunks += headings.chunksOf(id).length;
      }
    }
  }

  const capacity = neighbours.length + bm.docs.length + headingChunks;
  const index = new Int32Array(capacity);
  const vector = new Float64Array(capacity);
  const keyword = new Float64Array(capacity);
  const heading = new Float64Array(capacity);
  let count = 0;
  const reach = (i: number): number => {
    if (position[i] === 0) {
      index[count++] = i;
      position[i] = count;
    }
    return position[i] - 1;
  };
  for (const [i, similarity] of neighbours) vector[reach(i)] = Math.max(0, similarity);
  for (let j = 0; j < bm.docs.length; j++) keyword[reach(bm.docs[j])] = maxBm > 0 ? bm.scores[j] / maxBm : 0;
  for (const id of matching) {
    const h = headingScore[id];
    for (const i of headings.chunksOf(id)) heading[reach(i)] = h;
  }
  for (const id of scoredHeadings) headingScore[id] = NaN;
  const score = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    position[index[j]] = 0;
    score[j] = WEIGHTS.vector * vector[j] + WEIGHTS.keyword * keyword[j] + WEIGHTS.heading * heading[j];
  }
  return { analysis, searchedText, index: index.subarray(0, count), vector: vector.subarray(0, count), keyword: keyword.subarray(0, count), heading: heading.subarray(0, count), score };
}

function passageAt(snapshot: IndexSnapshot, c: Candidates, j: number, score = c.score[j]): RetrievedPassage {
  return { chunk: snapshot.chunks[c.index[j]], vector: c.vector[j], keyword: c.keyword[j], heading: c.heading[j], score };
}

/**
 * In a question that tells a story before it asks ("did my back in shovelling snow, can't bend to put
 * my socks on, roughly how long does this kind of thing last"), keyword weight of the words only the
 * story has: the asking clause says what the answer must be about. Over the 26 read question sets,
 * mean hit@1 at 1 / 0.8 / 0.7 / 0.6 / 0.5 was 0.8887 / 0.8922 / 0.8916 / 0.8906 / 0.8911 (follow-ups
 * 0.8142 / 0.8172 / 0.8157 / 0.8157 / 0.8156): the middle of the plateau, not its peak.
 */
const STORY_WEIGHT = 0.75;

/**
 * The keyword tokens of the clauses that ask ("...how long does this kind of thing last"), when the
 * message also tells a story and the asking part has tokens of its own; else undefined.
 */
function askedTokens(snapshot: IndexSnapshot, query: string, analysis: Analysis): Set<string> | undefined {
  const asking = askingClauses(query);
  if (asking.length === 0) return undefined;
  // A clause that names the subject ("going back to the opioid thing, why...") is part of what is asked.
  const clauses = [...subjectClauses(query), ...asking];
  const asked = new Set(keywordTokens(snapshot.analyzer.analyze(snapshot.analyzer.correctText(clauses.join(" . ")))).filter((t) => snapshot.bm25.idf.has(t)));
  // The whole query's tokens, from the analysis its candidates already made.
  const all = keywordTokens(analysis).filter((t) => snapshot.bm25.idf.has(t));
  return asked.size > 0 && all.some((t) => !asked.has(t)) ? asked : undefined;
}

/** Hybrid search: vector store and BM25, fused by a weighted sum of their scores. `wordWeight` scales plain (non-concept) words in BM25. */
export async function retrieve(snapshot: IndexSnapshot, query: string, k = 5, options: { wordWeight?: number; askingFocus?: boolean } = {}): Promise<Retrieval> {
  const found = await candidates(snapshot, query, options);
  const best = topContentful(snapshot, found.index, found.score, k, (a, b) => found.score[b] - found.score[a] || found.index[a] - found.index[b]);
  const passages = best.map((j) => (j < 0 ? zeroPassage(snapshot, -1 - j) : passageAt(snapshot, found, j)));
  return { passages, analysis: found.analysis, searchedText: found.searchedText };
}

function zeroPassage(snapshot: IndexSnapshot, i: number): RetrievedPassage {
  return { chunk: snapshot.chunks[i], vector: 0, keyword: 0, heading: 0, score: 0 };
}

/**
 * The positions (in `index`/`score`) of the best `k` passages with content, best first by `order`,
 * as a full sort of the corpus would give them: candidates scoring above 0 first, then (only when
 * there are fewer than `k`) the corpus's other contentful chunks in chunk order, as -1 - chunk
 * index (every one of them scores 0). A candidate is checked for content only when it would enter.
 */
function topContentful(snapshot: IndexSnapshot, index: ArrayLike<number>, score: ArrayLike<number>, k: number, order: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (let j = 0; j < index.length; j++) {
    if (!(score[j] > 0)) continue;
    if (best.length >= k && order(j, best[best.length - 1]) >= 0) continue;
    if (!hasContent(snapshot, snapshot.chunks[index[j]])) continue;
    // Insertion into a short sorted list: k is a handful, candidates may be most of the corpus.
    let at = best.length;
    while (at > 0 && order(j, best[at - 1]) < 0) at--;
    best.splice(at, 0, j);
    if (best.length > k) best.pop();
  }
  if (best.length < k) {
    const positive = new Set<number>();
    for (let j = 0; j < index.length; j++) if (score[j] > 0) positive.add(index[j]);
    for (let i = 0; best.length < k && i < snapshot.chunks.length; i++) {
      if (positive.has(i) || !hasContent(snapshot, snapshot.chunks[i])) continue;
      best.push(-1 - i);
    }
  }
  return best;
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
  if (!topic) return retrieve(snapshot, question, k, { askingFocus: true });
  const [withTopic, alone] = await Promise.all([candidates(snapshot, `${question} ${topic}`, { wordWeight: FOLLOW_UP_WORD_WEIGHT }), candidates(snapshot, question)]);
  // Only what tells one topic from another constrains: after "my back hurts", every passage is about backs.
  const vocabulary = domainVocabulary(snapshot);
  const wanted = [...new Set(mergedTokens(snapshot.analyzer.analyze(snapshot.analyzer.correctText(topic))).filter((t) => vocabulary.isSpecific(t)))];
  // A turn that names an activity or treatment of its own ("how should I sit in the car" after
  // piriformis syndrome) asks about that now: the article may describe it without naming the
  // condition again, so the carried condition constrains it only half as much. (Over the five
  // follow-up sets, 295 turns: 212 -> 219 answered first, 253 -> 258 in the top three.)
  // Prevention is its own section too: "how do I stop it coming back" after sciatica is answered
  // by how to prevent back and leg pain, which need not name sciatica.
  const asksOwn = alone.analysis.concepts.some((c) => ["context", "treatment"].includes(snapshot.analyzer.kindOf(c)) || c === "prevention");
  // The section headed by the very treatment the turn asks about ("would one of them jabs help" after
  // sciatica: Injections) answers it whether or not it names the carried condition again.
  // A heading over other sections ("Surgical Interventions") is a category, not the treatment: "what
  // surgery is done for it" after spondylolisthesis still wants the operation that names it.
  // So does the section headed by the activity it asks about ("how should I actually be sitting,
  // posture wise" after piriformis syndrome: Good Posture and Ergonomics).
  // Not when it asks why ("why does sitting down help her"): that is about the condition still.
  const asksWhy = alone.analysis.concepts.includes("cause");
  const ownTreatments = new Set(alone.analysis.concepts.filter((c) => snapshot.analyzer.kindOf(c) === "treatment"));
  const headedByOwn = headedBy(snapshot, new Set([...ownTreatments, ...alone.analysis.concepts.filter((c) => !asksWhy && vocabulary.headingContextConcepts.has(c))]));
  // "how do they fix it" after spondylolisthesis asks how the carried condition is treated.
  // Not "would swimming help", "why does sitting help" or "what stops it coming back": those ask of an
  // activity, a cause or prevention.
  // Read on the clause that asks: "how do u get rid of it, cant exactly take a week off mid service"
  // asks how it is treated; the week off is the circumstance, not an activity asked about.
  // (Analysed only when the turn names no treatment and asks no why: most follow-ups skip it.)
  const askedConcepts = (): string[] => {
    const clauses = askingClauses(question);
    return clauses.length > 0 ? snapshot.analyzer.analyze(snapshot.analyzer.correctText(clauses.join(" . "))).concepts : alone.analysis.concepts;
  };
  const asked = ownTreatments.size === 0 && !asksWhy ? askedConcepts() : [];
  const asksHowTreated = asked.includes("treatment") && !asked.some((c) => c === "prevention" || snapshot.analyzer.kindOf(c) === "context");
  return snapshot.passageTerms.withCounts(wanted, (held) => {
    const presence = (i: number) => (wanted.length === 0 ? 1 : held(i) / wanted.length);
    const constraint = (i: number) => (headedByOwn(i) ? 1 : asksOwn ? 0.5 + 0.5 * presence(i) : presence(i));
    // The two candidate sets merged, plus the last answering section (its bonus alone gives it a
    // score): every other chunk scores 0 in both and gets no bonus. Blended in the order of the
    // question with its topic, whose candidates come first.
    const { position } = scratchOf(snapshot);
    const headings = headingIndex(snapshot);
    const lastId = lastSection === undefined ? undefined : headings.idOf.get(lastSection);
    const lastChunks = lastId === undefined ? new Int32Array(0) : headings.chunksOf(lastId);
    const index = new Int32Array(withTopic.index.length + alone.index.length + lastChunks.length);
    index.set(withTopic.index);
    let count = withTopic.index.length;
    const extra = (i: number) => {
      if (position[i] === 0) {
        index[count++] = i;
        position[i] = count;
      }
    };
    withTopic.index.forEach((i, j) => (position[i] = j + 1));
    for (const i of alone.index) extra(i);
    for (const i of lastChunks) extra(i);
    const own = new Float64Array(count);
    alone.index.forEach((i, j) => (own[position[i] - 1] = alone.score[j]));
    for (let j = 0; j < count; j++) position[index[j]] = 0;
    const topicScore = (j: number) => (j < withTopic.index.length ? withTopic.score[j] : 0);
    const score = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      const i = index[j];
      // A passage the question alone does not reach adds 0 whatever its constraint: not worked out.
      const c = own[j] === 0 ? 0 : constraint(i);
      // The last answering section's chunks are those under its heading id.
      score[j] = 0.5 * topicScore(j) + 0.5 * own[j] * c + (headings.headingOf[i] === lastId ? LAST_SECTION_BONUS : 0);
    }
    // Ties keep the order of the question with its topic (its score, then chunk order), as before.
    const best = topContentful(snapshot, index.subarray(0, count), score, k, (a, b) => score[b] - score[a] || topicScore(b) - topicScore(a) || index[a] - index[b]);
    if (wanted.length > 0 && !ASKS_FOR_KINDS.test(question.toLowerCase())) {
      // Under a category the topic's rarest word is what the treatment must be for: "spondylolisthesis",
      // not the "leg" and "lower back" the story also named.
      const rarest = wanted.reduce((a, b) => ((snapshot.bm25.idf.get(b) ?? 0) > (snapshot.bm25.idf.get(a) ?? 0) ? b : a));
      const holdingRarest = snapshot.bm25.docsOf(rarest) ?? new Int32Array(0);
      narrowToChild(snapshot, best, k, index.subarray(0, count), score, (i) => includes(holdingRarest, i), ownTreatments, asksHowTreated);
    }
    const passages = best.map((j) => (j < 0 ? zeroPassage(snapshot, -1 - j) : j < withTopic.index.length ? passageAt(snapshot, withTopic, j, score[j]) : { ...zeroPassage(snapshot, index[j]), score: score[j] }));
    return { analysis: withTopic.analysis, searchedText: withTopic.searchedText, passages };
  });
}

/**
 * A question after the kinds of something ("what are the options", "which types of surgery") or
 * whether it is the only way ("is operation the only way to fix it"): the category answers it.
 */
const ASKS_FOR_KINDS = /\b(options|types|kinds|choices|sorts|all the|what are the|list|only)\b/;

/**
 * "what op is it for that narrowing thing" after spinal stenosis: the category heading ("Surgical
 * Interventions") names the condition in passing, while one of its own sections (Laminectomy) is the
 * treatment for it. When the best passage is a category and a section under it holds the carried
 * topic's rarest word ("spondylolisthesis", not the "leg" and "lower back" the story also named),
 * that section is the answer and goes first; the category stays among the sources.
 * The same holds when the turn names a kind of treatment ("do people need surgery for that") and the
 * best passage is about no treatment at all (the condition's own section, which says what it is):
 * the section under the category of that kind (Spinal Fusion under Surgical Interventions) that
 * holds it answers.
 * `best` holds positions into `index`/`score` (negative for zero-score fillers) and is reordered in place.
 */
function narrowToChild(
  snapshot: IndexSnapshot,
  best: number[],
  k: number,
  index: ArrayLike<number>,
  score: ArrayLike<number>,
  holdsTopic: (chunk: number) => boolean,
  ownTreatments: ReadonlySet<string>,
  asksHowTreated = false,
): void {
  if (best.length === 0 || best[0] < 0) return;
  const top = snapshot.chunks[index[best[0]]];
  const { parents } = chunkGroups(snapshot);
  // The condition's own section is one of the article's numbered conditions ("4. Spondylolisthesis").
  if (asksHowTreated && NUMBERED.test(top.section) && !aboutTreatment(snapshot, top)) {
    // Asked how the carried condition is treated, the condition's own section (what it is) does not
    // answer: the best passage about a treatment that names it does (Spinal Fusion for
    // spondylolisthesis), a single treatment rather than a category over several.
    promoteBest(best, k, index, score, (c, i) => !parents.has(c.section) && holdsTopic(i) && aboutTreatment(snapshot, c), snapshot);
    return;
  }
  const isTreatment = (c: string) => snapshot.analyzer.kindOf(c) === "treatment";
  // Only a category of treatments ("Surgical Interventions"): under "Options for Back and Leg Pain
  // Treatment" or "Reasons for Back Pain" the category is itself the answer to "how do we treat it".
  let categories: Set<string>;
  if (parents.has(top.section) && headingConceptsOf(snapshot, top).some(isTreatment)) categories = new Set([top.section]);
  else if (ownTreatments.size > 0 && !aboutTreatment(snapshot, top)) {
    const headings = headingIndex(snapshot);
    categories = new Set([...ownTreatments].flatMap((c) => [...(headings.byToken.get(`c:${c}`) ?? [])].map((id) => headings.names[id])).filter((s) => parents.has(s)));
    if (categories.size === 0) return;
  } else return;
  promoteBest(best, k, index, score, (c, i) => !categories.has(c.section) && c.headingPath.some((h) => categories.has(h)) && holdsTopic(i), snapshot);
}

/**
 * Puts the best-scoring candidate (score above 0) that `fits` first in `best`, keeping at most `k`;
 * leaves `best` as it is when none fits.
 */
function promoteBest(best: number[], k: number, index: ArrayLike<number>, score: ArrayLike<number>, fits: (chunk: Chunk, i: number) => boolean, snapshot: IndexSnapshot): void {
  let found = -1;
  for (let j = 0; j < index.length; j++) {
    if (!(score[j] > 0) || !fits(snapshot.chunks[index[j]], index[j])) continue;
    if (found < 0 || score[j] > score[found]) found = j;
  }
  if (found < 0) return;
  const at = best.indexOf(found);
  if (at >= 0) best.splice(at, 1);
  best.unshift(found);
  if (best.length > k) best.pop();
}

const treatmentHeadings = versionCache<IndexSnapshot, "all", Set<string>>();

/**
 * Whether a chunk's heading, or one above it, names a treatment or asks how to treat ("How do you
 * fix nerve pain in the legs?"): the chunk tells how something is treated.
 */
function aboutTreatment(snapshot: IndexSnapshot, chunk: Chunk): boolean {
  const treats = (c: string) => snapshot.analyzer.kindOf(c) === "treatment" || c === "treatment";
  // The headings that do, read once per version from the heading index's concept postings.
  const named = treatmentHeadings(snapshot, "all", () => {
    const headings = headingIndex(snapshot);
    const names = new Set<string>();
    for (const [token, ids] of headings.byToken) if (token.startsWith("c:") && treats(token.slice(2))) for (const id of ids) names.add(headings.names[id]);
    return names;
  });
  // The article's own title ("... and How to Treat It") is above every chunk: it says nothing of one.
  return chunk.headingPath.slice(1).some((h) => named.has(h)) || headingConceptsOf(snapshot, chunk).some(treats);
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

/**
 * Whether a chunk's own heading names one of `concepts` and heads no other sections. Read from the
 * heading index (the headings holding `c:concept`, from its postings), not by analysing the heading
 * of every candidate: a follow-up naming a treatment reaches most of a large corpus, and analysing
 * (and caching) each candidate's heading cost a pass over the corpus's headings on first use. The
 * index analyses a heading without its "Q." marker, as headingConceptsOf does, and its tokens are
 * stems (letters and digits) and concepts (`c:`), so its concepts are the same; a numbered heading
 * ("1. Sciatica"), which the index analyses with its number, is still analysed here.
 */
function headedBy(snapshot: IndexSnapshot, concepts: Set<string>): (chunk: number) => boolean {
  if (concepts.size === 0) return () => false;
  const headings = headingIndex(snapshot);
  const naming = new Set<number>();
  for (const c of concepts) for (const id of headings.byToken.get(`c:${c}`) ?? []) naming.add(id);
  const { parents } = chunkGroups(snapshot);
  return (i) => {
    const id = headings.headingOf[i];
    const section = headings.names[id];
    if (NUMBERED.test(section)) return !parents.has(section) && headingConceptsOf(snapshot, snapshot.chunks[i]).some((c) => concepts.has(c));
    return naming.has(id) && !parents.has(section);
  };
}

const NUMBERED = /^\d+\./;

const headingConcepts = versionCache<IndexSnapshot, string, string[]>();

/** The lexicon concepts of a chunk's own heading ("Injections" -> injection). */
function headingConceptsOf(snapshot: IndexSnapshot, chunk: Chunk): string[] {
  return headingConcepts(snapshot, chunk.section, () => snapshot.analyzer.analyze(headingWithoutMarker(chunk.section)).concepts);
}
