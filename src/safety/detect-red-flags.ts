import type { EscalationLevel } from "../core/types.ts";
import { mentionStatus, tokenize, type MentionStatus } from "./context.ts";
import { matchPattern, type Span, type Token } from "./pattern.ts";
import type { RedFlagRule, RuleSet } from "./rules.ts";

/** One rule matching one place in the message, with how it was meant. */
export interface RedFlagHit {
  ruleId: string;
  tier: RedFlagRule["tier"];
  status: MentionStatus;
  /** "rule" for a pattern match, "semantic" for the vector back-up. */
  via: "rule" | "semantic";
  /** For semantic hits: cosine similarity to the closest example phrase. */
  similarity?: number;
  span: Span;
}

export interface RedFlagResult {
  level: EscalationLevel;
  /** Rule ids of current hits at the highest tier first, then lower tiers. */
  reasons: string[];
  /** A red flag was asked about or mentioned but not reported as happening now. */
  informational: boolean;
  hits: RedFlagHit[];
  tokens: Token[];
}

const TIER_RANK = { emergency: 2, urgent: 1 } as const;
/** Matches of one rule judged in context before giving up on it (a pasted wall of text repeats itself). */
const MAX_JUDGED_PER_RULE = 200;

/** Runs every rule over the message and classifies each match in context. */
export function detectRedFlags(text: string, rules: RuleSet, correct: (word: string) => string = (w) => w): RedFlagResult {
  const tokens = tokenize(text, correct);
  const hits: RedFlagHit[] = [];
  for (const rule of rules.rules) {
    const cancels = rule.unless.flatMap((p) => matchPattern(p, tokens));
    const cancelledClauses = new Set(rule.unlessClause.flatMap((p) => matchPattern(p, tokens)).map((s) => tokens[s.start].clause));
    const seen = new Set<string>();
    let judged = 0;
    // One mention happening now settles a rule; long messages must not be judged span by span.
    rules: for (const pattern of rule.patterns) {
      for (const span of matchPattern(pattern, tokens)) {
        if (judged >= MAX_JUDGED_PER_RULE) break rules;
        const key = `${span.start}:${span.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (cancels.some((c) => c.start < span.end && span.start < c.end)) continue;
        if (cancelledClauses.has(tokens[span.start].clause)) continue;
        const status = mentionStatus(tokens, span, { allowHistory: rule.allowHistory });
        judged++;
        hits.push({ ruleId: rule.id, tier: rule.tier, status, via: "rule", span });
        if (status === "current") break rules;
      }
    }
  }
  applySelfClaims(hits, tokens);
  return summarize(hits, tokens);
}

/** "has anyone else lost feeling down there? mine started yesterday": asking, then saying it is theirs. */
export function applySelfClaims(hits: RedFlagHit[], tokens: Token[]): void {
  const claims = tokens.some(
    (t, i) =>
      SELF_CLAIM.some((p) => p.every((w, k) => tokens[i + k]?.word === w)) &&
      // "mine's only ever been the right one" answers the question with a no.
      !tokens.some((u) => u.clause === t.clause && LIMITING.has(u.word)),
  );
  if (claims) {
    for (const h of hits) if (h.status === "hypothetical") h.status = "current";
  }
}

const LIMITING = new Set(["only", "never", "not", "no", "just"]);
const SELF_CLAIM = ["mine", "me too", "same here", "i have that", "i have this", "i have it", "happening to me", "happened to me", "like me", "started yesterday", "started today", "started this morning", "started last night", "started tonight", "since yesterday", "since this morning", "since last night", "since today", "since lunch", "as of today", "as of this week"].map((p) => p.split(" "));

/** Level and reasons from hits: only mentions happening now escalate. */
export function summarize(hits: RedFlagHit[], tokens: Token[]): RedFlagResult {
  const current = hits.filter((h) => h.status === "current");
  const top = current.reduce((m, h) => Math.max(m, TIER_RANK[h.tier]), 0);
  const level: EscalationLevel = top === 2 ? "emergency" : top === 1 ? "urgent" : "none";
  const reasons = [...new Set([...current].sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier]).map((h) => h.ruleId))];
  const informational = level === "none" && hits.some((h) => h.status === "hypothetical" && h.tier === "emergency");
  return { level, reasons, informational, hits, tokens };
}
