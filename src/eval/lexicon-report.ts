import { tokenize } from "../safety/context.ts";
import { matchPattern, type CompiledPattern } from "../safety/pattern.ts";
import type { RuleSet } from "../safety/rules.ts";

/** One lexicon entry of corpus/red-flags.yml and how many evaluation messages contain it. */
export interface LexiconEntryUse {
  concept: string;
  why: string;
  term: string;
  messages: number;
}

export interface LexiconReport {
  concepts: number;
  /** Entries of the concept lexicons. */
  entries: number;
  /** Entries of the context (ConText trigger) lexicons. */
  contextEntries: number;
  rules: number;
  patterns: number;
  /** Entries found in at most one evaluation message: each must have a general rationale, or go. */
  rare: LexiconEntryUse[];
  uses: LexiconEntryUse[];
}

/**
 * How often each concept entry appears in the evaluation messages, matched as the rules match it
 * (the same tokens, spelling correction and stems). It is how a reviewer finds entries that exist
 * for one message: those are defects unless their rationale is general.
 */
export function lexiconReport(rules: RuleSet, texts: string[], correct: (w: string) => string = (w) => w): LexiconReport {
  const tokenized = texts.map((t) => tokenize(t, correct, rules.context.terminators));
  const uses: LexiconEntryUse[] = [];
  for (const [concept, groups] of rules.concepts) {
    for (const g of groups) {
      for (const term of g.terms) {
        const pattern: CompiledPattern = { source: term.join(" "), elements: [{ kind: "phrases", phrases: [term] }] };
        const messages = tokenized.filter((tokens) => matchPattern(pattern, tokens).length > 0).length;
        uses.push({ concept, why: g.why, term: term.join(" "), messages });
      }
    }
  }
  return {
    concepts: rules.concepts.size,
    entries: uses.length,
    contextEntries: Object.values(rules.context).reduce((n, list) => n + list.length, 0),
    rules: rules.rules.length,
    patterns: rules.rules.reduce((n, r) => n + r.patterns.length + r.and.length + r.check.length + r.unless.length + r.unlessClause.length, 0),
    rare: uses.filter((u) => u.messages <= 1),
    uses,
  };
}
