import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../config/config.ts";
import type { EscalationLevel } from "../core/types.ts";

export interface QuestionCase {
  text: string;
  section?: string;
  also?: string[];
  outOfScope?: boolean;
}

/** One turn of a follow-up conversation; turns of one conversation share `conversation` and come in order. */
export interface FollowUpTurn extends QuestionCase {
  conversation: string;
}

export interface RedFlagCase {
  text: string;
  expected: EscalationLevel;
  kind?: string;
}

/** A message of a distress set: thoughts of suicide or self-harm ("crisis"), hopelessness to ask about ("ask"), or neither ("none"). */
export interface CrisisCase {
  text: string;
  expected: "crisis" | "ask" | "none";
}

export const EVAL_DIR = path.join(PROJECT_ROOT, "test", "eval");

/*
 * Registering a set is one line below: `name: "<name>-questions.jsonl"` in QUESTION_SETS,
 * `name: "<name>-followups.jsonl"` in FOLLOW_UP_SETS, `name: "<name>-red-flags.jsonl"` in RED_FLAG_SETS.
 */

/**
 * The evaluation sets: the development set the rules were tuned on, and sets written apart by other
 * people. Each held-out set was scored once before anyone looked at its errors (README, "Evaluation").
 */
export const QUESTION_SETS = {
  dev: "questions.jsonl",
  holdout: "holdout-questions.jsonl",
  blind2: "blind2-questions.jsonl",
  blind3: "blind3-questions.jsonl",
  blind4: "blind4-questions.jsonl",
  blind5: "blind5-questions.jsonl",
  blind8: "blind8-questions.jsonl",
  blind11: "blind11-questions.jsonl",
  blind12: "blind12-questions.jsonl",
  blind13: "blind13-questions.jsonl",
  blind14: "blind14-questions.jsonl",
  blind15: "blind15-questions.jsonl",
  blind16: "blind16-questions.jsonl",
  blind17: "blind17-questions.jsonl",
  blind18: "blind18-questions.jsonl",
  blind19: "blind19-questions.jsonl",
  blind20: "blind20-questions.jsonl",
  blind21: "blind21-questions.jsonl",
  blind22: "blind22-questions.jsonl",
  blind23: "blind23-questions.jsonl",
  blind24: "blind24-questions.jsonl",
  blind25: "blind25-questions.jsonl",
  blind26: "blind26-questions.jsonl",
  blind27: "blind27-questions.jsonl",
  blind28: "blind28-questions.jsonl",
  blind29: "blind29-questions.jsonl",
  blind30: "blind30-questions.jsonl",
  blind31: "blind31-questions.jsonl",
  blind32: "blind32-questions.jsonl",
  blind33: "blind33-questions.jsonl",
  blind34: "blind34-questions.jsonl",
  blind35: "blind35-questions.jsonl",
  blind36: "blind36-questions.jsonl",
  blind37: "blind37-questions.jsonl",
  blind38: "blind38-questions.jsonl",
  blind39: "blind39-questions.jsonl",
  blind40: "blind40-questions.jsonl",
  blind41: "blind41-questions.jsonl",
  blind42: "blind42-questions.jsonl",
  blind43: "blind43-questions.jsonl",
  blind44: "blind44-questions.jsonl",
  blind45: "blind45-questions.jsonl",
  blind46: "blind46-questions.jsonl",
  blind47: "blind47-questions.jsonl",
  blind48: "blind48-questions.jsonl",
  blind49: "blind49-questions.jsonl",
  blind50: "blind50-questions.jsonl",
  blind51: "blind51-questions.jsonl",
  blind52: "blind52-questions.jsonl",
  blind53: "blind53-questions.jsonl",
  blind54: "blind54-questions.jsonl",
  blind55: "blind55-questions.jsonl",
  blind56: "blind56-questions.jsonl",
  blind57: "blind57-questions.jsonl",
  blind58: "blind58-questions.jsonl",
  blind59: "blind59-questions.jsonl",
  blind60: "blind60-questions.jsonl",
  blind61: "blind61-questions.jsonl",
  blind62: "blind62-questions.jsonl",
  blind63: "blind63-questions.jsonl",
  blind64: "blind64-questions.jsonl",
  blind65: "blind65-questions.jsonl",
} as const;
/**
 * Follow-up conversations (one turn a line). Only turns after the first of each conversation are
 * scored: the first has its own topic and is what the question sets already measure.
 */
export const FOLLOW_UP_SETS = {
  dev: "followups.jsonl",
  blind5: "blind5-followups.jsonl",
  blind8: "blind8-followups.jsonl",
  blind11: "blind11-followups.jsonl",
  blind12: "blind12-followups.jsonl",
  blind13: "blind13-followups.jsonl",
  blind14: "blind14-followups.jsonl",
  blind15: "blind15-followups.jsonl",
  blind16: "blind16-followups.jsonl",
  blind17: "blind17-followups.jsonl",
  blind18: "blind18-followups.jsonl",
  blind19: "blind19-followups.jsonl",
  blind20: "blind20-followups.jsonl",
  blind21: "blind21-followups.jsonl",
  blind22: "blind22-followups.jsonl",
  blind23: "blind23-followups.jsonl",
  blind24: "blind24-followups.jsonl",
  blind25: "blind25-followups.jsonl",
  blind26: "blind26-followups.jsonl",
  blind27: "blind27-followups.jsonl",
  blind28: "blind28-followups.jsonl",
  blind29: "blind29-followups.jsonl",
  blind30: "blind30-followups.jsonl",
  blind31: "blind31-followups.jsonl",
  blind32: "blind32-followups.jsonl",
  blind33: "blind33-followups.jsonl",
  blind34: "blind34-followups.jsonl",
  blind35: "blind35-followups.jsonl",
  blind36: "blind36-followups.jsonl",
  blind37: "blind37-followups.jsonl",
  blind38: "blind38-followups.jsonl",
  blind39: "blind39-followups.jsonl",
  blind40: "blind40-followups.jsonl",
  blind41: "blind41-followups.jsonl",
  blind42: "blind42-followups.jsonl",
  blind43: "blind43-followups.jsonl",
  blind44: "blind44-followups.jsonl",
  blind45: "blind45-followups.jsonl",
  blind46: "blind46-followups.jsonl",
  blind47: "blind47-followups.jsonl",
  blind48: "blind48-followups.jsonl",
  blind49: "blind49-followups.jsonl",
  blind50: "blind50-followups.jsonl",
  blind51: "blind51-followups.jsonl",
  blind52: "blind52-followups.jsonl",
  blind53: "blind53-followups.jsonl",
  blind54: "blind54-followups.jsonl",
  blind55: "blind55-followups.jsonl",
  blind56: "blind56-followups.jsonl",
  blind57: "blind57-followups.jsonl",
  blind58: "blind58-followups.jsonl",
  blind59: "blind59-followups.jsonl",
  blind60: "blind60-followups.jsonl",
  blind61: "blind61-followups.jsonl",
  blind62: "blind62-followups.jsonl",
  blind63: "blind63-followups.jsonl",
  blind64: "blind64-followups.jsonl",
  blind65: "blind65-followups.jsonl",
} as const;
export const RED_FLAG_SETS = {
  dev: "red-flags.jsonl",
  holdout: "holdout-red-flags.jsonl",
  blind: "blind-red-flags.jsonl",
  blind2: "blind2-red-flags.jsonl",
  blind3: "blind3-red-flags.jsonl",
  blind4: "blind4-red-flags.jsonl",
  blind5: "blind5-red-flags.jsonl",
  blind6: "blind6-red-flags.jsonl",
  blind7: "blind7-red-flags.jsonl",
  blind9: "blind9-red-flags.jsonl",
  blind10: "blind10-red-flags.jsonl",
  blind11: "blind11-red-flags.jsonl",
  blind12: "blind12-red-flags.jsonl",
  blind13: "blind13-red-flags.jsonl",
  blind14: "blind14-red-flags.jsonl",
  blind15: "blind15-red-flags.jsonl",
  blind16: "blind16-red-flags.jsonl",
  blind17: "blind17-red-flags.jsonl",
  blind18: "blind18-red-flags.jsonl",
  blind19: "blind19-red-flags.jsonl",
  blind20: "blind20-red-flags.jsonl",
  blind21: "blind21-red-flags.jsonl",
  blind22: "blind22-red-flags.jsonl",
  blind23: "blind23-red-flags.jsonl",
  blind24: "blind24-red-flags.jsonl",
  blind25: "blind25-red-flags.jsonl",
  blind26: "blind26-red-flags.jsonl",
  blind27: "blind27-red-flags.jsonl",
  blind28: "blind28-red-flags.jsonl",
  blind29: "blind29-red-flags.jsonl",
  blind30: "blind30-red-flags.jsonl",
  blind31: "blind31-red-flags.jsonl",
  blind32: "blind32-red-flags.jsonl",
  blind33: "blind33-red-flags.jsonl",
  blind34: "blind34-red-flags.jsonl",
  blind35: "blind35-red-flags.jsonl",
  blind36: "blind36-red-flags.jsonl",
  blind37: "blind37-red-flags.jsonl",
  blind38: "blind38-red-flags.jsonl",
  blind39: "blind39-red-flags.jsonl",
  blind40: "blind40-red-flags.jsonl",
  blind41: "blind41-red-flags.jsonl",
  blind42: "blind42-red-flags.jsonl",
  blind43: "blind43-red-flags.jsonl",
  blind44: "blind44-red-flags.jsonl",
  blind45: "blind45-red-flags.jsonl",
  blind47: "blind47-red-flags.jsonl",
  blind48: "blind48-red-flags.jsonl",
  blind49: "blind49-red-flags.jsonl",
  blind50: "blind50-red-flags.jsonl",
  blind51: "blind51-red-flags.jsonl",
  blind52: "blind52-red-flags.jsonl",
  blind53: "blind53-red-flags.jsonl",
  blind54: "blind54-red-flags.jsonl",
  blind55: "blind55-red-flags.jsonl",
  blind56: "blind56-red-flags.jsonl",
  blind57: "blind57-red-flags.jsonl",
  blind58: "blind58-red-flags.jsonl",
  blind59: "blind59-red-flags.jsonl",
  blind60: "blind60-red-flags.jsonl",
  blind61: "blind61-red-flags.jsonl",
  blind62: "blind62-red-flags.jsonl",
  blind63: "blind63-red-flags.jsonl",
  blind64: "blind64-red-flags.jsonl",
} as const;

/** Distress sets (written blind, like the others), scored on the suicide and self-harm rule alone. */
export const CRISIS_SETS = {
  blind49: "blind49-crisis.jsonl",
  blind50: "blind50-crisis.jsonl",
  blind51: "blind51-crisis.jsonl",
  blind52: "blind52-crisis.jsonl",
  blind53: "blind53-crisis.jsonl",
  blind54: "blind54-crisis.jsonl",
  blind55: "blind55-crisis.jsonl",
  blind56: "blind56-crisis.jsonl",
  blind57: "blind57-crisis.jsonl",
  blind58: "blind58-crisis.jsonl",
  blind59: "blind59-crisis.jsonl",
  blind60: "blind60-crisis.jsonl",
  blind61: "blind61-crisis.jsonl",
  blind62: "blind62-crisis.jsonl",
  blind63: "blind63-crisis.jsonl",
  blind64: "blind64-crisis.jsonl",
} as const;

export async function readJsonl<T>(file: string): Promise<T[]> {
  const text = await readFile(file, "utf8");
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line !== "")
    .map(({ line, i }) => {
      try {
        return JSON.parse(line) as T;
      } catch (err) {
        throw new Error(`${file}:${i + 1}: not valid JSON (${(err as Error).message})`);
      }
    });
}
