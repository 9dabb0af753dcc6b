import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from "yaml";
import { DataFileError } from "../core/errors.ts";

/**
 * A red-flag data file (the rules, the other languages' lexicon) opened for reading, with the
 * readers both use: every problem names the file and the line, as a clinician editing it needs.
 */
export interface YamlData {
  root: YAMLMap;
  fail(node: Node | null | undefined, problem: string): never;
  /** A non-empty text value; "" when absent and not required. */
  text(map: YAMLMap, key: string, required?: boolean): string;
  /** A non-empty list of non-empty text items, each with its node for later errors; [] when absent and not required. */
  list(map: YAMLMap, key: string, required: boolean): Array<{ value: string; node: Node }>;
}

/** Parses a data file whose top level must be a mapping (`rootProblem` says what it should hold). */
export function readYamlData(source: string, file: string, rootProblem: string): YamlData {
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
  if (!isMap(root)) return fail(root, rootProblem);
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
  return { root, fail, text, list };
}
