import type { Chunk } from "../corpus/chunk.ts";
import type { Source } from "../core/types.ts";
import { versionCache } from "../index/version-cache.ts";
import type { RetrievedPassage } from "../retrieve/hybrid-retriever.ts";
import type { Analyzer } from "../text/analyzer.ts";
import { isBoilerplate } from "./boilerplate.ts";
import { splitSentences, type Sentence } from "./sentences.ts";

export interface ExtractiveAnswer {
  text: string;
  /** The sections quoted, in the order they appear in the answer. */
  cited: Source[];
}

export interface ExtractiveOptions {
  /** Most sentences taken from the best passage. Defaults to 3. */
  maxSentences?: number;
  /** Words the whole answer may use (a list is kept whole even if it runs over). Defaults to 120. */
  maxWords?: number;
  /** Another section is quoted when its score is at least this share of the best. Defaults to 0.6. */
  otherSourceRatio?: number;
  /** Most sections quoted. Defaults to 5. */
  maxSections?: number;
  /**
   * True for a term (`c:concept` or stem) that tells one topic from another; the index's domain
   * vocabulary knows ("sciatica" does, "back pain" does not). Defaults to every term.
   */
  isSpecific?: (term: string) => boolean;
  /**
   * Every passage of the index. When the best passage only introduces subsections ("Changes in
   * Lifestyle and Home Remedies" over Rest, Ice and Heat...), the answer is in them: each gives its
   * most relevant sentence.
   */
  chunks?: Chunk[];
  /**
   * The part of the question that asks (with any carried topic): other sections must speak to it,
   * not to the story ("..., can't afford physio right now" brings no physiotherapy section).
   * Defaults to the whole question.
   */
  asking?: string;
}

/**
 * The default answerer: quotes the sentences of the best passage that share the most meaning with
 * the question, in the article's order, and names the section they come from. When the question
 * spans sections (the treatments the article names for a condition, or acute and chronic pain for
 * "how long does it last"), close passages add the sentence that speaks to it, each cited. It stays
 * short and skips lines that are about the article rather than its subject. Nothing is written that
 * the article does not say.
 */
export function extractiveAnswer(question: string, passages: RetrievedPassage[], analyzer: Analyzer, options: ExtractiveOptions = {}): ExtractiveAnswer {
  const top = passages[0];
  if (!top) return { text: "", cited: [] };
  const maxWords = options.maxWords ?? 120;
  const q = analyzer.analyze(analyzer.correctText(question));
  const wanted = new Set([...q.residual, ...q.concepts.map((c) => `c:${c}`)]);
  // The topic of the question (a condition or treatment): a sentence from another section must name it.
  const specific = options.isSpecific ?? (() => true);
  const asked = options.asking ? analyzer.analyze(analyzer.correctText(options.asking)) : q;
  const askedTerms = new Set([...asked.residual, ...asked.concepts.map((c) => `c:${c}`)]);
  const topic = new Set(asked.concepts.filter((c) => ["topic", "treatment"].includes(analyzer.kindOf(c))).map((c) => `c:${c}`).filter(specific));
  const parts: string[] = [];
  const cited: Source[] = [];
  let words = 0;

  // Other close sections that speak to the question's topic, one sentence (or one list) each.
  // Without a specific topic, a close section must still share a specific word ("last" of "how long
  // does it last"), not only "back pain", which every section shares.
  const must = topic.size > 0 ? topic : new Set([...askedTerms].filter(specific));
  const seen = new Set([top.chunk.section]);
  const children = (options.chunks ?? []).filter(
    (c) => c.article === top.chunk.article && c.part === 1 && c.headingPath.length >= 2 && c.headingPath[c.headingPath.length - 2] === top.chunk.section,
  );
  for (const c of children) seen.add(c.section);
  // A section whose heading is one of the question's topics ("2. Herniated Disc" for a question
  // comparing it with degenerative disc disease) speaks for it before sections that only mention it.
  const headedByTopic = (p: RetrievedPassage) => analyzer.analyze(p.chunk.section).concepts.some((c) => topic.has(`c:${c}`));
  const others = passages
    .slice(1)
    .filter((p) => {
      if (seen.has(p.chunk.section) || p.score < top.score * (options.otherSourceRatio ?? 0.6)) return false;
      seen.add(p.chunk.section);
      return true;
    })
    .sort((a, b) => Number(headedByTopic(b)) - Number(headedByTopic(a)));
  // When several sections answer together, the best one says less so the others fit.
  const firstMax = Math.max(1, Math.min(options.maxSentences ?? 3, others.length + children.length >= 2 ? 2 : 3));
  const firstPick = pickSentences(top.chunk.text, wanted, analyzer, firstMax, maxWords);
  parts.push(`${firstPick.text}\n(From “${top.chunk.section}”, ${top.chunk.article})`);
  cited.push({ article: top.chunk.article, section: top.chunk.section, score: round(top.score) });
  words += firstPick.words;

  // A section joins only if it adds something not yet named: for a question about a condition, a
  // treatment or condition (not "see a doctor" again); otherwise an activity counts too.
  const kinds = topic.size > 0 ? ["topic", "treatment"] : ["topic", "treatment", "context"];
  const named = (text: string) => analyzer.analyze(text).concepts.filter((c) => kinds.includes(analyzer.kindOf(c)));
  const covered = new Set([...named(firstPick.text), ...named(top.chunk.section)]);
  // Subsections of an introducing passage first: the parent already made them relevant, so only a
  // specific topic, if the question has one, is required of their sentence.
  const candidates = [
    ...children.map((chunk) => ({ chunk, score: top.score, must: topic.size > 0 ? topic : undefined })),
    ...others.map((p) => ({ chunk: p.chunk, score: p.score, must })),
  ];
  for (const p of candidates) {
    if (cited.length >= (options.maxSections ?? 5) || words >= maxWords * 0.85) break;
    const pick = pickSentences(p.chunk.text, wanted, analyzer, 1, maxWords - words, p.must);
    if (!pick.text || pick.words > maxWords - words) continue;
    // The heading counts for what the section is a treatment of ("Discectomy"), not for its framing ("...back pain?").
    const fromHeading = named(p.chunk.section).filter((c) => analyzer.kindOf(c) === "treatment");
    const adds = [...named(pick.text), ...fromHeading].filter((c) => !covered.has(c));
    if (adds.length === 0) continue;
    for (const c of adds) covered.add(c);
    parts.push(`${pick.text}\n(From “${p.chunk.section}”, ${p.chunk.article})`);
    cited.push({ article: p.chunk.article, section: p.chunk.section, score: round(p.score) });
    words += pick.words;
  }
  return { text: parts.join("\n\n"), cited };
}

// Passages are the same few hundred sentences on every query: their terms are worked out once per index version.
const termCache = versionCache<Analyzer, string, Set<string>>(20_000);

function termsOf(text: string, analyzer: Analyzer): Set<string> {
  return termCache(analyzer, text, () => {
    const a = analyzer.analyze(text);
    return new Set([...a.residual, ...a.concepts.map((c) => `c:${c}`)]);
  });
}

/**
 * The passage's most relevant sentences, in order, within a word budget. With `must`, only
 * sentences (or list items, which bring their lead-in) that contain one of those terms qualify.
 */
function pickSentences(passage: string, wanted: Set<string>, analyzer: Analyzer, max: number, budget: number, must?: Set<string>): { text: string; words: number } {
  const sentences = splitSentences(passage);
  const terms = sentences.map((s) => termsOf(s.text, analyzer));
  const scored = sentences.map((s, i) => {
    let overlap = 0;
    for (const t of wanted) if (terms[i].has(t)) overlap++;
    // The opening sentence usually says what the section is about: a small head start.
    return { i, score: overlap + (i === 0 && !must ? 0.5 : 0) };
  });
  const eligible = scored.filter(({ i }) => !isBoilerplate(sentences[i].text) && (!must || [...must].some((t) => terms[i].has(t))));
  const ranked = [...eligible].sort((a, b) => b.score - a.score || a.i - b.i).filter((x, rank) => (rank === 0 && !must) || x.score > 0);
  const chosen = new Set<number>();
  let words = 0;
  for (const { i } of ranked) {
    if (chosen.size >= max) break;
    const group = withListContext(sentences, i);
    const cost = group.filter((j) => !chosen.has(j)).reduce((n, j) => n + countWords(sentences[j].text), 0);
    if (chosen.size > 0 && words + cost > budget) continue;
    for (const j of group) chosen.add(j);
    words += cost;
  }
  // A lead-in that ends with ":" is useless without its list.
  for (const i of [...chosen]) if (sentences[i].text.endsWith(":") && !sentences[i + 1]?.item && chosen.size > 1) chosen.delete(i);
  return { text: render([...chosen].sort((a, b) => a - b).map((i) => sentences[i])), words };
}

/** A sentence with what it needs to make sense: a list item brings its lead-in and siblings, a lead-in its list. */
function withListContext(sentences: Sentence[], i: number): number[] {
  const out = [i];
  if (sentences[i].text.endsWith(":")) for (let j = i + 1; j < sentences.length && sentences[j].item; j++) out.push(j);
  if (sentences[i].item) {
    let j = i;
    while (j > 0 && sentences[j - 1].item) j--;
    if (j > 0) out.push(j - 1);
    for (let k = j; k < sentences.length && sentences[k].item; k++) out.push(k);
  }
  return [...new Set(out)];
}

function countWords(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function render(sentences: Sentence[]): string {
  let out = "";
  sentences.forEach((s, i) => {
    if (s.item) out += `${out && !out.endsWith("\n") ? "\n" : ""}• ${s.text}\n`;
    else out += `${out && !out.endsWith("\n") && i > 0 ? " " : ""}${s.text}`;
  });
  return out.trim();
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
