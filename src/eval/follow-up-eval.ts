import type { Lumbar } from "../core/types.ts";
import type { FollowUpTurn } from "./eval-sets.ts";
import { ratio, scoreReply } from "./retrieval-eval.ts";

export interface FollowUpMetrics {
  conversations: number;
  /** Turns scored: every turn after the first of its conversation. */
  turns: number;
  /** Share of scored turns whose first source is the expected section. */
  hitAt1: number;
  /** Share of scored turns with the expected section among the first three sources. */
  hitAt3: number;
  /** Share of scored turns refused as out of scope. */
  refused: number;
  /** Later turns the writers marked as out of scope in context: not in `turns`, scored as refused or not. */
  outOfScopeTurns: number;
  /** Share of those out-of-scope turns that were refused. */
  outOfScopeRefused: number;
  misses: Array<{ conversation: string; text: string; expected: string; got: string[] }>;
}

/**
 * Plays each conversation through the real core, turn by turn in one conversation id, so follow-ups
 * are resolved against what the core remembers, exactly as in a chat.
 */
export async function evaluateFollowUps(lumbar: Lumbar, turns: FollowUpTurn[], runId = `${Date.now()}`): Promise<FollowUpMetrics> {
  const seen = new Set<string>();
  let scored = 0;
  let hit1 = 0;
  let hit3 = 0;
  let refused = 0;
  let oosTurns = 0;
  let oosRefused = 0;
  const misses: FollowUpMetrics["misses"] = [];
  for (const t of turns) {
    const reply = await lumbar.handle({ channel: "eval", conversationId: `followup-${runId}-${t.conversation}`, userId: "eval", text: t.text });
    const first = !seen.has(t.conversation);
    seen.add(t.conversation);
    if (first) continue;
    const score = scoreReply(reply, t);
    if (t.outOfScope) {
      oosTurns++;
      if (score.refused) oosRefused++;
      else misses.push({ conversation: t.conversation, text: t.text, expected: "(refusal)", got: score.sections });
      continue;
    }
    scored++;
    if (score.refused) refused++;
    if (score.first) hit1++;
    if (score.topThree) hit3++;
    else misses.push({ conversation: t.conversation, text: t.text, expected: t.section ?? "", got: score.sections });
  }
  return { conversations: seen.size, turns: scored, hitAt1: ratio(hit1, scored), hitAt3: ratio(hit3, scored), refused: ratio(refused, scored), outOfScopeTurns: oosTurns, outOfScopeRefused: ratio(oosRefused, oosTurns), misses };
}
