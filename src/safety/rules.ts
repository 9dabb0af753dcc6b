import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from "yaml";
import { DataFileError, LumbarError } from "../core/errors.ts";
import type { EscalationTier } from "../core/types.ts";
import { normalizeText, words } from "../text/normalize.ts";
import { compilePattern, PatternError, type CompiledPattern } from "./pattern.ts";

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
  /** Example messages for the semantic back-up. */
  exemplars: string[];
}

export interface RuleSet {
  file: string;
  guidance: { emergency: string; urgent: string; informational: string };
  rules: RedFlagRule[];
  /** Every word the rules use, for spelling correction of messages. */
  vocabulary: Set<string>;
}

export async function loadRules(file: string): Promise<RuleSet> {
  const source = await readFile(file, "utf8").catch((err) => {
    throw LumbarError.fromError("RULES_INVALID", `cannot read the red-flag rules file ${file}`, err);
  });
  return parseRules(source, file);
}

/** Parses and validates the rules file; every problem names the file and line. */
export function parseRules(source: string, file: string): RuleSet {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc });
  const fail = (node: Node | null | undefined, problem: string): never => {
    const line = node?.range ? lc.linePos(node.range[0]).line : 1;
    throw new DataFileError("RULES_INVALID", file, line, problem);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new DataFileError("RULES_INVALID", file, e.linePos?.[0].line ?? 1, e.message.split("\n")[0]);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, "expected a mapping with guidance, terms and rules");

  const text = (map: YAMLMap, key: string, required = true): string => {
    const n = map.get(key, true) as Node | undefined;
    if (n === undefined && !required) return "";
    if (!isScalar(n) || typeof n.value !== "string" || n.value.trim() === "") return fail(n ?? map, `'${key}' must be non-empty text`);
    return n.value.trim();
  };
  const list = (map: YAMLMap, key: string, required: boolean): Array<{ value: string; node: Node }> => {
    const n = map.get(key, true) as Node | undefined;
    if (n === undefined && !required) return [];
    if (!isSeq(n) || n.items.length === 0) return fail(n ?? map, `'${key}' must be a non-empty list`);
    return n.items.map((item) => {
      if (!isScalar(item) || String(item.value).trim() === "") return fail(item as Node, `items of '${key}' must be non-empty text`);
      return { value: String(item.value).trim(), node: item as Node };
    });
  };

  const guidanceNode = root.get("guidance", true);
  if (!isMap(guidanceNode)) return fail(root, "'guidance' must map emergency, urgent and informational to text");
  const guidance = {
    emergency: text(guidanceNode, "emergency"),
    urgent: text(guidanceNode, "urgent"),
    informational: text(guidanceNode, "informational"),
  };

  const vocabulary = new Set<string>();
  const termsNode = root.get("terms", true);
  if (!isMap(termsNode)) return fail(root, "'terms' must map group names to lists of phrases");
  const terms = new Map<string, string[][]>();
  for (const pair of termsNode.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!/^[a-z0-9_]+$/.test(name)) fail(pair.key as Node, `term group '${name}' must be lowercase letters, digits and _`);
    if (!isSeq(pair.value) || pair.value.items.length === 0) fail(pair.key as Node, `term group '${name}' needs a non-empty list`);
    const phrases = (pair.value as { items: unknown[] }).items.map((i) => {
      const ws = words(normalizeText(String(isScalar(i) ? i.value : "")));
      if (ws.length === 0) fail(i as Node, `empty phrase in term group '${name}'`);
      ws.forEach((w) => vocabulary.add(w));
      return ws;
    });
    terms.set(name, phrases);
  }

  const rulesNode = root.get("rules", true);
  if (!isSeq(rulesNode) || rulesNode.items.length === 0) return fail(root, "'rules' must be a non-empty list");
  const ids = new Set<string>();
  const rules: RedFlagRule[] = rulesNode.items.map((item) => {
    if (!isMap(item)) return fail(item as Node, "each rule must be a mapping");
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
    const allowHistory = item.get("allow_history");
    if (allowHistory !== undefined && typeof allowHistory !== "boolean") fail(item.get("allow_history", true) as Node, "allow_history must be true or false");
    return {
      id,
      tier: tier as EscalationTier,
      says: text(item, "says"),
      reference: text(item, "reference"),
      allowHistory: allowHistory === true,
      patterns: compile(list(item, "patterns", true)),
      unless: compile(list(item, "unless", false)),
      unlessClause: compile(list(item, "unless_clause", false)),
      exemplars: list(item, "exemplars", false).map((e) => e.value),
    };
  });
  return { file, guidance, rules, vocabulary };
}
