import { HashedEmbeddings } from "../embed/hashed-embeddings.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { normalizeText, stem, STOPWORDS, words } from "../text/normalize.ts";
import { mentionStatus } from "./context.ts";
import type { RedFlagHit } from "./detect-red-flags.ts";
import type { Token } from "./pattern.ts";
import type { RuleSet } from "./rules.ts";

/**
 * Similarity (cosine, 0-1) to a red-flag example phrase above which a clause no rule matched still
 * escalates. Chosen from the red-flag evaluation sets: see `lumbar eval` and the README.
 */
export const SEMANTIC_THRESHOLD = 0.85;

/**
 * The back-up behind the rules: each clause of the message (but those in `skipClauses`, which a rule
 * already judged) is compared with the rules' example phrases in the vector store. A close clause escalates when the rules missed it, unless its context
 * (denied, asked about, in the past) says otherwise, judged by the same context rules.
 *
 * Its cost is bounded per clause, so a long message costs time in proportion to its length:
 * - only clauses with a content word of the red-flag vocabulary (the example phrases' and the
 *   rules' own words) are compared: a clause sharing no content word with any example cannot come
 *   near one (with the offline embedder its only common features would be hash collisions);
 * - a clause repeated word for word is compared once;
 * - with the offline embedder the clause's few non-zero dimensions are compared with every example
 *   phrase directly (the store holds a few dozen, and its search visits all of them anyway).
 */
export async function semanticHits(snapshot: IndexSnapshot, tokens: Token[], threshold = SEMANTIC_THRESHOLD, skipClauses: ReadonlySet<number> = new Set()): Promise<RedFlagHit[]> {
  if (!snapshot.rules.rules.some((r) => r.exemplars.length > 0)) return [];
  const vocabulary = redFlagStems(snapshot.rules);
  const clauses = new Map<number, { start: number; end: number; relevant: boolean }>();
  tokens.forEach((t, i) => {
    const relevant = !STOPWORDS.has(t.word) && vocabulary.has(t.stem);
    const c = clauses.get(t.clause);
    if (c) {
      c.end = i + 1;
      c.relevant ||= relevant;
    } else clauses.set(t.clause, { start: i, end: i + 1, relevant });
  });
  const closestTo = new Map<string, Closest | null>();
  const hits: RedFlagHit[] = [];
  for (const [clause, { start, end, relevant }] of clauses) {
    if (end - start < 2 || !relevant || skipClauses.has(clause)) continue;
    const span = { start, end };
    const text = tokens.slice(start, end).map((t) => t.word).join(" ");
    // A clause that asks for help to do something ("anything I can do to walk further?") reports
    // nothing: the words near a red flag's are the goal. Rules still judge such clauses; only this
    // back-up, which reads no context but the clause's own, passes them by.
    if (ASKS_FOR_HELP.test(text)) continue;
    let best = closestTo.get(text);
    if (best === undefined) closestTo.set(text, (best = await closestExemplar(snapshot, text)));
    if (!best || best.similarity < threshold) continue;
    const ruleId = best.ruleId;
    const rule = snapshot.rules.rules.find((r) => r.id === ruleId);
    if (!rule) continue;
    hits.push({ ruleId: rule.id, tier: rule.tier, via: "semantic", similarity: best.similarity, span, status: mentionStatus(tokens, span, snapshot.rules.context, { allowHistory: rule.allowHistory, scanInside: true }) });
  }
  return hits;
}

/** The opening of a clause that asks for help or advice rather than telling what is happening. */
const ASKS_FOR_HELP = /^(is there )?(anything|something) (i|we|he|she|you) (can|could|should) do to\b|^(what|how) (can|could|should|do) (i|we) (do to )?\b(?!not\b)|^(any|some) (tips|advice|ways|exercises|stretches) (to|for|that)\b|^(ways|tips) to\b/;

interface Closest {
  ruleId: string;
  similarity: number;
}

/** The example phrase closest to a clause, and its similarity. */
async function closestExemplar(snapshot: IndexSnapshot, text: string): Promise<Closest | null> {
  const direct = directExemplars(snapshot);
  if (direct && snapshot.embeddings instanceof HashedEmbeddings) {
    const { indices, values } = snapshot.embeddings.sparseVector(text);
    let best: (Closest & { rank: number }) | null = null;
    for (const e of direct) {
      let dot = 0;
      for (let k = 0; k < indices.length; k++) dot += values[k] * e.vector[indices[k]];
      // Two rules may share an example phrase: on a tie the higher tier is the safer reading.
      if (!best || dot > best.similarity + TIE || (dot > best.similarity - TIE && e.rank > best.rank)) best = { ruleId: e.ruleId, similarity: dot, rank: e.rank };
    }
    return best && { ruleId: best.ruleId, similarity: best.similarity };
  }
  const vector = await snapshot.embeddings.embedQuery(text);
  const [found] = await snapshot.exemplars.similaritySearchVectorWithScore(vector, 1);
  return found ? { ruleId: String(found[0].metadata.ruleId), similarity: 1 - found[1] } : null;
}

/** Similarities closer than this are a tie (the store keeps 32-bit floats). */
const TIE = 1e-6;

interface DirectExemplar {
  ruleId: string;
  /** 2 for an emergency rule, 1 for an urgent one. */
  rank: number;
  vector: Float32Array;
}

/** The example phrases' vectors as the store keeps them (unit length), read once per index version. */
const directCache = new WeakMap<IndexSnapshot, DirectExemplar[] | null>();
function directExemplars(snapshot: IndexSnapshot): DirectExemplar[] | null {
  let direct = directCache.get(snapshot);
  if (direct === undefined) {
    try {
      const index = snapshot.exemplars.index;
      direct = index.getIdsList().map((label) => {
        const doc = snapshot.exemplars.docstore.search(String(label));
        if (typeof doc === "string") throw new Error(doc);
        const ruleId = String(doc.metadata.ruleId);
        const rank = snapshot.rules.rules.find((r) => r.id === ruleId)?.tier === "emergency" ? 2 : 1;
        return { ruleId, rank, vector: Float32Array.from(index.getPoint(label)) };
      });
    } catch {
      // A store that cannot be read point by point is searched as before.
      direct = null;
    }
    directCache.set(snapshot, direct);
  }
  return direct;
}

/** Stems of the content words of the rules and their example phrases. */
const vocabularies = new WeakMap<RuleSet, Set<string>>();
function redFlagStems(rules: RuleSet): Set<string> {
  let v = vocabularies.get(rules);
  if (!v) {
    v = new Set();
    const all = [...rules.vocabulary, ...rules.rules.flatMap((r) => r.exemplars.flatMap((e) => words(normalizeText(e))))];
    for (const w of all) if (!STOPWORDS.has(w)) v.add(stem(w));
    vocabularies.set(rules, v);
  }
  return v;
}
