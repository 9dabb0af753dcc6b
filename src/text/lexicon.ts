import { readFile } from "node:fs/promises";
import { parseDocument, LineCounter, isMap, isSeq, isScalar } from "yaml";
import { DataFileError, LumbarError } from "../core/errors.ts";
import { inflectionStem, normalizeText, words } from "./normalize.ts";

/**
 * What a concept says about a question:
 * - `topic`: a condition, body part or symptom the corpus is about; evidence on its own;
 * - `treatment`: a treatment the corpus describes; evidence on its own, but not about another body
 *   part (physio for a frozen shoulder is still a shoulder question);
 * - `context`: an activity or circumstance the articles discuss only in relation to a topic
 *   (sitting, lifting, drinks, age); evidence only alongside a topic or an earlier turn's topic;
 * - `intent`: how the question is asked (cause, treatment, quick); never evidence.
 */
export type ConceptKind = "topic" | "treatment" | "context" | "intent";

/** Lay phrases grouped by concept ("slipped disc" and "herniated disc" are one concept). */
export interface Lexicon {
  /** concept id -> the phrases that express it, as written in the data file. */
  concepts: Map<string, string[]>;
  /** concept id -> its kind; concepts not listed under `kinds:` are topics. */
  kinds: Map<string, ConceptKind>;
  /**
   * Phrases in which a body word means something else ("back garden", "leg room"): their words are
   * evidence of nothing, neither a concept nor a topic word.
   */
  otherSenses?: string[];
  /**
   * Words that name the body but have everyday senses too ("the spine of a book", "brake discs"), and
   * the concepts that are everyday life rather than health (sitting, age): see corpus/lay-terms.yml.
   */
  everydaySenses?: { words: string[]; notHealth: string[]; healthWords: string[] };
  /** Concepts people describe rather than name (see {@link DescribedConcept}). */
  described?: DescribedConcept[];
}

/**
 * A concept present when a message describes it: a word (or phrase) of every group within a short
 * stretch, two of them close together. "He can only walk to the end of the road before his legs
 * cramp, then he sits on the wall and he's fine again" describes spinal stenosis without naming it:
 * walking, the legs, sitting, and relief close to the sitting.
 */
export interface DescribedConcept {
  concept: string;
  /** Each group's phrases, as written in the data file. */
  groups: string[][];
  /** The most words from the first to the last group's word. */
  window: number;
  /** Two groups (by index) whose words must be at most `within` words apart ("sits ... fine again"). */
  near?: { groups: [number, number]; within: number };
  /** Two groups (by index): a word of the first must come before a word of the second (walking, then sitting). */
  before?: [number, number];
}

/** Loads corpus/lay-terms.yml; a malformed file fails with its path and line. */
export async function loadLexicon(path: string): Promise<Lexicon> {
  const source = await readFile(path, "utf8").catch((err) => {
    throw LumbarError.fromError("CORPUS_INVALID", `cannot read the lay-terms file ${path}`, err);
  });
  return parseLexicon(source, path);
}

export function parseLexicon(source: string, path: string): Lexicon {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new DataFileError("CORPUS_INVALID", path, e.linePos?.[0].line ?? 1, e.message.split("\n")[0]);
  }
  const root = doc.contents;
  const concepts = isMap(root) ? root.get("concepts", true) : undefined;
  if (!isMap(concepts)) throw new DataFileError("CORPUS_INVALID", path, 1, "expected a top-level 'concepts:' mapping");
  const out = new Map<string, string[]>();
  for (const pair of concepts.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const line = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : 1;
    if (!/^[a-z0-9_]+$/.test(key)) throw new DataFileError("CORPUS_INVALID", path, line, `concept id '${key}' must be lowercase letters, digits and _`);
    if (!isSeq(pair.value) || pair.value.items.length === 0) throw new DataFileError("CORPUS_INVALID", path, line, `concept '${key}' needs a non-empty list of phrases`);
    out.set(key, pair.value.items.map((i) => String(isScalar(i) ? i.value : "")).filter((p) => p.trim().length > 0));
  }
  const otherSenses = phraseList(isMap(root) ? root.get("other_senses", true) : undefined, "'other_senses:' must be a list of phrases", lines, path);
  const notAsked = phraseList(isMap(root) ? root.get("not_asked", true) : undefined, "'not_asked:' must be a list of phrases", lines, path);
  return {
    concepts: out,
    kinds: parseKinds(isMap(root) ? root.get("kinds", true) : undefined, out, lines, path),
    // Phrases that say what is not being asked about count as nothing, like a body word's other senses.
    otherSenses: [...otherSenses, ...notAsked],
    everydaySenses: parseEverydaySenses(isMap(root) ? root.get("everyday_senses", true) : undefined, out, lines, path),
    described: parseDescribed(isMap(root) ? root.get("described", true) : undefined, out, lines, path),
  };
}

function parseDescribed(node: unknown, concepts: Map<string, string[]>, lines: LineCounter, path: string): DescribedConcept[] {
  if (node === undefined) return [];
  if (!isSeq(node)) throw new DataFileError("CORPUS_INVALID", path, lineOf(node, lines), "'described:' must be a list of described concepts");
  return node.items.map((item) => {
    const at = lineOf(item, lines);
    if (!isMap(item)) throw new DataFileError("CORPUS_INVALID", path, at, "each described concept needs 'concept:', 'why:', 'window:' and 'groups:'");
    const known = new Set(["concept", "why", "window", "groups", "near", "before"]);
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!known.has(key)) throw new DataFileError("CORPUS_INVALID", path, lineOf(pair.key, lines), `unknown key '${key}' in a described concept (use ${[...known].join(", ")})`);
    }
    const concept = String(item.get("concept") ?? "");
    if (!concepts.has(concept)) throw new DataFileError("CORPUS_INVALID", path, at, `described concept '${concept}' is not a concept`);
    if (!String(item.get("why") ?? "").trim()) throw new DataFileError("CORPUS_INVALID", path, at, `described concept '${concept}' needs a 'why:' saying what pattern it describes`);
    const window = Number(item.get("window"));
    if (!Number.isInteger(window) || window < 2) throw new DataFileError("CORPUS_INVALID", path, at, `described concept '${concept}' needs a whole-number 'window:' of 2 or more`);
    const groupsNode = item.get("groups", true);
    if (!isSeq(groupsNode) || groupsNode.items.length < 2) throw new DataFileError("CORPUS_INVALID", path, lineOf(groupsNode ?? item, lines), `described concept '${concept}' needs two or more 'groups:' of phrases`);
    const groups = groupsNode.items.map((g) => {
      const list = phraseList(g, `a group of described concept '${concept}' must be a list of phrases`, lines, path);
      if (list.length === 0) throw new DataFileError("CORPUS_INVALID", path, lineOf(g, lines), `a group of described concept '${concept}' is empty`);
      return list;
    });
    const nearNode = item.get("near", true);
    let near: DescribedConcept["near"];
    if (nearNode !== undefined) {
      const pair = isMap(nearNode) ? (nearNode.toJSON() as { groups?: unknown; within?: unknown }) : {};
      const g = pair.groups;
      const within = Number(pair.within);
      const valid = Array.isArray(g) && g.length === 2 && g[0] !== g[1] && g.every((i) => Number.isInteger(i) && i >= 0 && i < groups.length) && Number.isInteger(within) && within >= 1 && within <= window;
      if (!valid) throw new DataFileError("CORPUS_INVALID", path, lineOf(nearNode, lines), `'near:' of described concept '${concept}' needs 'groups: [i, j]' (two different group numbers from 0) and a whole-number 'within:' no larger than 'window:'`);
      near = { groups: [g[0] as number, g[1] as number], within };
    }
    const beforeNode = item.get("before", true);
    let before: DescribedConcept["before"];
    if (beforeNode !== undefined) {
      const b = isSeq(beforeNode) ? (beforeNode.toJSON() as unknown[]) : [];
      if (b.length !== 2 || !b.every((i) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < groups.length)) {
        throw new DataFileError("CORPUS_INVALID", path, lineOf(beforeNode, lines), `'before:' of described concept '${concept}' needs two group numbers, [i, j], from 0`);
      }
      before = [b[0] as number, b[1] as number];
    }
    return { concept, groups, window, near, before };
  });
}

function parseEverydaySenses(node: unknown, concepts: Map<string, string[]>, lines: LineCounter, path: string): Lexicon["everydaySenses"] {
  if (node === undefined) return undefined;
  if (!isMap(node)) throw new DataFileError("CORPUS_INVALID", path, lineOf(node, lines), "'everyday_senses:' must have 'words:', 'not_health:' and 'health_words:' lists");
  const list = (key: string) => phraseList(node.get(key, true), `'everyday_senses.${key}' must be a list`, lines, path);
  const notHealth = list("not_health");
  for (const id of notHealth) if (!concepts.has(id)) throw new DataFileError("CORPUS_INVALID", path, lineOf(node.get("not_health", true), lines), `'everyday_senses.not_health' lists '${id}', which is not a concept`);
  return { words: list("words"), notHealth, healthWords: list("health_words") };
}

/** The line a YAML node starts on, for errors that name file and line (1 when the node has no range). */
function lineOf(n: unknown, lines: LineCounter): number {
  return n && typeof n === "object" && "range" in n && Array.isArray(n.range) ? lines.linePos(n.range[0] as number).line : 1;
}

/** An optional list of phrases: none when absent, the non-empty items when a list, an error naming the line otherwise. */
function phraseList(node: unknown, problem: string, lines: LineCounter, path: string): string[] {
  if (node === undefined) return [];
  if (!isSeq(node)) throw new DataFileError("CORPUS_INVALID", path, lineOf(node, lines), problem);
  return node.items.map((i) => String(isScalar(i) ? i.value : "")).filter((p) => p.trim().length > 0);
}

function parseKinds(node: unknown, concepts: Map<string, string[]>, lines: LineCounter, path: string): Map<string, ConceptKind> {
  const kinds = new Map<string, ConceptKind>();
  for (const id of concepts.keys()) kinds.set(id, "topic");
  if (node === undefined) return kinds;
  if (!isMap(node)) throw new DataFileError("CORPUS_INVALID", path, lineOf(node, lines), "'kinds:' must map treatment/context/intent to lists of concept ids");
  for (const pair of node.items) {
    const kind = isScalar(pair.key) ? String(pair.key.value) : "";
    if (kind !== "treatment" && kind !== "context" && kind !== "intent") {
      throw new DataFileError("CORPUS_INVALID", path, lineOf(pair.key, lines), `unknown kind '${kind}' (use treatment, context or intent; topics need no listing)`);
    }
    if (!isSeq(pair.value)) throw new DataFileError("CORPUS_INVALID", path, lineOf(pair.key, lines), `kind '${kind}' needs a list of concept ids`);
    for (const item of pair.value.items) {
      const id = isScalar(item) ? String(item.value) : "";
      if (!concepts.has(id)) throw new DataFileError("CORPUS_INVALID", path, lineOf(item, lines), `kind '${kind}' lists '${id}', which is not a concept`);
      kinds.set(id, kind);
    }
  }
  return kinds;
}

/** Where a concept phrase was found: word positions [start, end) and the concepts it expresses. */
export interface ConceptSpan {
  start: number;
  end: number;
  concepts: string[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  concepts: string[];
}

/** Determiners and possessives that may open an other-sense phrase ("the back door", "my back garden"). */
const SENSE_LEADS = ["my", "the", "your", "our", "his", "her", "their", "a", "in", "at"];

/** Finds concept phrases in a word sequence, matching on inflection stems so plurals and -ing forms still count. */
const OBJECT_PRONOUNS = new Set(["him", "her", "them", "it", "me", "us", "you"]);
/** Auxiliaries of a passive or a modal inside a phrase ("the disc can be replaced" is "disc replaced"). */
const AUXILIARIES = new Set(["be", "been", "being", "is", "are", "was", "were", "can", "could", "get", "got", "gets"]);
/** Articles inside a verb phrase ("slip a disc" is "slip disc"). */
const ARTICLES = new Set(["a", "an", "the"]);

/** The concept id under which other-sense phrases sit in the trie; it is matched, then dropped. */
const OTHER_SENSE = "\u0000other-sense";

export class ConceptMatcher {
  private readonly root: TrieNode = { next: new Map(), concepts: [] };
  /** Every word any phrase uses, for spelling correction. */
  readonly words = new Set<string>();
  /** Kind of each concept (topic, context or intent). */
  readonly kinds: ReadonlyMap<string, ConceptKind>;
  /** Inflection stems of the body words with everyday senses ("spine", "disc"). */
  readonly everydayWords: ReadonlySet<string>;
  /** Concepts that are everyday life rather than health ("sitting", "age"). */
  readonly notHealth: ReadonlySet<string>;
  /** Words that speak of health though no concept holds them ("disease", "seized"). */
  readonly healthWords: ReadonlySet<string>;
  /** Described concepts, their groups as phrases of inflection stems. */
  private readonly described: Array<Omit<DescribedConcept, "groups"> & { groups: string[][][] }>;

  constructor(lexicon: Lexicon) {
    this.kinds = lexicon.kinds ?? new Map();
    this.everydayWords = new Set((lexicon.everydaySenses?.words ?? []).map((w) => inflectionStem(normalizeText(w).trim())));
    this.notHealth = new Set(lexicon.everydaySenses?.notHealth ?? []);
    // Matched on inflection stems, like the everyday words, so "scans" is "scan".
    this.healthWords = new Set((lexicon.everydaySenses?.healthWords ?? []).map((w) => inflectionStem(normalizeText(w).trim())));
    for (const [id, phrases] of lexicon.concepts) {
      for (const phrase of phrases) {
        const ws = words(normalizeText(phrase));
        if (ws.length === 0) continue;
        ws.forEach((w) => this.words.add(w));
        const node = this.nodeFor(ws.map(inflectionStem));
        if (!node.concepts.includes(id)) node.concepts.push(id);
      }
    }
    this.addOtherSenses(lexicon.otherSenses ?? []);
    this.described = (lexicon.described ?? []).map((d) => ({
      ...d,
      groups: d.groups.map((g) => g.map((phrase) => words(normalizeText(phrase)).map(inflectionStem)).filter((ws) => ws.length > 0)),
    }));
    for (const d of lexicon.described ?? []) for (const g of d.groups) for (const phrase of g) words(normalizeText(phrase)).forEach((w) => this.words.add(w));
  }

  /**
   * Described concepts in the stems: a word of each group within the window, the `near` pair within
   * its distance. Positions are gathered once and searched by binary search, so a long message
   * costs about its length.
   */
  private describedIn(stems: string[]): ConceptSpan[] {
    const spans: ConceptSpan[] = [];
    for (const d of this.described) {
      const at = d.groups.map((g) => positionsOf(stems, g));
      if (at.some((p) => p.length === 0)) continue;
      const [a, b] = d.near?.groups ?? [0, 1];
      const within = d.near?.within ?? d.window;
      let found: ConceptSpan | null = null;
      for (const x of at[a]) {
        const y = nearest(at[b], x);
        if (Math.abs(y - x) > within) continue;
        let lo = Math.min(x, y);
        let hi = Math.max(x, y);
        for (const [k, p] of at.entries()) {
          if (k === a || k === b) continue;
          const z = nearest(p, (lo + hi) / 2);
          lo = Math.min(lo, z);
          hi = Math.max(hi, z);
        }
        const ordered = !d.before || at[d.before[0]].some((p) => p >= lo - d.window && p < (d.before![1] === a ? x : d.before![1] === b ? y : hi));
        if (hi - lo <= d.window && ordered) {
          found = { start: lo, end: hi + 1, concepts: [d.concept] };
          break;
        }
      }
      if (found) spans.push(found);
    }
    return spans;
  }

  private addOtherSenses(phrases: string[]): void {
    for (const phrase of phrases) {
      const ws = words(normalizeText(phrase)).map(inflectionStem);
      if (ws.length < 2) continue;
      // Each start of a sense phrase is also tried one word earlier, after a determiner or possessive
      // ("my back garden"), so the body phrase "my back" cannot claim its first word.
      for (const lead of ["", ...SENSE_LEADS]) {
        const node = this.nodeFor(lead ? [lead, ...ws] : ws);
        // A phrase that is already a concept ("back issues") keeps its meaning.
        if (node.concepts.length === 0) node.concepts = [OTHER_SENSE];
      }
    }
  }

  /** The trie node at the end of a phrase of stems, made on the way where missing. */
  private nodeFor(stems: string[]): TrieNode {
    let node = this.root;
    for (const w of stems) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map(), concepts: [] };
        node.next.set(w, child);
      }
      node = child;
    }
    return node;
  }

  /** The kind of a concept; unknown ids count as topics, as unlisted concepts do. */
  kindOf(concept: string): ConceptKind {
    return this.kinds.get(concept) ?? "topic";
  }

  /** Concept ids found in the stems, once per occurrence (longest phrase wins at each start). */
  match(stems: string[]): string[] {
    return this.matchWithPositions(stems).concepts;
  }

  /** Like {@link match}, also telling which word positions the matched phrases used. */
  matchWithPositions(stems: string[]): { concepts: string[]; used: Set<number>; spans: ConceptSpan[] } {
    const found: string[] = [];
    const used = new Set<number>();
    const spans: ConceptSpan[] = [];
    for (let i = 0; i < stems.length; i++) {
      let node: TrieNode | undefined = this.root;
      let best: string[] = [];
      let bestEnd = i;
      for (let j = i; j < stems.length && node; j++) {
        const next: TrieNode | undefined = node.next.get(stems[j]);
        // People put the object inside a phrasal verb ("get him seen", "ease it off"): the phrase
        // still means what it says without it.
        if (!next && j > i && (OBJECT_PRONOUNS.has(stems[j]) || AUXILIARIES.has(stems[j]) || ARTICLES.has(stems[j]))) continue;
        node = next;
        if (node && node.concepts.length > 0) {
          best = node.concepts;
          bestEnd = j;
        }
      }
      if (best.length > 0) {
        // An other-sense phrase uses its words up and says nothing.
        if (best[0] !== OTHER_SENSE) {
          found.push(...best);
          spans.push({ start: i, end: bestEnd + 1, concepts: best });
        }
        for (let k = i; k <= bestEnd; k++) used.add(k);
        i = bestEnd;
      }
    }
    // A described concept adds its meaning and uses no word up: the words still say what they say.
    // It has no span either: no phrase of the message names it.
    for (const span of this.described.length > 0 ? this.describedIn(stems) : []) found.push(...span.concepts);
    return { concepts: found, used, spans };
  }
}

/** Start positions of any of the phrases in the stems, in order. */
function positionsOf(stems: string[], phrases: string[][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < stems.length; i++) if (phrases.some((ph) => ph.every((w, k) => stems[i + k] === w))) out.push(i);
  return out;
}

/** The position in a sorted, non-empty list closest to `x`. */
function nearest(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(sorted[lo - 1] - x) <= Math.abs(sorted[lo] - x) ? sorted[lo - 1] : sorted[lo];
}
