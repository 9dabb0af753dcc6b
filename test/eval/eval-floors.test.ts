import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRISIS_SETS, EVAL_DIR, FOLLOW_UP_SETS, QUESTION_SETS, readJsonl, RED_FLAG_SETS, type CrisisCase, type FollowUpTurn, type QuestionCase, type RedFlagCase } from "../../src/eval/eval-sets.ts";
import { evaluateCrisis } from "../../src/eval/crisis-eval.ts";
import { evaluateFollowUps } from "../../src/eval/follow-up-eval.ts";
import { evaluateRedFlags } from "../../src/eval/red-flag-eval.ts";
import { evaluateQuestions } from "../../src/eval/retrieval-eval.ts";
import { LiveIndex } from "../../src/index/live-index.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// Floors sit just under the figures measured when they were set (see README, "Evaluation"), so a
// change that makes answers or safety worse fails here instead of shipping.
const QUESTION_FLOORS = {
  // 0.936 at first: "got tingling in my legs on and off..." gets the safety check question first,
  // and its answer only after "no" (the question set scores the first reply).
  dev: { hitAt1: 0.85, hitAt3: 0.93, outOfScopeAccuracy: 0.95, inScopeRefusedMax: 0.03 },
  holdout: { hitAt1: 0.84, hitAt3: 0.96, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.05 },
  blind2: { hitAt1: 0.8, hitAt3: 0.92, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.05 },
  blind3: { hitAt1: 0.82, hitAt3: 0.95, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.05 },
  blind4: { hitAt1: 0.9, hitAt3: 0.95, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.05 },
  // Read after its first score (0.949 / 0.962 / 0.926): a regression check now, not a blind figure.
  blind5: { hitAt1: 0.93, hitAt3: 0.95, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.03 },
  // First score, not yet read: 0.861 / 0.949 / 1.00 / 0.025.
  blind8: { hitAt1: 0.85, hitAt3: 0.94, outOfScopeAccuracy: 0.95, inScopeRefusedMax: 0.03 },
  // First score 0.825 / 0.925 / 0.92 / 0.013 (80+25, this session's blind set); read since.
  blind11: { hitAt1: 0.8, hitAt3: 0.9, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.03 },
  // First score 0.786 / 0.929 / 0.90 / 0.029 (70+30), written and scored after this session's fixes.
  blind12: { hitAt1: 0.77, hitAt3: 0.91, outOfScopeAccuracy: 0.88, inScopeRefusedMax: 0.03 },
  // First score 0.90 / 0.967 / 0.92 / 0.00 (60+25), the session's last set, not read.
  blind13: { hitAt1: 0.88, hitAt3: 0.95, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.02 },
  // First score 0.846 / 0.938 / 0.80 / 0.031 (65+30, 10 of them with no health content), scored on
  // the code as the session began, before anyone read it.
  blind14: { hitAt1: 0.83, hitAt3: 0.92, outOfScopeAccuracy: 0.78, inScopeRefusedMax: 0.04 },
  // First score 0.75 / 0.883 / 0.60 / 0.05 (60+30), written and scored midway (commit c739d95).
  blind15: { hitAt1: 0.73, hitAt3: 0.86, outOfScopeAccuracy: 0.58, inScopeRefusedMax: 0.06 },
  // First score 0.833 / 0.883 / 0.84 / 0.033 (60+25), the session's last set (commit 82e3f15).
  blind16: { hitAt1: 0.81, hitAt3: 0.86, outOfScopeAccuracy: 0.82, inScopeRefusedMax: 0.04 },
  blind17: { hitAt1: 0.8, hitAt3: 0.9, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.04 },
  blind18: { hitAt1: 0.78, hitAt3: 0.88, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.04 },
  blind19: { hitAt1: 0.78, hitAt3: 0.86, outOfScopeAccuracy: 0.95, inScopeRefusedMax: 0.04 },
  // First score 0.70 / 0.85 / 0.767 / 0.05 (60+30), no-health 9 of 10, on the code as the session began (95def8c).
  // Read since: 0.80 / 0.917 / 0.967 / 0.017.
  blind20: { hitAt1: 0.79, hitAt3: 0.91, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.02 },
  // First score 0.717 / 0.867 / 0.80 / 0.033 (60+30), no-health 9 of 10, scored midway (c22cd37).
  // Read since: 0.75 / 0.917 / 0.967 / 0.00.
  blind21: { hitAt1: 0.74, hitAt3: 0.91, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.01 },
  // First score 0.80 / 0.867 / 0.933 / 0.083 (60+30), no-health 10 of 10, scored late (7351199).
  // Read since: 0.85 / 0.917 / 0.933 / 0.05. 0.833 since "burning down" the leg is radiating pain
  // (one of its questions now cites Sciatica before the nerve-pain FAQ; one follow-up gained).
  blind22: { hitAt1: 0.83, hitAt3: 0.91, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.05 },
  // First score 0.833 / 0.933 / 0.833 / 0.017 (60+30), no-health 9 of 10, on the code as the session began (07992b6).
  // Read since: 0.85 / 0.95 / 0.833 / 0.00.
  blind23: { hitAt1: 0.84, hitAt3: 0.94, outOfScopeAccuracy: 0.83, inScopeRefusedMax: 0.01 },
  // First score 0.90 / 0.933 / 0.933 / 0.017 (60+30), no-health 10 of 10, scored midway (b21d4f9).
  blind24: { hitAt1: 0.89, hitAt3: 0.93, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.02 },
  // First score 0.75 / 0.85 / 0.933 / 0.033 (60+30), no-health 10 of 10, scored late (158a24f); its errors read, nothing changed for them.
  blind25: { hitAt1: 0.74, hitAt3: 0.84, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.04 },
  // First score 0.667 / 0.800 / 0.867 / 0.067 (60+30; rural and outdoor workers, Scots, Irish,
  // Australian and Southern US English, dictated text), on the code as the eighth round began (b30df5b).
  // Read since (dialect forms, story against asking clause, the emergency's care section): 0.767 / 0.883 / 0.90 / 0.05.
  blind26: { hitAt1: 0.75, hitAt3: 0.88, outOfScopeAccuracy: 0.95, inScopeRefusedMax: 0.06 },
  // First score 0.750 / 0.867 / 0.767 / 0.000 (60+30; parents, partners, grown children, English learners,
  // rambling messages), midway (e3a81ff). Read since (scope kinds, headings on what is asked): 0.783 / 0.917 / 0.967 / 0.00.
  blind27: { hitAt1: 0.76, hitAt3: 0.9, outOfScopeAccuracy: 0.95, inScopeRefusedMax: 0.01 },
  // First score 0.800 / 0.900 / 0.933 / 0.000 (60+30; office and remote workers, nurses' shorthand, retired people,
  // terse and emoji-heavy writers), late (c1f6f3a), before anyone read it.
  blind28: { hitAt1: 0.78, hitAt3: 0.88, outOfScopeAccuracy: 0.91, inScopeRefusedMax: 0.01 },
  // First score 0.817 / 0.933 / 0.900 / 0.050 (60+30; runners, cyclists, climbers, rugby players and dancers,
  // Caribbean, Singaporean and South African English, half-read medical words), the session's last set (bef2e7c).
  blind29: { hitAt1: 0.8, hitAt3: 0.91, outOfScopeAccuracy: 0.88, inScopeRefusedMax: 0.06 },
  // First score 0.783 / 0.917 / 0.933 / 0.050 (60+30; translation-app English, angry long-term sufferers, formal
  // letters, night-shift and gig workers), scored on fe53ad9.
  blind30: { hitAt1: 0.76, hitAt3: 0.9, outOfScopeAccuracy: 0.91, inScopeRefusedMax: 0.06 },
  // First score 0.817 / 0.900 / 0.933 / 0.067 (60+30; people with other conditions, carers of disabled people,
  // hurried abbreviations, Welsh, Irish and Northern English), the session's final code (418e736); not read.
  blind31: { hitAt1: 0.8, hitAt3: 0.88, outOfScopeAccuracy: 0.91, inScopeRefusedMax: 0.07 },
  blind32: { hitAt1: 0.88, hitAt3: 0.93, outOfScopeAccuracy: 0.94, inScopeRefusedMax: 0.02 },
  blind33: { hitAt1: 0.81, hitAt3: 0.86, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.07 },
  blind34: { hitAt1: 0.86, hitAt3: 0.93, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.02 },
  // First score 0.767 / 0.850 / 0.867 / 0.050 (60+30; phonetic and dyslexic spellers, hospitality, retail and
  // warehouse workers, Kenyan, Ghanaian and Pakistani English), scored at the tenth round's start (2f51ff3).
  blind35: { hitAt1: 0.75, hitAt3: 0.83, outOfScopeAccuracy: 0.85, inScopeRefusedMax: 0.06 },
  // First score 0.833 / 0.900 / 0.833 / 0.050 (60+30; pregnant women, new mothers and partners, veterans,
  // soldiers and police, yoga and holistic writers), 2f51ff3.
  blind36: { hitAt1: 0.81, hitAt3: 0.88, outOfScopeAccuracy: 0.81, inScopeRefusedMax: 0.06 },
  // First score 0.767 / 0.833 / 0.800 / 0.117 (60+30; older people in capitals or without punctuation,
  // Gen Z slang, Southern and Midwestern US English, Spanglish), the tenth round's final code (a785dcf); read in the eleventh.
  blind37: { hitAt1: 0.75, hitAt3: 0.81, outOfScopeAccuracy: 0.78, inScopeRefusedMax: 0.12 },
  // First score 0.750 / 0.850 / 0.900 / 0.067, no-health 10 of 10 (60+30; bus and taxi drivers, cleaners and
  // care staff, nurses on shift, mothers writing for their children, Irish, Scottish and Caribbean English),
  // scored at the eleventh round's start (71fa086), then read; floors under the figures after the round's fixes.
  blind38: { hitAt1: 0.73, hitAt3: 0.83, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.07 },
  // First score 0.800 / 0.950 / 0.800 / 0.000, no-health 10 of 10 (60+30; students and office workers,
  // grandparents dictating, Indian, Nigerian and Filipino English, apologetic hedgers), 1cef952, then read.
  blind39: { hitAt1: 0.78, hitAt3: 0.93, outOfScopeAccuracy: 0.91, inScopeRefusedMax: 0.02 },
  // First score 0.783 / 0.883 / 0.933 / 0.033, no-health 10 of 10 (60+30; chefs, hairdressers, teachers and
  // delivery riders, grandchildren writing for grandparents, Australian, South African and Irish English),
  // scored late in the eleventh round (074cc74) and the same on its final code (a9c4cf6); not read.
  blind40: { hitAt1: 0.76, hitAt3: 0.86, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.04 },
  // First score 0.817 / 0.900 / 0.900 / 0.033, no-health 9 of 10 (60+30; warehouse and farm workers, retired
  // miners, new mothers, Welsh, Geordie, Jamaican, Ghanaian, Singaporean and Southern US English), 953ce3f, then read.
  blind41: { hitAt1: 0.86, hitAt3: 0.95, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.02 },
  // First score 0.800 / 0.917 / 0.900 / 0.050, no-health 8 of 10 (60+30; plumbers, call-centre staff, pensioners,
  // teenagers, New Zealand, Canadian, Kenyan, Pakistani, Malaysian and Cockney English), 953ce3f, then read.
  blind42: { hitAt1: 0.8, hitAt3: 0.91, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.04 },
  // First score 0.833 / 0.933 / 0.967 / 0.033, no-health 10 of 10 (60+30; roofers, dental nurses, bus mechanics,
  // pilots, shelf-stackers, Scouse, Brummie, Trinidadian, Zimbabwean, Sri Lankan and Texan English), c346cea; not read.
  blind43: { hitAt1: 0.81, hitAt3: 0.91, outOfScopeAccuracy: 0.93, inScopeRefusedMax: 0.04 },
  // Thirteenth round. First scores (037c348, before reading): blind44 0.883 / 0.933 / 0.967 / 0.033, blind45 0.800 / 0.883 /
  // 0.900 / 0.033; both read since. blind46 (never read): 0.800 / 0.933 / 0.867 / 0.017 on 037c348, 0.817 / 0.967 / 0.900 /
  // 0.017 on d9d01cb. blind47 0.767 / 0.850 / 0.933 / 0.067 on d9d01cb, then read (0.783 / 0.883 / 1.000 / 0.033).
  blind44: { hitAt1: 0.88, hitAt3: 0.95, outOfScopeAccuracy: 0.98, inScopeRefusedMax: 0.04 },
  blind45: { hitAt1: 0.83, hitAt3: 0.91, outOfScopeAccuracy: 0.98, inScopeRefusedMax: 0.01 },
  blind46: { hitAt1: 0.8, hitAt3: 0.95, outOfScopeAccuracy: 0.88, inScopeRefusedMax: 0.02 },
  blind47: { hitAt1: 0.75, hitAt3: 0.83, outOfScopeAccuracy: 0.91, inScopeRefusedMax: 0.07 },
  // First score 0.850 / 0.983 / 0.900 / 0.000 (60+30), no-health 10 of 10, on the round's final code (18d137b); not read.
  blind48: { hitAt1: 0.83, hitAt3: 0.96, outOfScopeAccuracy: 0.88, inScopeRefusedMax: 0.01 },
  // Fourteenth round. First scores on a48ffbe (the code as the round began), then read:
  // blind49 0.867 / 0.983 / 0.800 / 0.017 (no-health 8 of 10), blind50 0.783 / 0.917 / 0.900 / 0.017 (9 of 10).
  blind49: { hitAt1: 0.83, hitAt3: 0.95, outOfScopeAccuracy: 0.78, inScopeRefusedMax: 0.02 },
  blind50: { hitAt1: 0.78, hitAt3: 0.91, outOfScopeAccuracy: 0.88, inScopeRefusedMax: 0.02 },
  // Written at the round's start, scored on a48ffbe and again on the final code (f9cc553), never read:
  // 0.867 / 0.983 / 0.867 / 0.000 both times, no-health 9 of 10.
  blind51: { hitAt1: 0.85, hitAt3: 0.96, outOfScopeAccuracy: 0.85, inScopeRefusedMax: 0.01 },
  blind52: { hitAt1: 0.8, hitAt3: 0.85, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.01 },
  blind53: { hitAt1: 0.88, hitAt3: 0.96, outOfScopeAccuracy: 0.9, inScopeRefusedMax: 0.01 },
  // Written late, scored on the round's final code, not read.
  blind54: { hitAt1: 0.83, hitAt3: 0.95, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.01 },
  // First score 0.800 / 0.900 / 0.733 / 0.050 (60+30), no-health 9 of 10, on the code as the sixteenth round began (093c5bc). Read since.
  blind55: { hitAt1: 0.8, hitAt3: 0.9, outOfScopeAccuracy: 0.88, inScopeRefusedMax: 0.04 },
  // First score 0.867 / 0.917 / 0.867 / 0.033 on 093c5bc, 0.867 / 0.917 / 0.900 / 0.033 on the round's final code; never read.
  blind56: { hitAt1: 0.85, hitAt3: 0.9, outOfScopeAccuracy: 0.88, inScopeRefusedMax: 0.04 },
  // Written late, first scored on cfe675b (0.883 / 0.933 / 0.833 / 0.033), the same on the final code; never read.
  blind57: { hitAt1: 0.86, hitAt3: 0.91, outOfScopeAccuracy: 0.8, inScopeRefusedMax: 0.04 },
  blind58: { hitAt1: 0.91, hitAt3: 0.95, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.01 },
  blind59: { hitAt1: 0.9, hitAt3: 0.93, outOfScopeAccuracy: 0.86, inScopeRefusedMax: 0.03 },
  blind60: { hitAt1: 0.86, hitAt3: 0.93, outOfScopeAccuracy: 0.96, inScopeRefusedMax: 0.01 },
  blind61: { hitAt1: 0.93, hitAt3: 0.96, outOfScopeAccuracy: 0.8, inScopeRefusedMax: 0.01 },
  // blind62 (never read, the control) first 0.900 / 0.967 / 0.967 / 0.00; blind63 (read) first 0.817 / 0.95 / 0.80 / 0.00, 0.85 / 0.983 since.
  blind62: { hitAt1: 0.88, hitAt3: 0.95, outOfScopeAccuracy: 0.95, inScopeRefusedMax: 0.01 },
  blind63: { hitAt1: 0.83, hitAt3: 0.96, outOfScopeAccuracy: 0.78, inScopeRefusedMax: 0.01 },
  // blind64, written late and scored once on the round's final code (3905980), never read: 0.717 / 0.867 / 0.80 / 0.017, no-health 8 of 10.
  blind64: { hitAt1: 0.7, hitAt3: 0.85, outOfScopeAccuracy: 0.78, inScopeRefusedMax: 0.03 },
  // blind65 (60+15, questions and follow-ups only), written late, first scored on 8b25fa7 then read: 0.783 / 0.933 / 0.80 / 0.00, 0.80 / 0.95 since.
  blind65: { hitAt1: 0.78, hitAt3: 0.93, outOfScopeAccuracy: 0.78, inScopeRefusedMax: 0.01 },
};

// Follow-up sets score the turns after the first of each conversation.
const FOLLOW_UP_FLOORS = {
  dev: { hitAt1: 0.75, hitAt3: 0.9, refusedMax: 0.05 },
  // First score 0.66 / 0.79, refused 0.07; its errors have since been read and the follow-up rules
  // widened on them (0.79 / 0.90 / 0.00), so this is a regression check, not a blind figure.
  blind5: { hitAt1: 0.77, hitAt3: 0.88, refusedMax: 0.02 },
  // First score 0.69 / 0.81 / refused 0.10, read after its first score; the follow-up rules were
  // widened on its errors (0.79 / 0.91 / 0.03), so this is a regression check, not a blind figure.
  blind8: { hitAt1: 0.78, hitAt3: 0.9, refusedMax: 0.04 },
  // First score 0.595 / 0.703 / refused 0.108 (30 conversations, 74 turns); read since.
  blind11: { hitAt1: 0.68, hitAt3: 0.83, refusedMax: 0.03 },
  // First score 0.551 / 0.754 / refused 0.043 (30 conversations, 69 turns), after this session's fixes;
  // read since (a turn naming its own activity loosens the carried condition: 0.68 / 0.78).
  blind12: { hitAt1: 0.65, hitAt3: 0.76, refusedMax: 0.05 },
  // First score 0.678 / 0.78 / refused 0.034 (25 conversations, 59 turns), the session's last set; read
  // at the end (the long one, passives, "what if the pills don't work", "meanwhile"): 0.73 / 0.85 / 0.
  blind13: { hitAt1: 0.7, hitAt3: 0.83, refusedMax: 0.02 },
  // First score 0.778 / 0.889 / refused 0.022 (28 conversations, 45 later turns), and 2 of its 4
  // out-of-scope later turns refused; scored on the code as the session began, before anyone read it.
  blind14: { hitAt1: 0.76, hitAt3: 0.87, refusedMax: 0.03, outOfScopeRefusedMin: 0.5 },
  // First score 0.816 / 0.895 / refused 0.053 (25 conversations, 38 later turns), 1 of its 3
  // out-of-scope later turns refused; written and scored midway (commit c739d95).
  blind15: { hitAt1: 0.79, hitAt3: 0.87, refusedMax: 0.06, outOfScopeRefusedMin: 0.3 },
  // First score 0.778 / 0.944 / refused 0.028 (25 conversations, 36 later turns), 2 of its 4
  // out-of-scope later turns refused; the session's last set (commit 82e3f15).
  blind16: { hitAt1: 0.75, hitAt3: 0.92, refusedMax: 0.03, outOfScopeRefusedMin: 0.5 },
  blind17: { hitAt1: 0.75, hitAt3: 0.93, refusedMax: 0.06, outOfScopeRefusedMin: 0.75 },
  blind18: { hitAt1: 0.77, hitAt3: 0.92, refusedMax: 0.03, outOfScopeRefusedMin: 0.75 },
  blind19: { hitAt1: 0.72, hitAt3: 0.8, refusedMax: 0.04, outOfScopeRefusedMin: 0.5 },
  // First score 0.722 / 0.889 / refused 0.056 (25 conversations, 36 later turns), 4 of its 4 out-of-scope
  // later turns refused; on the code as the session began (95def8c).
  // Read since: 0.75 / 0.972 / 0.00, 4 of 4.
  blind20: { hitAt1: 0.74, hitAt3: 0.97, refusedMax: 0.01, outOfScopeRefusedMin: 0.99 },
  // First score 0.763 / 0.816 / refused 0.026 (25 conversations, 38 later turns), 4 of its 4 out-of-scope
  // later turns refused; scored midway (c22cd37).
  // Read since: 0.816 / 0.895 / 0.00, 4 of 4.
  blind21: { hitAt1: 0.81, hitAt3: 0.89, refusedMax: 0.01, outOfScopeRefusedMin: 0.99 },
  // First score 0.632 / 0.737 / refused 0.158 (25 conversations, 38 later turns), 3 of its 4
  // out-of-scope later turns refused; scored late (7351199).
  // Read since (words of address, 'can it wait', 'stop' as a framing word): 0.684 / 0.763 / 0.105.
  blind22: { hitAt1: 0.68, hitAt3: 0.76, refusedMax: 0.11, outOfScopeRefusedMin: 0.75 },
  // First score 0.667 / 0.795 / refused 0.051 (25 conversations, 39 later turns), 3 of its 4
  // out-of-scope later turns refused; on the code as the session began (07992b6).
  // Read since: 0.667 / 0.821 / 0.051.
  // 0.667 -> 0.641 (2026-11-28): "she can't bring her knee up, anything else I can try" is declined again
  // for the knee (review: "anything else" also follows new complaints, "my shoulder is killing me, anything else?").
  blind23: { hitAt1: 0.64, hitAt3: 0.82, refusedMax: 0.06, outOfScopeRefusedMin: 0.75 },
  // First score 0.641 / 0.795 / refused 0.00 (25 conversations, 39 later turns), 2 of its 4
  // out-of-scope later turns refused; scored midway (b21d4f9).
  // Read since: 0.641 / 0.821 / 0.00.
  blind24: { hitAt1: 0.64, hitAt3: 0.82, refusedMax: 0.01, outOfScopeRefusedMin: 0.5 },
  // First score 0.711 / 0.816 / refused 0.026 (25 conversations, 38 later turns), 3 of its 4
  // out-of-scope later turns refused; scored late (158a24f); its errors read, nothing changed for them.
  // 0.711 -> 0.684 (2026-11-28): c13's first turn ("every bloke on site has a knackered back"), refused
  // before, is answered now that a knackered back is the back, but from the sitting section (a building
  // "site" stems as "sit"), and "but I'm only 31" follows it. Keeping the "e" of "site" cost more elsewhere.
  blind25: { hitAt1: 0.68, hitAt3: 0.81, refusedMax: 0.03, outOfScopeRefusedMin: 0.75 },
  // First score 0.575 / 0.700 / 0.150, out-of-scope turns 3 of 4 (b30df5b). Read since: 0.725 / 0.825 / 0.025.
  blind26: { hitAt1: 0.7, hitAt3: 0.8, refusedMax: 0.03, outOfScopeRefusedMin: 0.75 },
  // First score 0.600 / 0.750 / 0.025, 2 of 4 (e3a81ff). Read since: 0.675 / 0.800 / 0.025.
  blind27: { hitAt1: 0.65, hitAt3: 0.78, refusedMax: 0.03, outOfScopeRefusedMin: 0.5 },
  // First score 0.475 / 0.725 / 0.075, 1 of 4 (c1f6f3a). Read since (sounds like "ooh", "others?", the other
  // kinds asked on the turn's own words): 0.550 / 0.800 / 0.025.
  blind28: { hitAt1: 0.53, hitAt3: 0.78, refusedMax: 0.03, outOfScopeRefusedMin: 0.25 },
  // First score 0.683 / 0.732 / 0.049, 2 of 4 (bef2e7c), not read.
  blind29: { hitAt1: 0.66, hitAt3: 0.71, refusedMax: 0.06, outOfScopeRefusedMin: 0.5 },
  // First score 0.462 / 0.590 / 0.051, 2 of 4 (fe53ad9). Read afterwards (a letter's signature, 'cutting me open',
  // 'the strong ones'): 0.538 / 0.718 / 0.026.
  blind30: { hitAt1: 0.52, hitAt3: 0.7, refusedMax: 0.04, outOfScopeRefusedMin: 0.5 },
  // First score 0.707 / 0.829 / 0.073, 1 of 4 (418e736); not read.
  blind31: { hitAt1: 0.68, hitAt3: 0.8, refusedMax: 0.08, outOfScopeRefusedMin: 0.25 },
  blind32: { hitAt1: 0.67, hitAt3: 0.82, refusedMax: 0.03, outOfScopeRefusedMin: 0.5 },
  blind33: { hitAt1: 0.7, hitAt3: 0.85, refusedMax: 0.05, outOfScopeRefusedMin: 0.75 },
  blind34: { hitAt1: 0.63, hitAt3: 0.86, refusedMax: 0.08, outOfScopeRefusedMin: 0.75 },
  // First score 0.667 / 0.846 / 0.026, 0 of 4 (2f51ff3).
  blind35: { hitAt1: 0.64, hitAt3: 0.82, refusedMax: 0.04, outOfScopeRefusedMin: 0 },
  // First score 0.707 / 0.780 / 0.098, 3 of 4 (2f51ff3).
  blind36: { hitAt1: 0.68, hitAt3: 0.76, refusedMax: 0.11, outOfScopeRefusedMin: 0.5 },
  // First score 0.605 / 0.711 / 0.053, 4 of 5 (a785dcf); not read.
  blind37: { hitAt1: 0.58, hitAt3: 0.69, refusedMax: 0.06, outOfScopeRefusedMin: 0.6 },
  // First score 0.806 / 0.889 / 0.028, 3 of 4 (36 later turns + 4; 1cef952), then read.
  blind38: { hitAt1: 0.78, hitAt3: 0.88, refusedMax: 0.03, outOfScopeRefusedMin: 0.75 },
  // First score 0.703 / 0.838 / 0.027, 3 of 4 (37 later turns + 4; 71fa086), then read.
  blind39: { hitAt1: 0.7, hitAt3: 0.81, refusedMax: 0.03, outOfScopeRefusedMin: 0.75 },
  // First score 0.639 / 0.806 / 0.000, 4 of 4 (36 later turns + 4; 074cc74, the same on a9c4cf6); not read.
  blind40: { hitAt1: 0.61, hitAt3: 0.78, refusedMax: 0.02, outOfScopeRefusedMin: 0.75 },
  // First score 0.736 / 0.849 / 0.057, 3 of 4 (53 later turns + 4; 953ce3f), then read.
  blind41: { hitAt1: 0.77, hitAt3: 0.88, refusedMax: 0.02, outOfScopeRefusedMin: 0.75 },
  // First score 0.796 / 0.878 / 0.000, 3 of 4 (49 later turns + 4; 9e3d0cc), then read.
  blind42: { hitAt1: 0.79, hitAt3: 0.86, refusedMax: 0.02, outOfScopeRefusedMin: 0.75 },
  // First score 0.692 / 0.904 / 0.019, 2 of 4 (52 later turns + 4; c346cea); not read.
  blind43: { hitAt1: 0.67, hitAt3: 0.88, refusedMax: 0.03, outOfScopeRefusedMin: 0.5 },
  // Thirteenth round. First scores (037c348): blind44 0.808 / 0.865 / 0.038, 3 of 4; blind45 0.769 / 0.904 / 0.000, 2 of 4
  // (both read since); blind46 0.846 / 0.942 / 0.000, 1 of 4 (never read; 0.827 / 0.923 on d9d01cb); blind47 0.647 /
  // 0.765 / 0.020, 4 of 4 on d9d01cb (read since: 0.706 / 0.824 / 0.020).
  blind44: { hitAt1: 0.81, hitAt3: 0.86, refusedMax: 0.04, outOfScopeRefusedMin: 0.75 },
  blind45: { hitAt1: 0.81, hitAt3: 0.92, refusedMax: 0.01, outOfScopeRefusedMin: 1 },
  blind46: { hitAt1: 0.8, hitAt3: 0.9, refusedMax: 0.01, outOfScopeRefusedMin: 0.25 },
  blind47: { hitAt1: 0.69, hitAt3: 0.8, refusedMax: 0.03, outOfScopeRefusedMin: 1 },
  // First score 0.768 / 0.786 / 0.089, 4 of 4 (56 later turns + 4), on 18d137b; not read.
  blind48: { hitAt1: 0.75, hitAt3: 0.77, refusedMax: 0.09, outOfScopeRefusedMin: 1 },
  // First scores on a48ffbe, then read: blind49 0.692 / 0.846 / 0.000 (52 + 4, 4 of 4), blind50 0.648 / 0.759 / 0.037 (54 + 4, 4 of 4).
  blind49: { hitAt1: 0.67, hitAt3: 0.82, refusedMax: 0.01, outOfScopeRefusedMin: 1 },
  blind50: { hitAt1: 0.63, hitAt3: 0.74, refusedMax: 0.04, outOfScopeRefusedMin: 1 },
  // Never read: 0.822 / 0.867 / 0.000 (45 later turns + 4, 3 of 4) on a48ffbe and on f9cc553.
  blind51: { hitAt1: 0.8, hitAt3: 0.85, refusedMax: 0.01, outOfScopeRefusedMin: 0.75 },
  blind52: { hitAt1: 0.65, hitAt3: 0.8, refusedMax: 0.01, outOfScopeRefusedMin: 0.75 },
  blind53: { hitAt1: 0.65, hitAt3: 0.8, refusedMax: 0.07, outOfScopeRefusedMin: 0.75 },
  blind54: { hitAt1: 0.78, hitAt3: 0.95, refusedMax: 0.01, outOfScopeRefusedMin: 0.5 },
  // First score 0.606 / 0.697 / 0.121 (33 later turns, OOS 2 of 4) on 093c5bc. Read since.
  blind55: { hitAt1: 0.67, hitAt3: 0.76, refusedMax: 0.04, outOfScopeRefusedMin: 0.5 },
  // First score 0.818 / 0.879 / 0.000 (33 later turns, 4 of 4) on 093c5bc, the same on the final code; never read.
  blind56: { hitAt1: 0.8, hitAt3: 0.86, refusedMax: 0.01, outOfScopeRefusedMin: 0.75 },
  // Written late, first scored on cfe675b: 0.757 / 0.838 / 0.000 (37 later turns, 3 of 4); never read.
  blind57: { hitAt1: 0.73, hitAt3: 0.81, refusedMax: 0.01, outOfScopeRefusedMin: 0.5 },
  blind58: { hitAt1: 0.73, hitAt3: 0.9, refusedMax: 0.01, outOfScopeRefusedMin: 0.75 },
  blind59: { hitAt1: 0.67, hitAt3: 0.77, refusedMax: 0.15, outOfScopeRefusedMin: 0.5 },
  blind60: { hitAt1: 0.72, hitAt3: 0.87, refusedMax: 0.01, outOfScopeRefusedMin: 0.75 },
  blind61: { hitAt1: 0.64, hitAt3: 0.79, refusedMax: 0.01, outOfScopeRefusedMin: 0.75 },
  // blind62 (control) first 0.635 / 0.750 / 0.019 (4/4); blind63 (read) first 0.725 / 0.725 / 0.00 (1/4), 0.804 / 0.843 (2/4) since.
  blind62: { hitAt1: 0.63, hitAt3: 0.74, refusedMax: 0.03, outOfScopeRefusedMin: 0.75 },
  blind63: { hitAt1: 0.76, hitAt3: 0.8, refusedMax: 0.01, outOfScopeRefusedMin: 0.5 },
  // blind64 (final code, never read): 0.724 / 0.828 / 0.052, 1 of 4.
  blind64: { hitAt1: 0.7, hitAt3: 0.81, refusedMax: 0.06, outOfScopeRefusedMin: 0.25 },
  // blind65: first 0.712 / 0.846 / 0.058 (2 of 4), then read; 0.75 / 0.923 / 0.00 since.
  blind65: { hitAt1: 0.73, hitAt3: 0.9, refusedMax: 0.01, outOfScopeRefusedMin: 0.5 },
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

// Red-flag floors sit just under today's figures. These sets have all been read, so they are
// regression checks: the honest figures are the first scores in the README. Since the rules became
// concept compositions (no phrase added for one message), the older sets' invented euphemisms
// ("made of cardboard", "stopped taking orders") are no longer all caught; the floors say so.
const RED_FLAG_FLOORS: Record<string, { emergency: number; escalatedOrAsked: number; urgent: number; falseMax: number; checkOnNoneMax: number }> = {
  dev: { emergency: 0.98, escalatedOrAsked: 1, urgent: 0.94, falseMax: 0.02, checkOnNoneMax: 0.05 },
  holdout: { emergency: 0.97, escalatedOrAsked: 1, urgent: 0.96, falseMax: 0.03, checkOnNoneMax: 0.05 },
  // Urgent 0.971 -> 0.943 (2026-11-28): tingling in a foot that "comes and goes" is no longer urgent
  // (NICE names a progressive or severe deficit, not intermittent tingling; later writers label it none).
  blind: { emergency: 0.9, escalatedOrAsked: 0.93, urgent: 0.94, falseMax: 0.03, checkOnNoneMax: 0.05 },
  blind2: { emergency: 0.86, escalatedOrAsked: 0.89, urgent: 0.96, falseMax: 0.03, checkOnNoneMax: 0.05 },
  blind3: { emergency: 0.84, escalatedOrAsked: 0.89, urgent: 0.93, falseMax: 0.01, checkOnNoneMax: 0.05 },
  blind4: { emergency: 0.97, escalatedOrAsked: 0.97, urgent: 0.96, falseMax: 0.03, checkOnNoneMax: 0.05 },
  blind5: { emergency: 0.98, escalatedOrAsked: 1, urgent: 0.97, falseMax: 0.02, checkOnNoneMax: 0.05 },
  blind6: { emergency: 0.95, escalatedOrAsked: 0.97, urgent: 0.97, falseMax: 0.01, checkOnNoneMax: 0.02 },
  blind7: { emergency: 0.97, escalatedOrAsked: 0.98, urgent: 0.94, falseMax: 0.05, checkOnNoneMax: 0.01 },
  // Mixed-language messages (Hinglish, Taglish, Spanish) get the check question, ordinary ones too.
  // Since other languages in Latin script are recognised by a trigram guess too, one more
  // Hinglish message asks (0.106).
  blind9: { emergency: 0.82, escalatedOrAsked: 0.97, urgent: 0.92, falseMax: 0.02, checkOnNoneMax: 0.11 },
  blind10: { emergency: 0.98, escalatedOrAsked: 0.98, urgent: 0.96, falseMax: 0.01, checkOnNoneMax: 0.02 },
  // First score 0.81 / 0.83 / 0.85 / 0.11 / 0.04; its errors were then read and their causes fixed
  // (transient, improving and long-standing sensations; care recipients; a blow to the back; slang),
  // so this is a regression check now.
  blind11: { emergency: 0.98, escalatedOrAsked: 0.98, urgent: 0.97, falseMax: 0.01, checkOnNoneMax: 0.03 },
  // First score 0.865 / 0.885 / 0.90 / 0.114 / 0.029 (52/41/70), written and scored after this session's
  // fixes; read since (resolution late in a sentence, motor loss and fever in everyday words): 0.92 / 0.94 / 0.93 / 0.057.
  blind12: { emergency: 0.9, escalatedOrAsked: 0.92, urgent: 0.95, falseMax: 0.03, checkOnNoneMax: 0.05 },
  // First score 0.854 / 0.854 / 0.90 / 0.073 / 0.036 (41/30/55), the session's last set; its errors
  // were read at the end (tingling, soiling, being struck, a baseline, removing the cause): 0.878 / 0.878 / 0.933 / 0.036.
  blind13: { emergency: 0.87, escalatedOrAsked: 0.87, urgent: 0.93, falseMax: 0.04, checkOnNoneMax: 0.04 },
  // First score 0.82 / 0.82 / 0.80 / 0.077 / 0.015 (50/35/65), scored on the rules as the session began;
  // read since (a clinician's suspicion of CES, everyday words for weakness, night sweats and erections,
  // Nigerian Pidgin, a relative's illness asked about as family risk): 0.96 / 1.00 / 1.00 / 0.00 / 0.015.
  blind14: { emergency: 0.94, escalatedOrAsked: 0.98, urgent: 0.97, falseMax: 0.02, checkOnNoneMax: 0.03 },
  // First score 0.556 / 0.689 / 0.543 / 0.05 / 0.133 (45/35/60; a third of it wholly in Italian,
  // Portuguese, French, Korean, Ukrainian or Bengali), on the rules at commit c739d95; read since
  // (other scripts and languages asked, clinical shorthand, care-home falls, infection after a
  // procedure): 0.733 / 1.00 / 0.714 / 0.017 / 0.283, the asked ones being those in other languages.
  blind15: { emergency: 0.72, escalatedOrAsked: 0.98, urgent: 0.7, falseMax: 0.02, checkOnNoneMax: 0.3 },
  // First score 0.867 / 0.889 / 0.967 / 0.073 / 0.00 (45/30/55), the session's last set (commit 82e3f15);
  // read since (one word a line, a clinician's 'tonight', dentist similes, baselines that never
  // changed, passing tingles, 'asked me what ... means'): 0.933 / 0.956 / 1.00 / 0.00 / 0.00.
  blind16: { emergency: 0.92, escalatedOrAsked: 0.95, urgent: 0.97, falseMax: 0.02, checkOnNoneMax: 0.02 },
  blind17: { emergency: 0.85, escalatedOrAsked: 0.96, urgent: 0.93, falseMax: 0.04, checkOnNoneMax: 0.08 },
  blind18: { emergency: 0.9, escalatedOrAsked: 0.97, urgent: 0.97, falseMax: 0.06, checkOnNoneMax: 0.04 },
  blind19: { emergency: 0.85, escalatedOrAsked: 0.92, urgent: 0.95, falseMax: 0.11, checkOnNoneMax: 0.04 },
  // First score 0.711 / 0.867 / 0.933 / 0.109 / 0.036 (45/30/55), scored on the code as the session
  // began (95def8c), before anyone read it.
  // Read since (progressive and bilateral weakness, other languages, missteps and long sits, relatives'
  // risk): 0.933 / 0.978 / 1.00 / 0.036 / 0.018.
  blind20: { emergency: 0.93, escalatedOrAsked: 0.97, urgent: 0.99, falseMax: 0.04, checkOnNoneMax: 0.02 },
  // First score 0.80 / 0.911 / 0.933 / 0.018 / 0.00 (45/30/55), written at the session's start and
  // scored midway (commit c22cd37), before anyone read it.
  // Read since (a denial stops at a new statement, spreading weakness and numbness, temperature readings): 0.978 / 0.978 / 1.00 / 0.00 / 0.00.
  blind21: { emergency: 0.97, escalatedOrAsked: 0.97, urgent: 0.99, falseMax: 0.01, checkOnNoneMax: 0.01 },
  // First score 0.933 / 0.933 / 0.933 / 0.018 / 0.00 (45/30/55), written at the session's start and
  // scored late (commit 7351199), before anyone read it.
  // Read since (chat forms in the check, 'his part', animals soiling, a child's age in chat form): 0.978 / 0.978 / 1.00 / 0.00 / 0.00.
  blind22: { emergency: 0.97, escalatedOrAsked: 0.97, urgent: 0.99, falseMax: 0.01, checkOnNoneMax: 0.01 },
  // First score 0.956 / 0.978 / 0.90 / 0.018 / 0.00 (45/30/55), on the code as the session began (07992b6).
  // Read since (dated occurrences, a child's back pain, night sweats, 'every single day'): 0.978 / 1.00 / 1.00 / 0.00 / 0.00.
  blind23: { emergency: 0.97, escalatedOrAsked: 0.99, urgent: 0.99, falseMax: 0.01, checkOnNoneMax: 0.01 },
  // First score 0.844 / 0.911 / 0.933 / 0.091 / 0.018 (45/30/55), scored midway (b21d4f9).
  // Read since (sleep, clothes, folding legs, persisting near misses, ages): 0.956 / 1.00 / 1.00 / 0.036 / 0.00.
  blind24: { emergency: 0.95, escalatedOrAsked: 0.99, urgent: 0.99, falseMax: 0.04, checkOnNoneMax: 0.01 },
  // First score 0.933 / 0.956 / 0.90 / 0.091 / 0.055 (45/30/55), scored late (158a24f).
  // Read since (legs that will not hold, 'like nothing down there', hay fever, worse every week): 1.00 / 1.00 / 0.933 / 0.018 / 0.055.
  blind25: { emergency: 0.99, escalatedOrAsked: 0.99, urgent: 0.93, falseMax: 0.02, checkOnNoneMax: 0.06 },
  // First score 0.778 / 0.822 / 0.900 / 0.164 / 0.018 (45/30/55), on the code as the eighth round began (b30df5b).
  // Read since (dialect, dictation, a child's age in one digit, vehicles that rolled, foot drop): 0.911 / 0.933 / 1.00 / 0.091 / 0.036
  // (the intermittent tingling exemption was narrowed to tingling beside its "comes and goes" after review).
  blind26: { emergency: 0.9, escalatedOrAsked: 0.93, urgent: 0.99, falseMax: 0.1, checkOnNoneMax: 0.04 },
  // First score 0.756 / 0.800 / 0.833 / 0.127 / 0.000 (45/30/55), midway (e3a81ff).
  // Read since (foot drop, thoracic pain, a stream that stops and starts): 0.933 / 0.956 / 0.933 / 0.036 / 0.00 (the review
  // took out "round there" as a saddle word and "should I panic" as family history, which had fixed one each).
  blind27: { emergency: 0.93, escalatedOrAsked: 0.95, urgent: 0.93, falseMax: 0.04, checkOnNoneMax: 0.01 },
  // First score 0.844 / 0.867 / 0.933 / 0.127 / 0.055 (45/30/55), late (c1f6f3a).
  // Read since (a poo not felt coming out, no feeling of needing the toilet, a bursting bladder, clinical shorthand,
  // "my 9yo", spills): 0.933 / 0.956 / 0.967 / 0.091 / 0.055.
  blind28: { emergency: 0.91, escalatedOrAsked: 0.93, urgent: 0.96, falseMax: 0.1, checkOnNoneMax: 0.06 },
  // First score 0.800 / 0.911 / 0.867 / 0.200 / 0.036 (45/30/55), the session's last set (bef2e7c). Its false
  // escalations were read (a sportive's numb bum, "foot bottom"): 0.800 / 0.911 / 0.867 / 0.182 / 0.055.
  blind29: { emergency: 0.78, escalatedOrAsked: 0.89, urgent: 0.85, falseMax: 0.19, checkOnNoneMax: 0.06 },
  // First score 0.800 / 0.844 / 0.933 / 0.145 / 0.018 (45/30/55), on fe53ad9. Read afterwards (the call of nature,
  // the big job, the lavatory seat, a flight's numb bum asked about): 0.867 / 0.956 / 0.933 / 0.127 / 0.036.
  // escalatedOrAsked 0.956 -> 0.933 after the third review: "like a drip" counts only beside the bladder, and here a
  // "does not" stands between them.
  // 2026-11-29: weak jelly legs the day after "ran my first marathon" are asked about, not escalated (a long effort
  // given as the cause anywhere in the message): false 0.127 -> 0.109, check on ordinary 0.036 -> 0.055.
  blind30: { emergency: 0.85, escalatedOrAsked: 0.93, urgent: 0.91, falseMax: 0.12, checkOnNoneMax: 0.06 },
  // First score 0.911 / 0.978 / 0.967 / 0.091 / 0.036 (45/30/55), the session's final code (418e736); not read.
  blind31: { emergency: 0.89, escalatedOrAsked: 0.96, urgent: 0.95, falseMax: 0.1, checkOnNoneMax: 0.04 },
  blind32: { emergency: 0.95, escalatedOrAsked: 0.95, urgent: 0.96, falseMax: 0.1, checkOnNoneMax: 0.04 },
  blind33: { emergency: 0.89, escalatedOrAsked: 0.89, urgent: 0.85, falseMax: 0.1, checkOnNoneMax: 0.04 },
  blind34: { emergency: 0.95, escalatedOrAsked: 0.97, urgent: 0.93, falseMax: 0.02, checkOnNoneMax: 0.02 },
  // First score 0.956 / 0.978 / 0.867 / 0.000 / 0.036 (45/30/55), 2f51ff3.
  blind35: { emergency: 0.93, escalatedOrAsked: 0.95, urgent: 0.84, falseMax: 0.02, checkOnNoneMax: 0.05 },
  // First score 0.889 / 0.956 / 0.800 / 0.036 / 0.036 (45/30/55), 2f51ff3.
  blind36: { emergency: 0.86, escalatedOrAsked: 0.93, urgent: 0.78, falseMax: 0.05, checkOnNoneMax: 0.05 },
  // First score 0.830 / 0.957 / 0.933 / 0.018 / 0.091 (47/30/55), a785dcf; not read.
  blind37: { emergency: 0.8, escalatedOrAsked: 0.93, urgent: 0.9, falseMax: 0.03, checkOnNoneMax: 0.1 },
  // First score 0.800 / 0.889 / 0.833 / 0.036 / 0.073 (45/30/55), 71fa086, then read.
  blind38: { emergency: 0.88, escalatedOrAsked: 0.95, urgent: 0.87, falseMax: 0.04, checkOnNoneMax: 0.08 },
  // First score 0.822 / 0.933 / 0.867 / 0.055 / 0.018 (45/30/55), 1cef952, then read.
  blind39: { emergency: 0.84, escalatedOrAsked: 0.93, urgent: 0.88, falseMax: 0.04, checkOnNoneMax: 0.02 },
  // First score 0.867 / 0.911 / 0.867 / 0.018 / 0.036 (45/30/55), 074cc74; on the final code (a9c4cf6)
  // 0.867 / 0.911 / 0.833 / 0.018 / 0.036; not read.
  blind40: { emergency: 0.84, escalatedOrAsked: 0.89, urgent: 0.81, falseMax: 0.03, checkOnNoneMax: 0.05 },
  // First score 0.933 / 0.978 / 0.833 / 0.109 / 0.018 (45/30/55), 953ce3f, then read.
  blind41: { emergency: 0.95, escalatedOrAsked: 0.97, urgent: 0.93, falseMax: 0.05, checkOnNoneMax: 0.03 },
  // First score 0.822 / 0.867 / 0.833 / 0.091 / 0.018 (45/30/55), 953ce3f, then read.
  blind42: { emergency: 0.88, escalatedOrAsked: 0.91, urgent: 0.91, falseMax: 0.08, checkOnNoneMax: 0.03 },
  // First score 0.844 / 0.889 / 0.800 / 0.164 / 0.036 (45/30/55), c346cea; then its red flags read.
  blind43: { emergency: 0.91, escalatedOrAsked: 0.93, urgent: 0.8, falseMax: 0.16, checkOnNoneMax: 0.05 },
  // Thirteenth round, each scored once before reading, then read: blind44 0.911 / 0.956 / 0.900 / 0.091 / 0.018 and blind45
  // 0.867 / 0.933 / 0.867 / 0.127 / 0.036 (037c348); blind47 0.844 / 0.911 / 0.767 / 0.091 / 0.055 (d9d01cb).
  blind44: { emergency: 0.95, escalatedOrAsked: 1, urgent: 0.93, falseMax: 0.02, checkOnNoneMax: 0.02 },
  blind45: { emergency: 0.95, escalatedOrAsked: 1, urgent: 0.96, falseMax: 0.06, checkOnNoneMax: 0.06 },
  blind47: { emergency: 0.93, escalatedOrAsked: 0.97, urgent: 0.9, falseMax: 0.08, checkOnNoneMax: 0.06 },
  // First score 0.933 / 0.956 / 0.800 / 0.073 / 0.055 (45/30/55), on 18d137b; not read.
  blind48: { emergency: 0.93, escalatedOrAsked: 0.95, urgent: 0.8, falseMax: 0.08, checkOnNoneMax: 0.06 },
  // Fourteenth round, first scores on a48ffbe: blind49 0.822 / 0.911 / 0.833 / 0.182 / 0.036, blind50
  // 0.800 / 0.867 / 0.933 / 0.182 / 0.036 (45/30/55 each). Read since: 0.933 / 1 / 0.867 / 0.109 / 0.036
  // and 0.956 / 1 / 0.933 / 0.127 / 0.036 (messages in unlisted languages asked; a young child's fever, a
  // relative's chemotherapy and a slip on ice at 26 still escalate: the first two fixes were withdrawn after review).
  blind49: { emergency: 0.93, escalatedOrAsked: 1, urgent: 0.86, falseMax: 0.15, checkOnNoneMax: 0.04 },
  blind50: { emergency: 0.95, escalatedOrAsked: 1, urgent: 0.93, falseMax: 0.13, checkOnNoneMax: 0.04 },
  // Written late, scored once on the round's final code (f9cc553), not read: 0.800 / 0.844 / 0.833 / 0.091 / 0.073.
  blind51: { emergency: 0.8, escalatedOrAsked: 0.84, urgent: 0.83, falseMax: 0.1, checkOnNoneMax: 0.08 },
  blind52: { emergency: 0.95, escalatedOrAsked: 0.95, urgent: 0.9, falseMax: 0.05, checkOnNoneMax: 0.05 },
  blind53: { emergency: 0.85, escalatedOrAsked: 0.92, urgent: 0.93, falseMax: 0.13, checkOnNoneMax: 0.06 },
  blind54: { emergency: 0.87, escalatedOrAsked: 0.9, urgent: 0.88, falseMax: 0.14, checkOnNoneMax: 0.03 },
  // First score 0.911 / 0.956 / 0.767 / 0.200 / 0.055 on 093c5bc. Read since.
  blind55: { emergency: 0.91, escalatedOrAsked: 0.94, urgent: 0.85, falseMax: 0.12, checkOnNoneMax: 0.06 },
  // First score 0.911 / 0.956 / 0.933 / 0.182 / 0.055 on 093c5bc; 0.911 / 0.956 / 0.967 / 0.145 / 0.055 on the final code; never read.
  blind56: { emergency: 0.89, escalatedOrAsked: 0.94, urgent: 0.95, falseMax: 0.15, checkOnNoneMax: 0.06 },
  // Written late, first scored on cfe675b: 0.822 / 0.844 / 0.733 / 0.145 / 0.073, the same on the final code; never read.
  blind57: { emergency: 0.8, escalatedOrAsked: 0.82, urgent: 0.71, falseMax: 0.15, checkOnNoneMax: 0.08 },
  blind58: { emergency: 0.88, escalatedOrAsked: 0.93, urgent: 0.96, falseMax: 0.04, checkOnNoneMax: 0.05 },
  blind59: { emergency: 0.84, escalatedOrAsked: 0.91, urgent: 0.84, falseMax: 0.1, checkOnNoneMax: 0.03 },
  blind60: { emergency: 0.91, escalatedOrAsked: 0.93, urgent: 0.94, falseMax: 0.06, checkOnNoneMax: 0.05 },
  blind61: { emergency: 0.82, escalatedOrAsked: 0.89, urgent: 0.78, falseMax: 0.06, checkOnNoneMax: 0.05 },
  // blind62 (control) first 0.933 / 0.956 / 0.833 / 0.073 / 0.018; blind63 (read) first 0.933 / 0.956 / 0.867 / 0.145 / 0.036, 1.0 / 1.0 / 0.967 / 0.018 since.
  blind62: { emergency: 0.91, escalatedOrAsked: 0.93, urgent: 0.81, falseMax: 0.08, checkOnNoneMax: 0.03 },
  blind63: { emergency: 0.97, escalatedOrAsked: 0.97, urgent: 0.94, falseMax: 0.03, checkOnNoneMax: 0.05 },
  // blind64 (final code, never read): 0.933 / 0.956 / 0.800 / 0.055 / 0.000.
  blind64: { emergency: 0.91, escalatedOrAsked: 0.93, urgent: 0.78, falseMax: 0.06, checkOnNoneMax: 0.01 },
};

// Distress sets (thoughts of suicide or self-harm), scored on that rule alone. blind49 was written
// before the rule and read to write it (first score: nothing caught, the rule did not exist); blind50
// was scored once on the rule as first written from blind49 (crisis caught 14/30, caught or asked 15/30,
// ask 7/15, false crisis 3/45), then read.
const CRISIS_FLOORS: Record<string, { caught: number; caughtOrAsked: number; ask: number; falseMax: number; askedOnNoneMax: number }> = {
  // After its review narrowed the words that had raised false alarms ("saving my back", "made a plan"):
  // blind49 24/30, 25/30, 13/15, 0/45; blind50 23/30, 24/30, 12/15, 1/45.
  blind49: { caught: 0.8, caughtOrAsked: 0.83, ask: 0.86, falseMax: 0, askedOnNoneMax: 0 },
  // (A past overdose told with "got help and I'm good now" still gets the help lines.)
  blind50: { caught: 0.76, caughtOrAsked: 0.8, ask: 0.8, falseMax: 0.03, askedOnNoneMax: 0 },
  // Written late, scored once on the final code (f9cc553), not read: 14/30, 15/30, 3/15, 1/45, 0/45.
  blind51: { caught: 0.46, caughtOrAsked: 0.5, ask: 0.2, falseMax: 0.03, askedOnNoneMax: 0 },
  blind52: { caught: 0.55, caughtOrAsked: 0.68, ask: 0.78, falseMax: 0.01, askedOnNoneMax: 0 },
  blind53: { caught: 0.28, caughtOrAsked: 0.32, ask: 0.44, falseMax: 0.05, askedOnNoneMax: 0 },
  blind54: { caught: 0.45, caughtOrAsked: 0.48, ask: 0.5, falseMax: 0.07, askedOnNoneMax: 0 },
  // First score 4/30 caught, 6/30 caught or asked, 1/15 asked, 3/45 false on 093c5bc. Read since.
  blind55: { caught: 0.15, caughtOrAsked: 0.65, ask: 0.65, falseMax: 0.01, askedOnNoneMax: 0 },
  // First score 5/30 caught, 5/30 caught or asked, 6/15 asked, 1/45 false on 093c5bc; 5 / 8 / 7 / 1 on the final code; never read.
  blind56: { caught: 0.15, caughtOrAsked: 0.25, ask: 0.45, falseMax: 0.03, askedOnNoneMax: 0 },
  // Written late, first scored on cfe675b: 4 / 10 / 8 / 0; 4 / 11 / 8 / 0 on the final code; never read.
  blind57: { caught: 0.12, caughtOrAsked: 0.35, ask: 0.5, falseMax: 0.01, askedOnNoneMax: 0 },
  blind58: { caught: 0.43, caughtOrAsked: 0.73, ask: 0.56, falseMax: 0.03, askedOnNoneMax: 0 },
  blind59: { caught: 0.17, caughtOrAsked: 0.33, ask: 0.17, falseMax: 0.07, askedOnNoneMax: 0 },
  blind60: { caught: 0.53, caughtOrAsked: 0.73, ask: 0.56, falseMax: 0.01, askedOnNoneMax: 0 },
  blind61: { caught: 0.2, caughtOrAsked: 0.5, ask: 0.56, falseMax: 0.03, askedOnNoneMax: 0 },
  // blind62 (control) first 7 / 11 / 7 of 15 / 2 / 1 of 45; blind63 (read) first 9 / 15 / 6 / 2 / 0, 11 / 20 / 12 / 0 / 0 since.
  blind62: { caught: 0.2, caughtOrAsked: 0.33, ask: 0.43, falseMax: 0.05, askedOnNoneMax: 0.03 },
  blind63: { caught: 0.35, caughtOrAsked: 0.63, ask: 0.76, falseMax: 0.01, askedOnNoneMax: 0 },
  // blind64 (final code, never read): 7 / 14 / 6 of 15 / 2 / 0 of 45.
  blind64: { caught: 0.2, caughtOrAsked: 0.43, ask: 0.36, falseMax: 0.05, askedOnNoneMax: 0 },
};

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
      if ("outOfScopeRefusedMin" in floor) expect(m.outOfScopeRefused).toBeGreaterThanOrEqual(floor.outOfScopeRefusedMin);
    });
  }
});

describe("red-flag escalation on the evaluation sets", () => {
  for (const [name, file] of Object.entries(RED_FLAG_SETS)) {
    it(`${name}: emergencies escalated or asked, urgent recall and false escalations stay at their floors`, async () => {
      const cases = await readJsonl<RedFlagCase>(path.join(EVAL_DIR, file));
      const index = new LiveIndex({ dataDir: t.dataDir, corpusDir: t.corpusDir, embeddings: null, logger: silentLogger });
      const m = await evaluateRedFlags(await index.get(), cases);
      const floor = RED_FLAG_FLOORS[name];
      expect(floor, `add floors for the set ${name}`).toBeDefined();
      expect(m.emergencyRecall).toBeGreaterThanOrEqual(floor.emergency);
      expect(m.emergencyEscalatedOrChecked).toBeGreaterThanOrEqual(floor.escalatedOrAsked);
      expect(m.urgentRecall).toBeGreaterThanOrEqual(floor.urgent);
      expect(m.falseEscalationRate).toBeLessThanOrEqual(floor.falseMax);
      expect(m.checkOnNoneRate).toBeLessThanOrEqual(floor.checkOnNoneMax);
    });
  }

  for (const [name, file] of Object.entries(CRISIS_SETS)) {
    it(`${name} (distress): thoughts of suicide caught or asked, idioms left alone, at their floors`, async () => {
      const cases = await readJsonl<CrisisCase>(path.join(EVAL_DIR, file));
      const index = new LiveIndex({ dataDir: t.dataDir, corpusDir: t.corpusDir, embeddings: null, logger: silentLogger });
      const m = await evaluateCrisis(await index.get(), cases);
      const floor = CRISIS_FLOORS[name];
      expect(floor, `add floors for the set ${name}`).toBeDefined();
      expect(m.crisisCaught).toBeGreaterThanOrEqual(floor.caught);
      expect(m.crisisCaughtOrAsked).toBeGreaterThanOrEqual(floor.caughtOrAsked);
      expect(m.askAskedOrCaught).toBeGreaterThanOrEqual(floor.ask);
      expect(m.noneFalseCrisis).toBeLessThanOrEqual(floor.falseMax);
      expect(m.noneAsked).toBeLessThanOrEqual(floor.askedOnNoneMax);
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
