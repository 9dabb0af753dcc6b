import { readFile } from "node:fs/promises";
import path from "node:path";
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import { LumbarError } from "../core/errors.ts";
import type { EscalationTier } from "../core/types.ts";
import { normalizeText, words } from "../text/normalize.ts";
import { RED_FLAGS_LANGUAGES_FILE } from "../corpus/load-corpus.ts";
import { parseLanguages, type LanguageLexicon } from "./languages.ts";
import { compilePattern, PatternError, type CompiledPattern } from "./pattern.ts";
import { readYamlData } from "./yaml-data.ts";

export interface RedFlagRule {
  id: string;
  tier: EscalationTier;
  /** Plain words for what the person described, for alerts and the audit log. */
  says: string;
  reference: string;
  /** True for rules where the past is the point (a history of cancer). */
  allowHistory: boolean;
  patterns: CompiledPattern[];
  /** Patterns that, overlapping a match, cancel it ("fell asleep" is not a fall). */
  unless: CompiledPattern[];
  /** Patterns that cancel every match in their clause (an innocent cause: "after leg day at the gym"). */
  unlessClause: CompiledPattern[];
  /** Patterns that, anywhere in the match's clause, make it a check question instead (a likely innocent cause). */
  doubtClause: CompiledPattern[];
  /** Patterns that, all of them somewhere in the message and none denied, make it a check question instead (a pattern told over several sentences). */
  doubtMessage: CompiledPattern[];
  /** Patterns of which one must also match, happening now, somewhere in the message (major trauma AND leg numbness). */
  and: CompiledPattern[];
  /** Near misses that ask the safety check question instead of escalating. */
  check: CompiledPattern[];
  /** The rule's own check question; the file's general one when empty. */
  checkQuestion: string;
  /** The one-tap answers to the rule's own question (yes first, no last); the file's general ones when empty. */
  checkOptions: string[];
  /**
   * What the person is told when the rule escalates, instead of its tier's text; empty for the tier's.
   * A concern that is not a spinal sign (thoughts of suicide) needs its own words and its own help lines.
   */
  guidance: string;
  /**
   * What later replies in the same conversation repeat after the rule escalated; empty for the
   * general "earlier you told me..." line. The help lines after thoughts of suicide, not the
   * emergency numbers for a spinal sign.
   */
  reminder: string;
  /** Harm told as recent is not undone by "I'm fine now" (an overdose feels fine for a day). */
  recentStays: boolean;
  /**
   * Near misses asked about even when put as a general question ("what's the lethal dose of
   * pregabalin", "what are painless ways to die"): for these the question itself is the concern,
   * not a definition to answer. Asked with the check question, never escalated at once.
   */
  askedInQuestions: CompiledPattern[];
  /** Two of the rule's near misses in different clauses escalate as the rule itself. */
  checksAddUp: boolean;
  /** Wetting or soiling by a young child is not a spinal sign. */
  childrenExempt: ChildrenExempt;
  /** The `and` part may be quoted: a clinician's words repeated, not a term asked about. */
  andQuoted: boolean;
  /** The `and` part must be in the match's own sentence ("my foot drags, worse each day"), not anywhere in the message. */
  andInSentence: boolean;
  /** Example messages for the semantic back-up. */
  exemplars: string[];
}

/**
 * A young child's sign is not a spinal one: always (a toddler's wetting), or unless the child's own
 * back is spoken of ("our little one's got a temp and his back's killing him" is the child's).
 */
export type ChildrenExempt = boolean | "unless-their-back";

/** ConText trigger lexicons (see the `context` section of corpus/red-flags.yml), as word lists. */
export interface ContextLexicon {
  terminators: string[][];
  negationBefore: string[][];
  negationAfter: string[][];
  negationAdjacent: string[][];
  pseudo: string[][];
  uncertainBefore: string[][];
  hypotheticalBefore: string[][];
  /** Beliefs, fears and study ("convinced it is", "reading about"): suppose only within their own comma stretch. */
  beliefBefore: string[][];
  hypotheticalAfter: string[][];
  historyBefore: string[][];
  historyAfter: string[][];
  childSubject: string[][];
  animalSubject: string[][];
  animalCue: string[][];
  relativePast: string[][];
  familyRisk: string[][];
  atEase: string[][];
  persisting: string[][];
  /** A joke taken back ("jk", "only joking"): withdraws what its sentence said before it. */
  retraction: string[][];
  careRecipient: string[][];
  baselineAfter: string[][];
  careTask: string[][];
}

/** Context lists a rules file may leave out (they were added later; without them the check behaves as before). */
const OPTIONAL_CONTEXT = new Set(["persisting", "belief_before", "retraction"]);

const CONTEXT_KEYS: Record<keyof ContextLexicon, string> = {
  terminators: "terminators",
  negationBefore: "negation_before",
  negationAfter: "negation_after",
  negationAdjacent: "negation_adjacent",
  pseudo: "pseudo",
  uncertainBefore: "uncertain_before",
  hypotheticalBefore: "hypothetical_before",
  beliefBefore: "belief_before",
  hypotheticalAfter: "hypothetical_after",
  historyBefore: "history_before",
  historyAfter: "history_after",
  childSubject: "child_subject",
  animalSubject: "animal_subject",
  animalCue: "animal_cue",
  relativePast: "relative_past",
  familyRisk: "family_risk",
  atEase: "at_ease",
  persisting: "persisting",
  retraction: "retraction",
  careRecipient: "care_recipient",
  baselineAfter: "baseline_after",
  careTask: "care_task",
};

export interface RuleSet {
  file: string;
  guidance: {
    emergency: string;
    urgent: string;
    informational: string;
    checkQuestion: string;
    checkOptions: string[];
    /** The article section that says when to get care: cited under the emergency guidance, when the corpus has it. */
    careSection?: string;
  };
  rules: RedFlagRule[];
  context: ContextLexicon;
  /** Every concept with its lexicon groups, for review and for the lexicon report. */
  concepts: Map<string, Array<{ why: string; terms: string[][] }>>;
  /** Every word the rules use, for spelling correction of messages. */
  vocabulary: Set<string>;
  /**
   * Words only the rules with guidance of their own use (thoughts of suicide: "a rope", "pills",
   * "goodbye"): known to spelling correction, but not evidence that a question is about back pain.
   * (The context triggers' words stay domain: the domain gate was tuned with them known.)
   */
  notDomain: Set<string>;
  /** The emergency lexicon for messages mostly in another language; null when the folder has no languages file. */
  languages: LanguageLexicon | null;
}

/**
 * Loads the rules file and, when the same folder has one, the other languages' lexicon
 * (red-flags-languages.yml): an index version built before that file existed loads as it did.
 */
export async function loadRules(file: string): Promise<RuleSet> {
  const source = await readFile(file, "utf8").catch((err) => {
    throw LumbarError.fromError("RULES_INVALID", `cannot read the red-flag rules file ${file}`, err);
  });
  const languagesFile = path.join(path.dirname(file), RED_FLAGS_LANGUAGES_FILE);
  const languages = await readFile(languagesFile, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw LumbarError.fromError("RULES_INVALID", `cannot read the red-flag languages file ${languagesFile}`, err);
  });
  return parseRules(source, file, languages === null ? undefined : { source: languages, file: languagesFile });
}

/** Every key a rule may have: a misspelt one would silently drop a safety behaviour. */
const RULE_KEYS = new Set(["id", "tier", "says", "reference", "allow_history", "patterns", "unless", "unless_clause", "and", "and_in_sentence", "and_quoted", "doubt_clause", "doubt_message", "check", "check_question", "check_options", "guidance", "reminder", "recent_stays", "asked_in_questions", "checks_add_up", "children_exempt", "exemplars"]);

/** Parses and validates the rules file (and the languages file, if given); every problem names the file and line. */
export function parseRules(source: string, file: string, languagesSource?: { source: string; file: string }): RuleSet {
  const { root, fail, text, list } = readYamlData(source, file, "expected a mapping with guidance, terms and rules");

  const vocabulary = new Set<string>();
  const guidanceNode = root.get("guidance", true);
  if (!isMap(guidanceNode)) return fail(root, "'guidance' must map emergency, urgent and informational to text");
  const guidance = {
    emergency: text(guidanceNode, "emergency"),
    urgent: text(guidanceNode, "urgent"),
    informational: text(guidanceNode, "informational"),
    checkQuestion: text(guidanceNode, "check_question"),
    checkOptions: list(guidanceNode, "check_options", true).map((o) => o.value),
    careSection: text(guidanceNode, "care_section", false) || undefined,
  };
  if (guidance.checkOptions.length < 2) fail(guidanceNode.get("check_options", true) as Node, "'check_options' needs a yes option first and a no option last");

  // A concept or context list is a list of groups, each with a one-line `why` and its `terms`.
  const groupsOf = (owner: string, value: unknown, keyNode: Node): Array<{ why: string; terms: string[][]; otherSubject: boolean }> => {
    if (!isSeq(value) || value.items.length === 0) return fail(keyNode, `'${owner}' needs a list of groups, each with 'why' and 'terms'`);
    return value.items.map((g) => {
      if (!isMap(g)) return fail(g as Node, `each group of '${owner}' must have 'why' and 'terms'`);
      const why = text(g, "why");
      const terms = list(g, "terms", true).map(({ value: v, node }) => {
        const ws = words(normalizeText(v));
        if (ws.length === 0) fail(node, `empty term in '${owner}'`);
        ws.forEach((w) => vocabulary.add(w));
        return ws;
      });
      const other = g.get("other_subject");
      if (other !== undefined && typeof other !== "boolean") fail(g.get("other_subject", true) as Node, "other_subject must be true or false");
      return { why, terms, otherSubject: other === true };
    });
  };

  const conceptsNode = root.get("concepts", true);
  if (!isMap(conceptsNode)) return fail(root, "'concepts' must map concept names to groups of terms");
  const concepts = new Map<string, Array<{ why: string; terms: string[][] }>>();
  const terms = new Map<string, string[][]>();
  /** Per concept, the terms of its groups not marked `other_subject`; and the words of those that are. */
  const ordinaryTerms = new Map<string, string[][]>();
  const otherSubject = new Set<string>();
  for (const pair of conceptsNode.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!/^[a-z0-9_]+$/.test(name)) fail(pair.key as Node, `concept '${name}' must be lowercase letters, digits and _`);
    const groups = groupsOf(name, pair.value, pair.key as Node);
    concepts.set(name, groups);
    terms.set(name, withArticleDropped(groups.flatMap((g) => g.terms)));
    ordinaryTerms.set(name, groups.filter((g) => !g.otherSubject).flatMap((g) => g.terms));
    for (const g of groups) if (g.otherSubject) for (const t of g.terms) t.forEach((w) => otherSubject.add(w));
  }

  // Words of rules about something else than the spine, and words the spinal rules use (which stay).
  const offDomain = new Set<string>();
  const spinal = new Set<string>();
  const contextNode = root.get("context", true);
  if (!isMap(contextNode)) return fail(root, "'context' must map trigger kinds to groups of terms");
  const context = {} as ContextLexicon;
  for (const [key, yamlKey] of Object.entries(CONTEXT_KEYS) as Array<[keyof ContextLexicon, string]>) {
    const n = contextNode.get(yamlKey, true) as Node | undefined;
    // A list added after rules files were written may be left out: it then holds nothing.
    if (n === undefined && OPTIONAL_CONTEXT.has(yamlKey)) {
      context[key] = [];
      continue;
    }
    if (n === undefined) return fail(contextNode, `'context' needs '${yamlKey}'`);
    const pair = contextNode.items.find((p) => isScalar(p.key) && p.key.value === yamlKey)!;
    // Not for the past: "in the past" without its "the" is "in past 2 days", which is now.
    const terms = groupsOf(yamlKey, n, pair.key as Node).flatMap((g) => g.terms);
    context[key] = yamlKey.startsWith("history") || yamlKey.startsWith("baseline") ? terms : withArticleDropped(terms);
    // The context lists are everyday language (times, denials, people): a word they use stays the
    // domain's whatever a rule with guidance of its own does with it ("sunday", "summer").
    for (const t of terms) for (const w of t) spinal.add(w);
  }

  const rulesNode = root.get("rules", true);
  if (!isSeq(rulesNode) || rulesNode.items.length === 0) return fail(root, "'rules' must be a non-empty list");
  const ids = new Set<string>();
  const rules: RedFlagRule[] = rulesNode.items.map((item) => {
    if (!isMap(item)) return fail(item as Node, "each rule must be a mapping");
    // A misspelt key ("and_in_sentance") would silently drop a safety behaviour: every key is known.
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!RULE_KEYS.has(key)) fail(pair.key as Node, `unknown rule key '${key}' (use ${[...RULE_KEYS].join(", ")})`);
    }
    const id = text(item, "id");
    if (!/^[a-z0-9-]+$/.test(id)) fail(item.get("id", true) as Node, `rule id '${id}' must be lowercase letters, digits and -`);
    if (ids.has(id)) fail(item.get("id", true) as Node, `rule id '${id}' is used twice`);
    ids.add(id);
    const tier = text(item, "tier");
    if (tier !== "emergency" && tier !== "urgent") fail(item.get("tier", true) as Node, `tier must be emergency or urgent, found '${tier}'`);
    const compile = (entries: Array<{ value: string; node: Node }>) =>
      entries.map(({ value, node }) => {
        try {
          const p = compilePattern(normalizeText(value), terms);
          for (const el of p.elements) if (el.kind === "phrases") el.phrases.flat().forEach((w) => vocabulary.add(w.replace(/\*$/, "")));
          return p;
        } catch (err) {
          if (err instanceof PatternError) return fail(node, err.message);
          throw err;
        }
      });
    const flag = (map: YAMLMap, key: string): boolean => {
      const v = map.get(key);
      if (v !== undefined && typeof v !== "boolean") fail(map.get(key, true) as Node, `${key} must be true or false`);
      return v === true;
    };
    const allowHistory = flag(item, "allow_history");
    const childrenExempt = (map: YAMLMap): ChildrenExempt => {
      const v = map.get("children_exempt");
      if (v === undefined || v === false) return false;
      if (v === true) return true;
      if (v === "unless_their_back") return "unless-their-back";
      return fail(map.get("children_exempt", true) as Node, "children_exempt must be true, false or unless_their_back");
    };
    const ruleCheckOptions = (map: YAMLMap): string[] => {
      const options = list(map, "check_options", false).map((o) => o.value);
      if (options.length === 1) fail(map.get("check_options", true) as Node, "'check_options' needs a yes option first and a no option last");
      if (options.length > 0 && !map.has("check_question")) fail(map.get("check_options", true) as Node, "'check_options' needs the rule's own 'check_question'");
      return options;
    };
    for (const needsAnd of ["and_in_sentence", "and_quoted"]) {
      if (item.has(needsAnd) && !item.has("and")) fail(item.get(needsAnd, true) as Node, `${needsAnd} needs an 'and:' list to apply to`);
    }
    return {
      id,
      tier: tier as EscalationTier,
      says: text(item, "says"),
      reference: text(item, "reference"),
      allowHistory,
      patterns: compile(list(item, "patterns", true)),
      unless: compile(list(item, "unless", false)),
      unlessClause: compile(list(item, "unless_clause", false)),
      and: compile(list(item, "and", false)),
      doubtClause: compile(list(item, "doubt_clause", false)),
      doubtMessage: compile(list(item, "doubt_message", false)),
      check: compile(list(item, "check", false)),
      checkQuestion: text(item, "check_question", false),
      checkOptions: ruleCheckOptions(item),
      guidance: text(item, "guidance", false),
      reminder: text(item, "reminder", false),
      recentStays: flag(item, "recent_stays"),
      askedInQuestions: compile(list(item, "asked_in_questions", false)),
      checksAddUp: flag(item, "checks_add_up"),
      childrenExempt: childrenExempt(item),
      andQuoted: flag(item, "and_quoted"),
      andInSentence: flag(item, "and_in_sentence"),
      exemplars: list(item, "exemplars", false).map((e) => e.value),
    };
  });
  // A rule with guidance of its own is about something else than the spine: its words are not the
  // articles' subject. A word a spinal rule also uses stays domain.
  for (const [k, item] of rulesNode.items.entries()) {
    const target = rules[k].guidance ? offDomain : spinal;
    // A group marked `other_subject` names what a sign is not (a cough worse at night, a bike chain
    // that slips, a cancer charity): its words must not make a question about a cough or a bike chain
    // look like one about backs, whichever rule uses them.
    const groupTerms = target === spinal ? ordinaryTerms : terms;
    for (const pair of (item as YAMLMap).items) {
      const v = pair.value;
      if (!isSeq(v)) continue;
      for (const e of v.items) {
        const src = isScalar(e) ? String(e.value) : "";
        for (const part of normalizeText(src).split(/\s+/)) {
          const group = /^\{([a-z0-9_|]+)\}$/.exec(part);
          if (group) for (const name of group[1].split("|")) for (const t of groupTerms.get(name) ?? []) t.forEach((w) => target.add(w));
          else if (/^[a-z0-9]+\*?$/.test(part)) target.add(part.replace(/\*$/, ""));
        }
      }
    }
  }
  const notDomain = new Set([...offDomain, ...otherSubject].filter((w) => !spinal.has(w)));
  // The languages file composes its concepts into these rules' emergencies, so it is read against them.
  const emergencies = new Set(rules.filter((r) => r.tier === "emergency").map((r) => r.id));
  const languages = languagesSource ? parseLanguages(languagesSource.source, languagesSource.file, emergencies, vocabulary) : null;
  return { file, guidance, rules, vocabulary, notDomain, context, concepts, languages };
}

/**
 * Every term also without a "the" inside it ("read on the internet" as "read on internet", "middle of
 * the back" as "middle of back"): many speakers of languages without articles leave it out, and a
 * lexicon should not need each phrase twice. Only inside a term: "the er" needs its "the".
 */
export function withArticleDropped(terms: string[][]): string[][] {
  const out = [...terms];
  const seen = new Set(terms.map((t) => t.join(" ")));
  for (const t of terms) {
    const inner = t.findIndex((w, i) => w === "the" && i > 0 && i < t.length - 1);
    if (inner < 0) continue;
    const dropped = t.filter((w, i) => !(w === "the" && i > 0 && i < t.length - 1));
    const key = dropped.join(" ");
    if (!seen.has(key)) {
      seen.add(key);
      out.push(dropped);
    }
  }
  return out;
}

