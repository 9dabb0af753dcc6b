import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVAL_DIR, FOLLOW_UP_SETS, QUESTION_SETS, readJsonl, RED_FLAG_SETS, type FollowUpTurn, type QuestionCase, type RedFlagCase } from "../../src/eval/eval-sets.ts";
import { evaluateFollowUps } from "../../src/eval/follow-up-eval.ts";
import { evaluateRedFlags } from "../../src/eval/red-flag-eval.ts";
import { evaluateQuestions } from "../../src/eval/retrieval-eval.ts";
import { LiveIndex } from "../../src/index/live-index.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// Floors sit just under the figures measured when they were set (see README, "Evaluation"), so a
// change that makes answers or safety worse fails here instead of shipping.
const QUESTION_FLOORS = {
  dev: { hitAt1: 0.85, hitAt3: 0.94, outOfScopeAccuracy: 0.95, inScopeRefusedMax: 0.03 },
  holdout: { hitAt1: 0.84, hitAt3: 0.96, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.05 },
  blind2: { hitAt1: 0.8, hitAt3: 0.92, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.05 },
  blind3: { hitAt1: 0.82, hitAt3: 0.95, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.05 },
  blind4: { hitAt1: 0.9, hitAt3: 0.95, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.05 },
};

// Follow-up sets score the turns after the first of each conversation.
const FOLLOW_UP_FLOORS = {
  dev: { hitAt1: 0.75, hitAt3: 0.9, refusedMax: 0.05 },
};

let t: TestLumbar;
beforeAll(async () => {
  t = await makeTestLumbar();
});
afterAll(async () => {
  await t.cleanup();
});

describe("answer quality on the evaluation sets", () => {
  for (const [name, file] of Object.entries(QUESTION_SETS)) {
    // A set registered before its first score has no floor yet: it is scored by `npm run eval` only.
    const registered = name in QUESTION_FLOORS;
    it.skipIf(!registered)(`${name}: hit@1, hit@3 and out-of-scope refusals stay above their floors`, async () => {
      const cases = await readJsonl<QuestionCase>(path.join(EVAL_DIR, file));
      expect(cases.filter((c) => !c.outOfScope).length).toBeGreaterThanOrEqual(name === "dev" ? 60 : 40);
      expect(cases.filter((c) => c.outOfScope).length).toBeGreaterThanOrEqual(name === "dev" ? 12 : 10);
      const m = await evaluateQuestions(t.lumbar, cases);
      const floor = QUESTION_FLOORS[name as keyof typeof QUESTION_FLOORS];
      expect(m.hitAt1).toBeGreaterThanOrEqual(floor.hitAt1);
      expect(m.hitAt3).toBeGreaterThanOrEqual(floor.hitAt3);
      expect(m.outOfScopeAccuracy).toBeGreaterThanOrEqual(floor.outOfScopeAccuracy);
      expect(m.inScopeRefused).toBeLessThanOrEqual(floor.inScopeRefusedMax);
    });
  }
});

describe("follow-up conversations on the evaluation sets", () => {
  for (const [name, file] of Object.entries(FOLLOW_UP_SETS)) {
    it.skipIf(!(name in FOLLOW_UP_FLOORS))(`${name}: follow-up hit@1, hit@3 and refusals stay within their floors`, async () => {
      const turns = await readJsonl<FollowUpTurn>(path.join(EVAL_DIR, file));
      expect(new Set(turns.map((x) => x.conversation)).size).toBeGreaterThanOrEqual(15);
      const m = await evaluateFollowUps(t.lumbar, turns);
      const floor = FOLLOW_UP_FLOORS[name as keyof typeof FOLLOW_UP_FLOORS];
      expect(m.hitAt1).toBeGreaterThanOrEqual(floor.hitAt1);
      expect(m.hitAt3).toBeGreaterThanOrEqual(floor.hitAt3);
      expect(m.refused).toBeLessThanOrEqual(floor.refusedMax);
    });
  }
});

describe("red-flag escalation on the evaluation sets", () => {
  for (const [name, file] of Object.entries(RED_FLAG_SETS)) {
    it(`${name}: every emergency escalates, urgent recall >= 95%, false escalations <= 5%`, async () => {
      const cases = await readJsonl<RedFlagCase>(path.join(EVAL_DIR, file));
      const index = new LiveIndex({ dataDir: t.dataDir, corpusDir: t.corpusDir, embeddings: null, logger: silentLogger });
      const m = await evaluateRedFlags(await index.get(), cases);
      const missed = m.errors.filter((e) => e.expected === "emergency" && e.got !== "emergency").map((e) => e.text);
      expect(missed).toEqual([]);
      expect(m.emergencyRecall).toBe(1);
      expect(m.urgentRecall).toBeGreaterThanOrEqual(0.95);
      expect(m.falseEscalationRate).toBeLessThanOrEqual(0.05);
    });
  }

  it("the development set has the size and mix the issue asks for", async () => {
    const cases = await readJsonl<RedFlagCase>(path.join(EVAL_DIR, RED_FLAG_SETS.dev));
    const count = (level: string) => cases.filter((c) => c.expected === level).length;
    expect(cases.length).toBeGreaterThanOrEqual(110);
    expect(count("emergency")).toBeGreaterThanOrEqual(40);
    expect(count("urgent")).toBeGreaterThanOrEqual(25);
    expect(count("none")).toBeGreaterThanOrEqual(45);
  });
});
