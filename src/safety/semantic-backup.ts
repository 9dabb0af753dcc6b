import type { IndexSnapshot } from "../index/snapshot.ts";
import { mentionStatus } from "./context.ts";
import type { RedFlagHit } from "./detect-red-flags.ts";
import type { Token } from "./pattern.ts";

/**
 * Similarity (cosine, 0-1) to a red-flag example phrase above which a clause no rule matched still
 * escalates. Chosen from the red-flag evaluation sets: see `lumbar eval` and the README.
 */
export const SEMANTIC_THRESHOLD = 0.85;

/**
 * The back-up behind the rules: each clause of the message is compared with the rules' example
 * phrases in the vector store. A close clause escalates when the rules missed it, unless its context
 * (denied, asked about, in the past) says otherwise, judged by the same context rules.
 */
export async function semanticHits(snapshot: IndexSnapshot, tokens: Token[], threshold = SEMANTIC_THRESHOLD): Promise<RedFlagHit[]> {
  if (!snapshot.rules.rules.some((r) => r.exemplars.length > 0)) return [];
  const clauses = new Map<number, { start: number; end: number }>();
  tokens.forEach((t, i) => {
    const c = clauses.get(t.clause);
    if (c) c.end = i + 1;
    else clauses.set(t.clause, { start: i, end: i + 1 });
  });
  const hits: RedFlagHit[] = [];
  for (const span of clauses.values()) {
    if (span.end - span.start < 2) continue;
    const text = tokens.slice(span.start, span.end).map((t) => t.word).join(" ");
    const vector = await snapshot.embeddings.embedQuery(text);
    const [best] = await snapshot.exemplars.similaritySearchVectorWithScore(vector, 1);
    if (!best) continue;
    const similarity = 1 - best[1];
    if (similarity < threshold) continue;
    const rule = snapshot.rules.rules.find((r) => r.id === best[0].metadata.ruleId);
    if (!rule) continue;
    hits.push({ ruleId: rule.id, tier: rule.tier, via: "semantic", similarity, span, status: mentionStatus(tokens, span, snapshot.rules.context, { allowHistory: rule.allowHistory, scanInside: true }) });
  }
  return hits;
}

