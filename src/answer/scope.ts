import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { DataFileError, LumbarError } from "../core/errors.ts";
import type { Retrieval } from "../retrieve/hybrid-retriever.ts";
import { normalizeText } from "../text/normalize.ts";

/** Kinds of question the corpus does not answer (corpus/scope.yml). */
export interface ScopeRules {
  notCovered: Array<{ kind: string; pattern: RegExp }>;
  /** Other health topics: out of scope unless the question is also about a topic the corpus covers. */
  otherTopics: RegExp | null;
}

export async function loadScope(file: string): Promise<ScopeRules> {
  const source = await readFile(file, "utf8").catch((err) => {
    throw LumbarError.fromError("CORPUS_INVALID", `cannot read the scope file ${file}`, err);
  });
  return parseScope(source, file);
}

export function parseScope(source: string, file: string): ScopeRules {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc });
  const fail = (node: Node | null | undefined, problem: string): never => {
    throw new DataFileError("CORPUS_INVALID", file, node?.range ? lc.linePos(node.range[0]).line : 1, problem);
  };
  if (doc.errors.length > 0) throw new DataFileError("CORPUS_INVALID", file, doc.errors[0].linePos?.[0].line ?? 1, doc.errors[0].message.split("\n")[0]);
  const root = doc.contents;
  const list = isMap(root) ? root.get("not_covered", true) : undefined;
  if (!isSeq(list)) return fail(root, "expected 'not_covered:' with a list of {kind, pattern}");
  const otherNode = isMap(root) ? (root.get("other_topics", true) as Node | undefined) : undefined;
  let otherTopics: RegExp | null = null;
  if (otherNode !== undefined) {
    if (!isScalar(otherNode) || typeof otherNode.value !== "string") return fail(otherNode, "'other_topics' must be a regular expression as text");
    try {
      otherTopics = new RegExp(otherNode.value, "i");
    } catch (err) {
      return fail(otherNode, `invalid regular expression: ${(err as Error).message}`);
    }
  }
  return {
    otherTopics,
    notCovered: list.items.map((item) => {
      if (!isMap(item)) return fail(item as Node, "each entry needs 'kind' and 'pattern'");
      const kind = item.get("kind");
      const patternNode = item.get("pattern", true) as Node | undefined;
      if (typeof kind !== "string" || kind.trim() === "") return fail(item, "'kind' must be non-empty text");
      if (!isScalar(patternNode) || typeof patternNode.value !== "string") return fail(item, "'pattern' must be text");
      try {
        return { kind, pattern: new RegExp(patternNode.value, "i") };
      } catch (err) {
        return fail(patternNode, `invalid regular expression: ${(err as Error).message}`);
      }
    }),
  };
}

/** Lexicon concepts that say what kind of question it is, not what it is about. */
const INTENT_CONCEPTS = new Set(["treatment", "cause", "symptom", "quick", "risk", "overview", "summary", "recommended", "hope", "not_enough"]);

/** Concepts that make a question about back pain spreading to the legs, whatever else it mentions. */
const CORE_TOPICS = new Set([
  "back_pain", "leg_pain", "lower_back", "spine", "sciatica", "herniated_disc", "nerve_pressure", "stenosis",
  "spondylolisthesis", "piriformis", "degeneration", "arthritis", "inflammatory", "buttock", "leg",
]);

export interface ScopeDecision {
  outOfScope: boolean;
  /** Why, for logs and tests: "no-topic", "not-covered:<kind>", "unknown-name:<word>" or "in-scope". */
  reason: string;
}

/**
 * Decides whether the corpus covers a question. Out of scope when the question names nothing the
 * corpus is about (no topic concept and no distinctive corpus word), or asks a kind of question the
 * corpus never answers (cost, recovery time, doses...), or names something the corpus and the
 * dictionary do not know (a drug, a place, a brand).
 */
export function decideScope(
  text: string,
  retrieval: Retrieval,
  scope: ScopeRules,
  vocabulary: { isDistinctive(stem: string): boolean; isUnknownName(word: string): boolean },
): ScopeDecision {
  const normalized = normalizeText(text);
  for (const rule of scope.notCovered) if (rule.pattern.test(normalized)) return { outOfScope: true, reason: `not-covered:${rule.kind}` };
  if (retrieval.passages.length === 0) return { outOfScope: true, reason: "no-topic" };
  const topics = retrieval.analysis.concepts.filter((c) => !INTENT_CONCEPTS.has(c));
  const distinctive = retrieval.analysis.residual.filter((s) => vocabulary.isDistinctive(s));
  if (topics.length === 0 && distinctive.length === 0) return { outOfScope: true, reason: "no-topic" };
  const other = scope.otherTopics?.exec(normalized);
  if (other && !topics.some((c) => CORE_TOPICS.has(c))) return { outOfScope: true, reason: `other-topic:${other[0]}` };
  const name = retrieval.searchedText.split(" ").find((w) => vocabulary.isUnknownName(w));
  if (name) return { outOfScope: true, reason: `unknown-name:${name}` };
  return { outOfScope: false, reason: "in-scope" };
}
