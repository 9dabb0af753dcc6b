import { franc } from "franc-min";
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { readYamlData } from "./yaml-data.ts";

/**
 * The red-flag lexicon for messages written mostly in another language (corpus/red-flags-languages.yml).
 *
 * The English rules (corpus/red-flags.yml) cannot read "no siento nada entre las piernas" or "aaj
 * subah se peshab nahi aa raha": such a message used to get only the safety check question. This
 * lexicon gives, per language, the words for a few general concepts (urine, cannot, control, numb,
 * the saddle area, legs...), and the file's `compose` list says which concepts, found together in
 * one sentence, report which existing emergency rule. A composition is not a report when a denial
 * cue stands next to it ("no tengo problemas para orinar") or a hypothetical or general question
 * frames its sentence ("¿cuáles son los signos de...?"). What this cannot decide is left as before:
 * the check question.
 *
 * Matching, for a reviewer: letters are folded to plain a-z (accents dropped, ł→l, ß→ss, ı→i), so
 * "drętwienie" and "dretwienie" are one word; a term's words match whole words, or any word that
 * starts with them when they end in `*` ("orin*": orinar, orino, orinando); `~N` between two words
 * allows up to N other words (N = 1-3). That prefix is the only stemming, the same for every
 * language; a term's first word needs at least three letters before its `*`, a later one two. All
 * languages are matched at once, since a message mixes languages ("papa ko back pain hai aur peshab
 * nahi aa raha") and a short one is often guessed wrong; but a cue judges only a composition whose
 * terms are mostly of its own language.
 */

/** One compiled term: words (a trailing `*` is a prefix) and gaps. */
type Item = { kind: "word"; text: string; prefix: boolean } | { kind: "gap"; max: number };

interface Term {
  lang: string;
  /** A concept name, or one of the cue kinds. */
  name: string;
  items: Item[];
}

/** Kinds of cue, which judge a composition rather than make it. */
const CUE_KINDS = ["denial_before", "denial_after", "hypothetical", "history", "terminators"] as const;
type CueKind = (typeof CUE_KINDS)[number];
const isCueKind = (name: string): name is CueKind => (CUE_KINDS as readonly string[]).includes(name);

export interface Composition {
  rule: string;
  why: string;
  all: string[];
  unless: string[];
  /** The most words from the first concept's first word to the last concept's last word. */
  within: number;
}

export interface LanguageInfo {
  code: string;
  name: string;
  /** franc-min's codes for the language, to pick the guidance line of a mixed message. */
  franc: string[];
  /** One short line of the emergency guidance in the language, or "" when none is given. */
  guidance: string;
}

export interface LanguageLexicon {
  file: string;
  languages: Map<string, LanguageInfo>;
  compositions: Composition[];
  /** Every concept and cue, with its groups, for review. */
  groups: Array<{ lang: string; name: string; why: string; terms: string[] }>;
  /** Terms by their first word (exact) and by the first three letters of a prefix first word. */
  byWord: Map<string, Term[]>;
  byPrefix: Map<string, Term[]>;
  /** Words that end a clause (a cue's scope), in any of the languages ("pero", "aber", "lekin"). */
  terminators: Set<string>;
  /** Every word the English rules use: a composition of these alone is theirs to judge. */
  englishRuleWords: Set<string>;
}

/** A denial cue denies a composition only this close to it: "no tengo fiebre y no puedo orinar" denies the fever. */
const CUE_DISTANCE = 1;
/** How many combinations of matches one sentence may try for one composition (a pasted wall of text repeats itself). */
const MAX_TRIES = 2000;
/** How many combinations a whole message may try, over every sentence and composition: a 40 kB paste stays fast. */
const MESSAGE_TRIES = 20_000;
/** How far from a combination its cues and excluding concepts are looked for, in words: a sentence of 5,000 words is not scanned whole per try. */
const CUE_WINDOW = 40;
const MIN_PREFIX = 3;

/** Letters that Unicode does not decompose into a base letter and an accent. */
const UNDECOMPOSED: Record<string, string> = { ł: "l", ß: "ss", ı: "i", ø: "o", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th" };

/** Lowercase plain a-z: accents dropped, and the letters above spelled in a-z. */
export function foldLetters(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[łßıøæœđðþ]/g, (c) => UNDECOMPOSED[c]);
}

/** Parses and validates the languages file; every problem names the file and line. */
export function parseLanguages(source: string, file: string, emergencyRules: Set<string>, englishRuleWords: Set<string>): LanguageLexicon {
  const { root, fail, text, list: names } = readYamlData(source, file, "expected a mapping with compose and languages");

  const composeNode = root.get("compose", true);
  if (!isSeq(composeNode) || composeNode.items.length === 0) return fail((composeNode as Node) ?? root, "'compose' must be a non-empty list");
  const used = new Set<string>();
  const compositions: Composition[] = composeNode.items.map((item) => {
    if (!isMap(item)) return fail(item as Node, "each composition needs rule, why and all");
    const rule = text(item, "rule");
    if (!emergencyRules.has(rule)) fail(item.get("rule", true) as Node, `'${rule}' is not an emergency rule of the red-flag rules file`);
    const concept = ({ value, node }: { value: string; node: Node }) => {
      if (!/^[a-z_]+$/.test(value) || isCueKind(value)) fail(node, `'${value}' is not a concept name`);
      used.add(value);
      return value;
    };
    const withinNode = item.get("within", true) as Node | undefined;
    const within = withinNode === undefined ? 8 : isScalar(withinNode) && Number.isInteger(withinNode.value) && (withinNode.value as number) >= 1 && (withinNode.value as number) <= 20 ? (withinNode.value as number) : fail(withinNode, "'within' must be a whole number of words from 1 to 20");
    return { rule, why: text(item, "why"), all: names(item, "all", true).map(concept), unless: names(item, "unless", false).map(concept), within };
  });

  const languagesNode = root.get("languages", true);
  if (!isMap(languagesNode) || languagesNode.items.length === 0) return fail((languagesNode as Node) ?? root, "'languages' must map language codes to their lexicons");
  const languages = new Map<string, LanguageInfo>();
  const groups: LanguageLexicon["groups"] = [];
  const byWord = new Map<string, Term[]>();
  const byPrefix = new Map<string, Term[]>();
  const terminators = new Set<string>();
  const defined = new Set<string>();
  for (const pair of languagesNode.items) {
    const code = isScalar(pair.key) ? String(pair.key.value) : "";
    const keyNode = pair.key as Node;
    if (!/^[a-z]{2,3}$/.test(code)) fail(keyNode, `language code '${code}' must be two or three lowercase letters`);
    if (languages.has(code)) fail(keyNode, `language '${code}' is listed twice`);
    const lang = pair.value;
    if (!isMap(lang)) return fail(keyNode, `language '${code}' needs name, concepts and cues`);
    const francCodes = names(lang, "franc", false).map((f) => {
      if (!/^[a-z]{3}$/.test(f.value)) fail(f.node, `franc code '${f.value}' must be three lowercase letters`);
      return f.value;
    });
    languages.set(code, { code, name: text(lang, "name"), franc: francCodes, guidance: text(lang, "guidance", false) });
    const conceptsNode = lang.get("concepts", true);
    if (!isMap(conceptsNode)) return fail(keyNode, `language '${code}' needs 'concepts'`);
    const addGroups = (name: string, value: unknown, at: Node) => {
      if (!isSeq(value) || value.items.length === 0) return fail(at, `'${name}' of '${code}' needs a list of groups, each with 'why' and 'terms'`);
      for (const g of value.items) {
        if (!isMap(g)) return fail(g as Node, `each group of '${name}' must have 'why' and 'terms'`);
        const why = text(g, "why");
        const terms = names(g, "terms", true);
        for (const { value: t, node } of terms) {
          const items = compileTerm(t, (problem) => fail(node, problem));
          if (name === "terminators") {
            if (items.length !== 1 || items[0].kind !== "word" || items[0].prefix) fail(node, `a terminator is one whole word, found '${t}'`);
            terminators.add((items[0] as { text: string }).text);
            continue;
          }
          const term: Term = { lang: code, name, items };
          const first = items[0] as { text: string; prefix: boolean };
          const [map, key] = first.prefix ? [byPrefix, first.text.slice(0, MIN_PREFIX)] : [byWord, first.text];
          map.set(key, [...(map.get(key) ?? []), term]);
        }
        groups.push({ lang: code, name, why, terms: terms.map((t) => t.value) });
      }
    };
    for (const c of conceptsNode.items) {
      const name = isScalar(c.key) ? String(c.key.value) : "";
      if (!used.has(name)) fail(c.key as Node, `concept '${name}' is not used by any composition in 'compose'`);
      defined.add(name);
      addGroups(name, c.value, c.key as Node);
    }
    const cuesNode = lang.get("cues", true);
    if (cuesNode !== undefined) {
      if (!isMap(cuesNode)) return fail(cuesNode as Node, `'cues' of '${code}' must map cue kinds to groups`);
      for (const c of cuesNode.items) {
        const kind = isScalar(c.key) ? String(c.key.value) : "";
        if (!isCueKind(kind)) fail(c.key as Node, `cue kind '${kind}' must be one of ${CUE_KINDS.join(", ")}`);
        addGroups(kind, c.value, c.key as Node);
      }
    }
  }
  for (const c of compositions) {
    for (const name of [...c.all, ...c.unless]) {
      if (!defined.has(name)) fail(composeNode.items[compositions.indexOf(c)] as Node, `concept '${name}' is not defined by any language`);
    }
  }
  return { file, languages, compositions, groups, byWord, byPrefix, terminators, englishRuleWords };
}

function compileTerm(source: string, fail: (problem: string) => never): Item[] {
  const items: Item[] = [];
  for (const part of source.trim().split(/\s+/)) {
    const gap = /^~([1-3])$/.exec(part);
    if (gap) {
      if (items.length === 0 || items[items.length - 1].kind === "gap") fail(`'${source}': a gap ~N stands between two words`);
      items.push({ kind: "gap", max: Number(gap[1]) });
      continue;
    }
    if (part.startsWith("~")) fail(`'${source}': a gap is ~1, ~2 or ~3`);
    const prefix = part.endsWith("*");
    // A hyphenated or apostrophised word is several words to the matcher ("ma-control", "l'urina").
    const body = prefix ? part.slice(0, -1) : part;
    const ws = foldLetters(body).match(/[a-z0-9]+/g) ?? [];
    if (ws.length === 0 || /[^\p{L}\p{N}'-]/u.test(body)) fail(`'${part}' in '${source}' is not a word, word* or ~N`);
    ws.forEach((w, k) => {
      const isPrefix = prefix && k === ws.length - 1;
      // A term's first word is looked up by its first three letters; a later one is held in place by the words before it.
      const least = items.length === 0 ? MIN_PREFIX : 2;
      if (isPrefix && w.length < least) fail(`prefix '${part}' in '${source}' needs at least ${least} letters`);
      items.push({ kind: "word", text: w, prefix: isPrefix });
    });
  }
  if (items.length === 0 || items[items.length - 1].kind === "gap") fail(`'${source}' must end with a word`);
  return items;
}

/** A word of the message: where it is, for the scope of cues and compositions. */
interface Word {
  text: string;
  sentence: number;
  /** Clause: a terminator such as "pero", "aber" or "lekin" starts a new one, as does a new sentence. */
  clause: number;
  /** Comma-separated stretch of a clause, the scope of a denial. */
  segment: number;
}

interface Match {
  name: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** The positions of the term's own words: the words a ~N gap skipped belong to no one. */
  at: number[];
  langs: Set<string>;
}

export interface LanguageHit {
  rule: string;
  status: "current" | "negated" | "hypothetical" | "historical";
  /** Word positions in the folded message: [start, end). */
  span: { start: number; end: number };
  /** The language codes whose terms made it. */
  langs: string[];
  /** How many of its terms each of those languages has. */
  votes: Record<string, number>;
}

export interface LanguageReading {
  hits: LanguageHit[];
  /** Rules reported as happening now, in the order of the compositions. */
  current: string[];
  /** The language of the current hits, when one could be named (for the guidance line). */
  language: LanguageInfo | null;
}

function wordsOf(text: string, terminators: Set<string>): Word[] {
  const out: Word[] = [];
  let sentence = 0;
  let clause = 0;
  let segment = 0;
  for (const piece of foldLetters(text).match(/[a-z0-9]+|[.!?;:\n¿¡]+|,/g) ?? []) {
    if (piece === ",") segment++;
    else if (!/^[a-z0-9]/.test(piece)) {
      sentence++;
      clause++;
      segment++;
    } else if (terminators.has(piece)) {
      clause++;
      segment++;
    } else out.push({ text: piece, sentence, clause, segment });
  }
  return out;
}

/** The positions of the term's words where it matches starting at word i, or null; never across a clause. */
function termAt(items: Item[], ws: Word[], i: number): number[] | null {
  // Most words of a long message start no term: the first word is tested before anything is allocated.
  const first = items[0] as Extract<Item, { kind: "word" }>;
  if (first.prefix ? !ws[i].text.startsWith(first.text) : ws[i].text !== first.text) return null;
  const at = [i];
  return items.length === 1 || termFrom(items, ws, i + 1, 1, at) ? at : null;
}

/** Matches items[k..] from word i, adding the positions of its words to `at` (taken back on failure). */
function termFrom(items: Item[], ws: Word[], i: number, k: number, at: number[]): boolean {
  if (k === items.length) return true;
  const item = items[k];
  if (item.kind === "gap") {
    for (let g = 0; g <= item.max; g++) {
      if (g > 0 && ws[i + g - 1]?.clause !== ws[i - 1]?.clause) break;
      if (termFrom(items, ws, i + g, k + 1, at)) return true;
    }
    return false;
  }
  const w = ws[i];
  if (!w || w.clause !== ws[i - 1].clause) return false;
  if (item.prefix ? !w.text.startsWith(item.text) : w.text !== item.text) return false;
  at.push(i);
  if (termFrom(items, ws, i + 1, k + 1, at)) return true;
  at.pop();
  return false;
}

/** Every concept and cue match of the message, each span once with the languages that have it. */
function matchesOf(ws: Word[], lex: LanguageLexicon): Match[] {
  const found = new Map<string, Match>();
  const tryTerms = (terms: Term[] | undefined, i: number) => {
    if (!terms) return;
    for (const t of terms) {
      const at = termAt(t.items, ws, i);
      if (!at) continue;
      const key = `${t.name}:${at.join(",")}`;
      const m = found.get(key);
      if (m) m.langs.add(t.lang);
      else found.set(key, { name: t.name, start: i, end: at[at.length - 1] + 1, at, langs: new Set([t.lang]) });
    }
  };
  ws.forEach((w, i) => {
    tryTerms(lex.byWord.get(w.text), i);
    if (w.text.length >= MIN_PREFIX) tryTerms(lex.byPrefix.get(w.text.slice(0, MIN_PREFIX)), i);
  });
  const all = [...found.values()];
  // A concept word inside a longer match of another concept belongs to that one: "piernas" in
  // "entre las piernas" is the saddle area, not the legs. Cues are judged against concepts below.
  // The concept matches are looked up by the position of their first word, so a long message stays linear.
  const covering = new Map<number, Match[]>();
  for (const o of all) {
    if (isCue(o)) continue;
    for (const p of o.at) {
      const list = covering.get(p);
      if (list) list.push(o);
      else covering.set(p, [o]);
    }
  }
  return all.filter((m) => isCue(m) || !(covering.get(m.at[0]) ?? []).some((o) => o.name !== m.name && o.at.length > m.at.length && m.at.every((p) => o.at.includes(p))));
}

const NO_WORDS: ReadonlySet<string> = new Set();

const isCue = (m: Match) => isCueKind(m.name);

/**
 * Reads a message for the emergency compositions of the languages file. Only called for a message
 * that is mostly not in English or mixes in other languages' function words (see check-red-flags.ts).
 */
export function readOtherLanguages(text: string, lex: LanguageLexicon, judgedInEnglish: ReadonlySet<string> = new Set()): LanguageReading {
  // Words in quotation marks are mentioned, not reported ("what does 'no puedo orinar' mean?"), as
  // in the English rules: single quotes count only as a pair around words (not "don't").
  const ws = wordsOf(withoutQuoted(text), lex.terminators);
  const matches = matchesOf(ws, lex);
  if (matches.length === 0) return { hits: [], current: [], language: null };
  // A composition lives in one clause ("orino bien, pero tengo la pierna dormida" composes nothing);
  // a hypothetical cue may frame it from anywhere in its sentence.
  const bySentence = new Map<number, Match[]>();
  for (const m of matches) {
    const s = ws[m.start].sentence;
    const list = bySentence.get(s);
    if (list) list.push(m);
    else bySentence.set(s, [m]);
  }
  const hits: LanguageHit[] = [];
  const settled = new Set<string>();
  const budget = { tries: MESSAGE_TRIES };
  for (const inSentence of bySentence.values()) {
    if (budget.tries <= 0) break;
    inSentence.sort((a, b) => a.start - b.start);
    const names = new Set(inSentence.map((m) => m.name));
    for (const c of lex.compositions) {
      // One mention happening now settles a rule: a long message is not judged sentence by sentence for it.
      if (settled.has(c.rule) || !c.all.every((n) => names.has(n))) continue;
      const english = judgedInEnglish.has(c.rule) ? lex.englishRuleWords : NO_WORDS;
      const hit = judgeComposition(c, inSentence, ws, english, budget);
      if (!hit) continue;
      hits.push(hit);
      if (hit.status === "current") settled.add(c.rule);
    }
  }
  const currentHits = hits.filter((h) => h.status === "current");
  const current = [...new Set(currentHits.map((h) => h.rule))];
  return { hits, current, language: current.length > 0 ? languageOf(text, currentHits, lex) : null };
}

/** The best status of one composition in one sentence: current if any combination of its concepts is. */
function judgeComposition(c: Composition, inSentence: Match[], ws: Word[], englishRuleWords: ReadonlySet<string>, budget: { tries: number }): LanguageHit | null {
  const options = c.all.map((name) => inSentence.filter((m) => m.name === name));
  if (options.some((o) => o.length === 0)) return null;
  const concepts = inSentence.filter((m) => !isCue(m));
  let best: LanguageHit | null = null;
  let tries = 0;
  const chosen: Match[] = [];
  const walk = (k: number): boolean => {
    if (tries++ > MAX_TRIES || budget.tries-- <= 0) return true;
    if (k === options.length) {
      // Only the matches near the combination can frame or exclude it (both lists are in word order).
      const from = Math.min(...chosen.map((m) => m.start)) - CUE_WINDOW;
      const to = Math.max(...chosen.map((m) => m.end)) + CUE_WINDOW;
      const hit = judgeCombination(c, chosen, near(inSentence, from, to), near(concepts, from, to), ws, englishRuleWords);
      if (hit && (!best || rank(hit.status) > rank(best.status))) best = hit;
      return best?.status === "current";
    }
    for (const m of options[k]) {
      if (chosen.some((o) => shares(o, m) || ws[o.start].clause !== ws[m.start].clause)) continue;
      chosen.push(m);
      const done = extent(chosen) <= c.within && walk(k + 1);
      chosen.pop();
      if (done) return true;
    }
    return false;
  };
  walk(0);
  return best;
}

/** The matches of a list in word order that start within [from, to), found by binary search. */
function near(sorted: Match[], from: number, to: number): Match[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end].start < to) end++;
  return sorted.slice(lo, end);
}

/** How many words the matches stretch over, less the words a term's own ~N gap skipped ("kann seit gestern nicht"). */
function extent(chosen: Match[]): number {
  const start = Math.min(...chosen.map((o) => o.start));
  const end = Math.max(...chosen.map((o) => o.end));
  return end - start - chosen.reduce((n, o) => n + (o.end - o.start - o.at.length), 0);
}

/** Two matches share a word. */
function shares(a: Match, b: Match): boolean {
  return a.at.some((p) => b.at.includes(p));
}

const rank = (s: LanguageHit["status"]) => (s === "current" ? 2 : s === "negated" ? 0 : 1);

function judgeCombination(c: Composition, chosen: Match[], inSentence: Match[], concepts: Match[], ws: Word[], englishRuleWords: ReadonlySet<string>): LanguageHit | null {
  // A combination made only of words the English rules use ("my legs are weak", "what if I can't
  // pee"), of a rule they have already judged in this message, is theirs to judge, with their full
  // context. (A general English word list would not do: "jambes" and "faible" are in it.)
  if (chosen.every((m) => rangeWords(ws, m).every((w) => englishRuleWords.has(w)))) return null;
  const start = Math.min(...chosen.map((m) => m.start));
  const end = Math.max(...chosen.map((m) => m.end));
  const firstSegment = ws[start].segment;
  const lastSegment = ws[end - 1].segment;
  const inScope = (m: Match) => ws[m.start].segment >= firstSegment && ws[m.end - 1].segment <= lastSegment;
  // "no puedo controlar la orina" is a loss of control, not a retention: a concept the composition
  // excludes, in its clauses, cancels it.
  if (inSentence.some((m) => c.unless.includes(m.name) && inScope(m))) return null;
  const span = { start, end };
  const langs = [...new Set(chosen.flatMap((m) => [...m.langs]))];
  const votes: Record<string, number> = {};
  for (const m of chosen) for (const l of m.langs) votes[l] = (votes[l] ?? 0) + 1;
  // The composition's language: the one (or those) most of its terms are from ("nu pot să urinez"
  // is Romanian, though "urinez" also starts French, Italian and Portuguese words).
  const most = Math.max(...Object.values(votes));
  const own = langs.filter((l) => votes[l] === most);
  // A cue inside a concept's words is part of that concept ("no tengo sensibilidad", "sin darme
  // cuenta"); and a cue judges only a composition in its own language: Hindi "se" (since) is not
  // Portuguese "se" (if), nor Romanian "și" (and) Spanish "si".
  const free = (m: Match) => !concepts.some((o) => shares(o, m)) && own.some((l) => m.langs.has(l));
  const denied = inSentence.some((m) => {
    if (!free(m)) return false;
    if (m.name === "denial_before") {
      const next = chosen.filter((o) => o.start >= m.end).reduce((a, o) => Math.min(a, o.start), Infinity);
      return next - m.end <= CUE_DISTANCE && ws[m.end - 1].segment === ws[next].segment;
    }
    if (m.name === "denial_after") {
      const prev = chosen.filter((o) => o.end <= m.start).reduce((a, o) => Math.max(a, o.end), -Infinity);
      return m.start - prev <= CUE_DISTANCE && ws[m.start].segment === ws[prev - 1].segment;
    }
    return false;
  });
  if (denied) return { rule: c.rule, status: "negated", span, langs, votes };
  // A hypothetical or general question frames the whole sentence ("¿cuáles son los signos de...?",
  // "what happens if..."), except a one-word cue ("si", "if", "agar", "olursa"), which reaches only
  // the comma stretches of the composition: "Sí, no puedo orinar" answers yes.
  const framed = (kind: string) => inSentence.some((m) => m.name === kind && free(m) && (m.at.length > 1 || inScope(m)));
  if (framed("hypothetical")) return { rule: c.rule, status: "hypothetical", span, langs, votes };
  // The past or a resolution frames its sentence the same way ("hace años no podía orinar, ahora estoy bien").
  if (framed("history")) return { rule: c.rule, status: "historical", span, langs, votes };
  return { rule: c.rule, status: "current", span, langs, votes };
}

function rangeWords(ws: Word[], m: Match): string[] {
  return m.at.map((p) => ws[p].text);
}

/**
 * The language the guidance line is given in: the one most of the hits' terms are from ("no puedo
 * controlar la orina" shares "control" with Portuguese), the trigram guess breaking a tie.
 */
function languageOf(text: string, hits: LanguageHit[], lex: LanguageLexicon): LanguageInfo | null {
  const votes = new Map<string, number>();
  for (const h of hits) for (const [l, n] of Object.entries(h.votes)) votes.set(l, (votes.get(l) ?? 0) + n);
  const most = Math.max(...votes.values());
  const tied = [...votes].filter(([, n]) => n === most).map(([l]) => lex.languages.get(l)!);
  if (tied.length === 1) return tied[0];
  const only = tied.flatMap((l) => l.franc);
  const guess = only.length > 0 ? franc(text.slice(0, 4000), { minLength: 3, only }) : "und";
  return tied.find((l) => l.franc.includes(guess)) ?? tied[0] ?? null;
}

/** The text with quoted stretches blanked: "..." and “...”, and '...' only as a pair around words. */
function withoutQuoted(text: string): string {
  return text
    .slice(0, 400_000)
    .replace(/["“”][^"“”\n]{1,300}["“”]/g, " ")
    .replace(/(?<![\p{L}\p{N}])['‘’]([\p{L}][^'‘’\n]{0,300}?[\p{L}])['‘’](?![\p{L}\p{N}])/gu, " ");
}
