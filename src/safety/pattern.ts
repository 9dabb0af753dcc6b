import { stem } from "../text/normalize.ts";

/**
 * The small pattern language of corpus/red-flags.yml, compiled to word matchers:
 * `{group}` any phrase of a term group, `~`/`~N` a gap of up to 6/N words, `word*` a prefix.
 */
export type Element = { kind: "phrases"; phrases: string[][] } | { kind: "gap"; max: number; crossClause?: boolean };

export interface CompiledPattern {
  source: string;
  elements: Element[];
}

export class PatternError extends Error {}

export function compilePattern(source: string, terms: Map<string, string[][]>): CompiledPattern {
  const elements: Element[] = [];
  const parts = source.trim().split(/\s+/);
  let literal: string[] = [];
  const pushLiteral = () => {
    if (literal.length > 0) elements.push({ kind: "phrases", phrases: [literal] });
    literal = [];
  };
  for (const part of parts) {
    if (part === "~~") {
      pushLiteral();
      if (elements.length === 0) throw new PatternError(`'${source}' cannot start with ~~`);
      elements.push({ kind: "gap", max: 12, crossClause: true });
      continue;
    }
    const gap = /^~(\d)?$/.exec(part);
    if (gap) {
      pushLiteral();
      if (elements.length === 0) throw new PatternError(`'${source}' cannot start with ~`);
      elements.push({ kind: "gap", max: gap[1] === undefined ? 6 : Number(gap[1]) });
      continue;
    }
    const group = /^\{([a-z0-9_|]+)\}$/.exec(part);
    if (group) {
      pushLiteral();
      const phrases = group[1].split("|").flatMap((name) => {
        const p = terms.get(name);
        if (!p) throw new PatternError(`unknown concept {${name}} in '${source}'`);
        return p;
      });
      elements.push({ kind: "phrases", phrases });
      continue;
    }
    if (!/^[a-z0-9]+\*?$/.test(part)) throw new PatternError(`'${part}' in '${source}' is not a lowercase word, {group}, ~ or word*`);
    literal.push(part);
  }
  pushLiteral();
  if (elements.length === 0 || elements[elements.length - 1].kind === "gap") throw new PatternError(`'${source}' must end with a word or {group}`);
  return { source, elements };
}

/** A word of the message as matching sees it: the (spell-fixed) word and its clause. */
export interface Token {
  word: string;
  stem: string;
  /** The age a number gave, for a word rewritten to "under16" or "over50". */
  age?: number;
  /** The age was written glued to its unit ("9yo"). */
  gluedAge?: boolean;
  clause: number;
  sentence: number;
  /** The sentence ends with a question mark. */
  question?: boolean;
  /** Index of the comma-separated stretch the word is in: "I wet myself, is that normal?" has two. */
  segment?: number;
  /** Inside quotation marks: a mention of the words, not a report. */
  quoted?: boolean;
  /** First word of a clause opened by a new subject ("... so I ..."). */
  newSubject?: boolean;
  /** First word of a clause that "and" opened with a new subject ("... for an hour and my foot went dead"). */
  andSubject?: boolean;
  /** First word of a statement after a comma, a pronoun and its verb ("..., it's getting worse"): a denial before it stops there. */
  statement?: boolean;
}

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
  /** Positions inside the span that a ~ gap skipped: they are context, not part of the symptom. */
  gaps?: number[];
}

/** Stems of the rules' own words, computed once: matching asks for them for every word of a message. */
const ruleStems = new Map<string, string>();
function stemOf(word: string): string {
  let s = ruleStems.get(word);
  if (s === undefined) ruleStems.set(word, (s = stem(word)));
  return s;
}

function wordMatches(token: Token, want: string): boolean {
  if (want.endsWith("*")) return token.word.startsWith(want.slice(0, -1));
  if (token.word === want) return true;
  return want.length >= 4 && token.word.length >= 4 && token.stem === stemOf(want);
}

function phraseAt(tokens: Token[], at: number, phrase: string[], clause: number): number {
  for (let k = 0; k < phrase.length; k++) {
    const t = tokens[at + k];
    if (!t || t.clause !== clause || !wordMatches(t, phrase[k])) return -1;
  }
  return at + phrase.length;
}

interface PhraseIndex {
  byWord: Map<string, string[][]>;
  byStem: Map<string, string[][]>;
  wildcard: string[][];
  /** The answer for a word and stem already seen. */
  memo: Map<string, string[][]>;
}

const indexes = new WeakMap<Element, PhraseIndex>();

/**
 * The phrases of an element that could start at this word, looked up by the word and its stem:
 * without it a long message costs words x patterns x phrases.
 */
function candidates(e: Extract<Element, { kind: "phrases" }>, token: Token): string[][] {
  let ix = indexes.get(e);
  if (!ix) {
    ix = { byWord: new Map(), byStem: new Map(), wildcard: [], memo: new Map() };
    for (const p of e.phrases) {
      const w = p[0];
      if (w.endsWith("*")) {
        ix.wildcard.push(p);
        continue;
      }
      ix.byWord.set(w, [...(ix.byWord.get(w) ?? []), p]);
      if (w.length >= 4) ix.byStem.set(stemOf(w), [...(ix.byStem.get(stemOf(w)) ?? []), p]);
    }
    indexes.set(e, ix);
  }
  // The stem is a function of the word, so the word alone keys the answer.
  const key = token.word;
  const known = ix.memo.get(key);
  if (known) return known;
  const out = [...(ix.byWord.get(token.word) ?? []), ...ix.wildcard];
  if (token.word.length >= 4) for (const p of ix.byStem.get(token.stem) ?? []) if (!out.includes(p)) out.push(p);
  if (ix.memo.size < 10_000) ix.memo.set(key, out);
  return out;
}

interface FirstWords {
  words: Set<string>;
  stems: Set<string>;
  wildcard: boolean;
}

const firsts = new WeakMap<Element, FirstWords>();

/** The words (and stems) a phrase element can start with. */
function firstWordsOf(e: Element): FirstWords {
  let f = firsts.get(e);
  if (!f) {
    const phrases = e.kind === "phrases" ? e.phrases : [];
    f = { words: new Set(), stems: new Set(), wildcard: e.kind !== "phrases" };
    for (const p of phrases) {
      if (p[0].endsWith("*")) f.wildcard = true;
      f.words.add(p[0]);
      if (p[0].length >= 4) f.stems.add(stemOf(p[0]));
    }
    firsts.set(e, f);
  }
  return f;
}

/** The words (and stems) a pattern can start with. */
function firstWords(pattern: CompiledPattern): FirstWords {
  return firstWordsOf(pattern.elements[0]);
}

/** The element may start at this word: two set lookups spare building its candidate list. */
function mayStart(e: Element, token: Token): boolean {
  const f = firstWordsOf(e);
  return f.wildcard || f.words.has(token.word) || (token.word.length >= 4 && f.stems.has(token.stem));
}

/** Every span where the pattern matches inside one clause. */
export function matchPattern(pattern: CompiledPattern, tokens: Token[]): Span[] {
  return [...iteratePattern(pattern, tokens)];
}

/**
 * The spans where the pattern matches, found lazily from the start of the message: a rule stops at
 * its first mention happening now, so a long message is not matched to its end for nothing.
 */
export function* iteratePattern(pattern: CompiledPattern, tokens: Token[]): Generator<Span> {
  const spans: Span[] = [];
  // The words each gap skipped, as a chain of runs: turned into a list only for a whole match.
  type Skipped = { from: number; count: number; before: Skipped | null } | null;
  const listOf = (skipped: Skipped): number[] => {
    const runs: Array<{ from: number; count: number }> = [];
    for (let r = skipped; r; r = r.before) runs.unshift(r);
    return runs.flatMap((r) => Array.from({ length: r.count }, (_, k) => r.from + k));
  };
  const walk = (el: number, at: number, start: number, clause: number, gaps: Skipped): void => {
    if (el === pattern.elements.length) {
      spans.push(gaps ? { start, end: at, gaps: listOf(gaps) } : { start, end: at });
      return;
    }
    const e = pattern.elements[el];
    if (e.kind === "gap") {
      for (let g = 0; g <= e.max; g++) {
        const skipped = tokens[at + g - 1];
        if (g > 0 && (!skipped || (e.crossClause ? skipped.sentence !== tokens[start].sentence || (skipped.newSubject === true && skipped.clause !== clause) : skipped.clause !== clause))) break;
        // After a clause-crossing gap, the rest of the pattern lives in the clause it reached.
        const next = e.crossClause && tokens[at + g] ? tokens[at + g].clause : clause;
        walk(el + 1, at + g, start, next, g === 0 ? gaps : { from: at, count: g, before: gaps });
      }
      return;
    }
    const first = tokens[at];
    if (!first || !mayStart(e, first)) return;
    for (const phrase of candidates(e, first)) {
      const end = phraseAt(tokens, at, phrase, clause);
      if (end >= 0) walk(el + 1, end, start, clause, gaps);
    }
  };
  for (const i of startsOf(pattern, tokens)) {
    walk(0, i, i, tokens[i].clause, null);
    if (spans.length === 0) continue;
    yield* spans.splice(0);
  }
}

/** Where each word and stem of a message occurs, and its distinct words by their first letters (for prefixes). */
interface WordIndex {
  byWord: Map<string, number[]>;
  byStem: Map<string, number[]>;
  /** The one word of the message with this stem, or null when several share it. */
  stemWord: Map<string, string | null>;
  /**
   * The message's distinct words by their first two letters (shorter words under themselves), made
   * when a prefix (word*) is first looked for: sorting every distinct word of a long message of
   * words never seen cost more than all the prefix look-ups.
   */
  byFirstTwo: Map<string, string[]> | null;
  /** Start positions already found, by the first words and stems asked for (patterns share concept groups). */
  starts: Map<string, number[]>;
}

const wordIndexes = new WeakMap<Token[], WordIndex>();

function wordIndexOf(tokens: Token[]): WordIndex {
  let ix = wordIndexes.get(tokens);
  if (!ix) {
    ix = { byWord: new Map(), byStem: new Map(), stemWord: new Map(), byFirstTwo: null, starts: new Map() };
    tokens.forEach((t, i) => {
      const at = ix!.byWord.get(t.word);
      if (at) at.push(i);
      else ix!.byWord.set(t.word, [i]);
      // Stems match only between words of four letters or more (see wordMatches).
      if (t.word.length >= 4) {
        const as = ix!.byStem.get(t.stem);
        if (as) {
          as.push(i);
          if (ix!.stemWord.get(t.stem) !== t.word) ix!.stemWord.set(t.stem, null);
        } else {
          ix!.byStem.set(t.stem, [i]);
          ix!.stemWord.set(t.stem, t.word);
        }
      }
    });
    wordIndexes.set(tokens, ix);
  }
  return ix;
}

/**
 * The positions where the pattern can start, ascending: those of its first words, of their stems,
 * and of the message's words that begin with one of its prefixes. Looked up in an index of the
 * message built once, so the cost is in the number of such places, not patterns x words.
 */
function startsOf(pattern: CompiledPattern, tokens: Token[]): number[] {
  const ix = wordIndexOf(tokens);
  const first = firstWords(pattern);
  if (pattern.elements[0].kind !== "phrases") return tokens.map((_, i) => i);
  const key = `${[...first.words].join(" ")}\u0000${[...first.stems].join(" ")}`;
  let starts = ix.starts.get(key);
  if (!starts) ix.starts.set(key, (starts = findStarts(first, ix)));
  return starts;
}

function findStarts(first: FirstWords, ix: WordIndex): number[] {
  const lists: number[][] = [];
  for (const w of first.words) {
    if (w.endsWith("*")) {
      for (const word of wordsStartingWith(ix, w.slice(0, -1))) lists.push(ix.byWord.get(word)!);
    } else {
      const at = ix.byWord.get(w);
      if (at) lists.push(at);
    }
  }
  for (const s of first.stems) {
    const at = ix.byStem.get(s);
    // A stem only one word of the message has, that word already listed, adds no place.
    const only = ix.stemWord.get(s);
    if (at && !(only && first.words.has(only))) lists.push(at);
  }
  if (lists.length === 1) return lists[0];
  // A word's own list and its stem's list often hold the same places: sorted once, without repeats.
  let total = 0;
  for (const list of lists) total += list.length;
  const all = new Int32Array(total);
  let k = 0;
  for (const list of lists) for (const p of list) all[k++] = p;
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return out;
}

/** The message's distinct words that start with `prefix` (the order does not matter: findStarts sorts places). */
function wordsStartingWith(ix: WordIndex, prefix: string): string[] {
  if (!ix.byFirstTwo) {
    ix.byFirstTwo = new Map();
    for (const word of ix.byWord.keys()) {
      const key = word.slice(0, 2);
      const bucket = ix.byFirstTwo.get(key);
      if (bucket) bucket.push(word);
      else ix.byFirstTwo.set(key, [word]);
    }
  }
  if (prefix.length >= 2) return (ix.byFirstTwo.get(prefix.slice(0, 2)) ?? []).filter((word) => word.startsWith(prefix));
  return [...ix.byWord.keys()].filter((word) => word.startsWith(prefix));
}
