import { expandChatForms } from "./chat-speak.ts";
import { doubleMetaphone } from "double-metaphone";
import { editDistance, typoBudget } from "./edit-distance.ts";
import { lowerBound } from "./lower-bound.ts";
import { isEnglishWord } from "./english-words.ts";
import { wordFrequencies } from "./word-frequency.ts";
import { ConceptMatcher, type ConceptKind, type ConceptSpan } from "./lexicon.ts";
import { inflectionStem, normalizeText, stem, STOPWORDS, words } from "./normalize.ts";

/** What retrieval compares: content stems and the lay concepts they express. */
export interface Analysis {
  /** Stems of content words (stopwords removed), in order. */
  stems: string[];
  /** Concept ids from the lay lexicon, e.g. "herniated_disc". */
  concepts: string[];
  /** Content stems not part of any concept phrase: with `concepts`, the text with synonyms merged. */
  residual: string[];
  /** The words analysed, in order (stopwords included), and where each concept phrase sits in them. */
  words: string[];
  spans: ConceptSpan[];
}

/**
 * Analyzes text the same way for documents and queries. Queries also get spelling correction
 * against the words the corpus and lexicon know, since people type fast on phones.
 */
export class Analyzer {
  private readonly known: Set<string>;
  private readonly cache = new Map<string, string | null>();
  /** Known words of four letters or more reachable by up to two deletions, built on first need (see {@link correct}). */
  private deletions: DeletionIndex | null = null;
  private candidateWords: string[] = [];

  constructor(
    private readonly concepts: ConceptMatcher,
    knownWords: Iterable<string> = [],
  ) {
    this.known = new Set([...knownWords, ...concepts.words, ...STOPWORDS]);
  }

  /** Analyzes text as written; callers respell queries first with {@link correctText}. */
  analyze(text: string): Analysis {
    const raw = words(normalizeText(text));
    const allStems = raw.map(stem);
    const { concepts, used, spans } = this.concepts.matchWithPositions(raw.map(inflectionStem));
    const stems: string[] = [];
    const residual: string[] = [];
    raw.forEach((w, i) => {
      if (STOPWORDS.has(w)) return;
      stems.push(allStems[i]);
      if (!used.has(i)) residual.push(allStems[i]);
    });
    return { stems, concepts, residual, words: raw, spans };
  }

  /**
   * The text as words, chat forms written out ("wat" -> "what"), a term dictated in pieces joined
   * ("steno sis", "lamb in ectomy", "sigh attica"), then each unknown typo respelled.
   */
  correctText(text: string): string {
    return particleBeside(this.joinSplitTerms(expandChatForms(words(normalizeText(text)))).map((w) => this.correct(w))).join(" ");
  }

  /**
   * Voice typing splits a long medical word it does not know into words it does ("steno sis",
   * "lamb in ectomy", "pear a formis", "Cairo practor"). Two or three neighbours are joined when
   * together they are, or are one edit from or sound like, a word of the lexicon or corpus that is
   * not everyday English; a fuzzy join also needs a piece that is no word at all, so two real words
   * ("lamb in") are never merged into something near. Fuzzy attempts per message are capped, so a
   * long message of unknown words costs no more than its length.
   */
  private joinSplitTerms(ws: string[]): string[] {
    const out: string[] = [];
    let fuzzyLeft = MAX_FUZZY_JOINS;
    for (let i = 0; i < ws.length; i++) {
      let joined: string | null = null;
      let taken = 1;
      for (const n of [3, 2]) {
        if (i + n > ws.length) continue;
        const pieces = ws.slice(i, i + n);
        const whole = pieces.join("");
        if (whole.length < MIN_JOINED || pieces.some((p) => !/^[a-z]+$/.test(p)) || pieces[0].length < 2 || pieces[n - 1].length < 2) continue;
        if (this.isTerm(whole)) joined = whole;
        else if (fuzzyLeft > 0 && pieces.some((p) => !this.known.has(p) && !isEnglishWord(p))) {
          fuzzyLeft--;
          joined = this.nearTerm(whole);
        }
        if (joined) {
          taken = n;
          break;
        }
      }
      out.push(joined ?? ws[i]);
      i += taken - 1;
    }
    return out;
  }

  /** A word the lexicon or corpus knows that is not everyday English: a term worth joining pieces into. */
  private isTerm(word: string): boolean {
    return this.known.has(word) && !STOPWORDS.has(word) && wordFrequencies().count(word) < COMMON_WORD_COUNT;
  }

  /** The term one edit from a joined word (two when it is long), or the one term it sounds like. */
  private nearTerm(word: string): string | null {
    const budget = word.length >= 11 ? 2 : 1;
    let best: Candidate | null = null;
    for (const c of this.knownWithin(word)) if (c.distance <= budget && this.isTerm(c.word) && (best === null || c.distance < best.distance)) best = c;
    return best?.word ?? this.soundsLike(word);
  }

  private phonetic: Map<string, string[]> | null = null;

  /**
   * The one lexicon term a word sounds like (Double Metaphone, primary code against both of the
   * term's codes): "sighattica" is "sciatica" (STK), "pearaformis" "piriformis" (PRFRMS). Only the
   * lexicon's own long words are targets (a few thousand, whatever the corpus size), and only a
   * code that names exactly one of them counts.
   */
  soundsLike(word: string): string | null {
    if (word.length < 6) return null;
    if (!this.phonetic) {
      this.phonetic = new Map();
      for (const w of this.concepts.words) {
        if (w.length < 6 || !/^[a-z]+$/.test(w) || !this.isTerm(w)) continue;
        for (const code of new Set(doubleMetaphone(w))) {
          const list = this.phonetic.get(code);
          if (!list) this.phonetic.set(code, [w]);
          else if (!list.includes(w)) list.push(w);
        }
      }
    }
    const [code] = doubleMetaphone(word);
    if (code.length < 3) return null;
    // The same first letter too: a code alone brings unrelated words together ("Cebu want" and
    // "spondy" are both SPNT), while a word misheard keeps its opening sound's letter.
    const terms = (this.phonetic.get(code) ?? []).filter((t) => t[0] === word[0]).sort((a, b) => a.length - b.length);
    if (terms.length === 0) return null;
    // Forms of one word share a code ("sciatic", "sciatica"; "stenosis", "stenoses"): one stem, or
    // each a longer form of the shortest, is one term, and the longest form is taken.
    const oneWord = new Set(terms.map(stem)).size === 1 || terms.every((t) => t.startsWith(terms[0]));
    return oneWord ? terms[terms.length - 1] : null;
  }

  /** True for a body word with everyday senses too ("spine", "discs"): see corpus/lay-terms.yml. */
  hasEverydaySense(word: string): boolean {
    return this.concepts.everydayWords.has(inflectionStem(word));
  }

  /** True for a word that speaks of health though no concept holds it ("disease", "seized"). */
  isHealthWord(word: string): boolean {
    return this.concepts.healthWords.has(inflectionStem(word));
  }

  /** True for a concept that speaks of health: a topic, a treatment, or a context that is not everyday life. */
  isHealthConcept(concept: string): boolean {
    const kind = this.concepts.kindOf(concept);
    return kind !== "intent" && !this.concepts.notHealth.has(concept);
  }

  /** The lexicon's kind of a concept (topic, treatment, context or intent). */
  kindOf(concept: string): ConceptKind {
    return this.concepts.kindOf(concept);
  }

  /** Stems of every word the lay lexicon's phrases use. */
  lexiconStems(): Set<string> {
    return new Set([...this.concepts.words].map(stem));
  }

  /** Every word the corpus, lexicon or rules use (and the stopwords). */
  knownWords(): Iterable<string> {
    return this.known;
  }

  /** True when the corpus, lexicon or rules use this word. */
  knows(word: string): boolean {
    return this.known.has(word);
  }

  private sortedKnown: string[] | undefined;

  /**
   * A long term with a syllable lost in the middle ("spondylothesis" for spondylolisthesis): the one
   * known word that begins with the same six letters and ends with the same four, no shorter than the
   * word and at most four letters longer. Only when exactly one word fits: an ambiguous guess is none.
   */
  private sameEnds(word: string): string | null {
    if (word.length < 10) return null;
    const tail = word.slice(-4);
    const fits = [...this.knownStartingWith(word.slice(0, 6))].filter((w) => w.endsWith(tail) && w.length >= word.length && w.length <= word.length + 4);
    return fits.length === 1 ? fits[0] : null;
  }

  /** Known words of seven letters or more that start with a prefix, from one sorted list built on first use. */
  private *knownStartingWith(prefix: string): Iterable<string> {
    this.sortedKnown ??= [...this.known].filter((w) => w.length >= 7).sort();
    const list = this.sortedKnown;
    for (let i = lowerBound(list, prefix); i < list.length && list[i].startsWith(prefix); i++) yield list[i];
  }

  /**
   * True when a known word longer than this one starts with it: a term half-remembered and cut short
   * ("osteo something", "spondy-something"), which names the known term rather than something unknown.
   */
  startsKnownWord(prefix: string): boolean {
    if (prefix.length < 5) return false;
    for (const w of this.knownStartingWith(prefix)) if (w.length > prefix.length) return true;
    return false;
  }

  /**
   * The word the person most likely meant, or the word itself. A word the corpus knows, or one
   * people commonly say, is left alone ("dragging" never becomes a corpus word). A rare dictionary
   * word counts as a typo only when one edit from a far commoner word ("hom" -> "home", "pian" ->
   * "pain"). Anything else is matched against the corpus's words (up to two edits when long enough)
   * and, one edit away, against common English, so a misspelt everyday word ("goldfsh") becomes that
   * word rather than the nearest corpus word. Closest first; then a corpus word; then the longer
   * word (a dropped letter is the commonest phone typo); then the commoner word.
   */
  correct(word: string): string {
    if (this.known.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? word;
    const best = this.bestCorrection(word);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, best);
    return best ?? word;
  }

  private bestCorrection(word: string): string | null {
    const frequencies = wordFrequencies();
    const own = frequencies.count(word);
    const dictionary = isEnglishWord(word);
    // Subtitles also count spellings of speech ("givin"): only a dictionary word is safe as typed.
    if (dictionary && own >= COMMON_WORD_COUNT) return null;
    // A form of a word the corpus knows ("paining", "my leg is paining me") is that word, however
    // rare the form: one letter from a commoner word ("painting") is no reason to change its meaning.
    const base = inflectionStem(word);
    if (base !== word && base.length >= 3 && this.known.has(base)) return null;
    // A dropped letter ("bak", "hom") or two swapped ones ("pian") are the typos a short or real word
    // is allowed; a changed letter is too likely another word or dialect ("mri", "gaun", "baith").
    const candidates: Candidate[] = [];
    if (dictionary) {
      const floor = Math.max(own, 1) * TYPO_FREQUENCY_RATIO;
      for (const c of this.withinOne(word)) if (isSlip(word, c) && frequencies.count(c) >= floor) candidates.push({ word: c, distance: 1 });
    } else if (word.length >= 5) {
      for (const c of this.knownWithin(word)) candidates.push(c);
      for (const c of this.withinOne(word)) candidates.push({ word: c, distance: 1 });
    } else if (word.length >= 3) {
      // A short word missing its first letter is a typo of a common word ("egs", "eak" for legs, weak),
      // not of a rare term ("wid", Caribbean "with", is not "pwid", people who inject drugs).
      for (const c of this.withinOne(word)) if (isSlip(word, c) && this.known.has(c) && (c[0] === word[0] || wordFrequencies().count(c) >= COMMON_WORD_COUNT)) candidates.push({ word: c, distance: 1 });
    }
    // Functions are made only for a word that has candidates: a long message of unknown words has few.
    let best: Candidate | null = null;
    for (const c of candidates) if (c.word !== word && (best === null || this.better(c, best, frequencies))) best = c;
    // A word no spelling reaches may be a term heard and written by ear ("sighattica").
    if (best === null && !dictionary) return this.soundsLike(word) ?? this.sameEnds(word);
    return best?.word ?? null;
  }

  /** Closest first; then a corpus word; then the longer word; then the commoner word. */
  private better(a: Candidate, b: Candidate, frequencies: ReturnType<typeof wordFrequencies>): boolean {
    return a.distance !== b.distance ? a.distance < b.distance
      : this.known.has(a.word) !== this.known.has(b.word) ? this.known.has(a.word)
      : a.word.length !== b.word.length ? a.word.length > b.word.length
      : frequencies.count(a.word) > frequencies.count(b.word);
  }

  /**
   * Known words of four letters or more within two edits of a word of five letters or more; two
   * edits in a short word only when it starts right ("bladr").
   *
   * Candidates come from a deletion index (the SymSpell idea): two words within two edits (swaps
   * included) share a string reached by at most two deletions from each. A word is then compared
   * with the few known words sharing such a string, not with every known word: a long message of
   * unknown words costs time in proportion to its length.
   */
  knownWithin(word: string): Candidate[] {
    const budget = 2;
    const index = this.deletionIndex();
    if (!index.mayHaveDeletions(word, 2)) return [];
    const found: Candidate[] = [];
    const tried: number[] = [];
    const consider = (ids: Iterable<number> | undefined) => {
      if (!ids) return;
      for (const id of ids) {
        if (tried.includes(id)) continue;
        tried.push(id);
        const candidate = this.candidateWords[id];
        const d = editDistance(word, candidate, budget);
        if (d > budget) continue;
        if (d === 2 && typoBudget(word.length) < 2 && candidate.slice(0, 3) !== word.slice(0, 3)) continue;
        found.push({ word: candidate, distance: d });
      }
    };
    // The word less up to two letters. Most unknown words share none of these with a known word, so
    // they are looked up as numbers computed from the letters' codes rather than built as strings: a
    // long message of unknown words spends its time here.
    const n = word.length;
    if (n > MAX_NUMERIC_KEY) {
      consider(index.ids(keyOf(word)));
      for (let i = 0; i < n; i++) {
        const once = word.slice(0, i) + word.slice(i + 1);
        consider(index.ids(keyOf(once)));
        for (let j = i; j < once.length; j++) consider(index.ids(keyOf(once.slice(0, j) + once.slice(j + 1))));
      }
    } else {
      visitDeletionKeys(word, 2, (key) => consider(index.idsOfNumber(key)));
    }
    return found;
  }

  private deletionIndex(): DeletionIndex {
    if (!this.deletions) {
      // On the shipped corpus about 50,000 keys: 2^21 bits (256 kB) keep the filter small enough to
      // stay in the cache; seal() widens it for a larger corpus.
      const index = new DeletionIndex(21);
      this.candidateWords = this.candidateList();
      const scratch: number[] = [];
      this.candidateWords.forEach((w, id) => {
        if (w.length > MAX_NUMERIC_KEY || !/^[a-z]*$/.test(w)) {
          for (const d of deletions(w, 2)) index.add(keyOf(d), id);
          return;
        }
        // Short a-z words: their keys computed from the letters' codes, no string built (most of
        // this build's time went into those strings); a repeated letter reaches a key twice, so
        // each key is added once, as the set of deletion strings did.
        scratch.length = 0;
        visitDeletionKeys(w, 2, (key) => void scratch.push(key));
        scratch.sort((a, b) => a - b);
        for (let k = 0; k < scratch.length; k++) if (k === 0 || scratch[k] !== scratch[k - 1]) index.add(scratch[k], id);
      });
      this.deletions = index.seal();
    }
    return this.deletions;
  }

  /** The words the two-deletion index offers as corrections (four letters or more), in id order. */
  private candidateList(): string[] {
    return [...this.known].filter((w) => w.length >= 4);
  }

  /** The words of the one-deletion index (common English and the corpus's a-z words, three letters or more), in id order. */
  private commonList(): string[] {
    const all = new Set([...wordFrequencies().commonWords(COMMON_WORD_COUNT).filter((w) => isEnglishWord(w)), ...[...this.known].filter((w) => /^[a-z]+$/.test(w))]);
    return [...all].filter((w) => w.length >= 3);
  }

  /**
   * Both spelling indexes as typed arrays and word lists, built now if they were not: a build saves
   * them with the version, so that a load (and every red-flag worker's) adopts them instead of
   * spending seconds building them at 100,000 chunks.
   */
  spellingTables(): SpellingTables {
    const deletions = this.deletionIndex();
    const common = this.commonDeletionIndex();
    return { candidateWords: this.candidateWords, commonWords: common.words, deletions: deletions.tables(), common: common.index.tables() };
  }

  /**
   * Adopts saved spelling indexes when they index exactly the words this analyzer would (the same
   * known words, and the same common-English list in the code that loads them); otherwise they are
   * ignored and built as before. True when adopted.
   */
  adoptSpellingTables(saved: SpellingTables): boolean {
    const candidates = this.candidateList();
    const commonWords = this.commonList();
    if (!sameWords(candidates, saved.candidateWords) || !sameWords(commonWords, saved.commonWords)) return false;
    this.candidateWords = candidates;
    this.deletions = DeletionIndex.fromTables(saved.deletions);
    this.common = { index: DeletionIndex.fromTables(saved.common), words: commonWords };
    return true;
  }

  /**
   * Common English words and corpus words one edit away (of three letters or more), through an index
   * of each word and each of its one-letter deletions (the same idea, one edit deep): common English
   * has tens of thousands of words, too many to index two deletions deep.
   */
  withinOne(word: string): string[] {
    const { index, words } = this.commonDeletionIndex();
    // Most unknown words share no key with a common word: that is settled from numbers computed
    // from the letters' codes, three bits each, before any string is built (a long message of
    // unknown words spent most of its check building these strings).
    if (!index.mayHaveDeletions(word, 1)) return [];
    const found = new Set<string>();
    const take = (ids: Iterable<number> | undefined) => {
      if (ids) for (const id of ids) found.add(words[id]);
    };
    const n = word.length;
    if (n > MAX_NUMERIC_KEY || !/^[a-z]*$/.test(word)) {
      for (const key of [word, ...oneDeletions(word)]) take(index.ids(keyOf(key)));
    } else {
      visitDeletionKeys(word, 1, (key) => take(index.idsOfNumber(key)));
    }
    return [...found].filter((c) => c.length >= 3 && editDistance(word, c, 1) <= 1);
  }

  private common: { index: DeletionIndex; words: string[] } | null = null;

  /** Common English and corpus words (by id) under themselves and each of their one-letter deletions. */
  private commonDeletionIndex(): { index: DeletionIndex; words: string[] } {
    if (this.common) return this.common;
    // About 110,000 keys on the shipped corpus: 2^22 bits (512 kB).
    const index = new DeletionIndex(22);
    const words = this.commonList();
    words.forEach((w, id) => {
      index.add(keyOf(w), id);
      for (const d of new Set(oneDeletions(w))) index.add(keyOf(d), id);
    });
    this.common = { index: index.seal(), words };
    return this.common;
  }
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** A deletion index's arrays (see {@link DeletionIndex}). */
export interface DeletionTables {
  slots: Float64Array;
  starts: Int32Array;
  idList: Int32Array;
  bits: Int32Array;
}

/** What {@link Analyzer.spellingTables} gives and {@link Analyzer.adoptSpellingTables} takes. */
export interface SpellingTables {
  candidateWords: string[];
  commonWords: string[];
  deletions: DeletionTables;
  common: DeletionTables;
}

/** A spelling candidate and its edit distance from the word typed. */
export interface Candidate {
  word: string;
  distance: number;
}

/** A word people say at least this often (per 51 million words of speech) is meant as typed. */
export const COMMON_WORD_COUNT = 50;
/** Joins of pieces into a term ("lamb in ectomy") need at least this many letters: short joins are too often two real words. */
const MIN_JOINED = 7;
/** Fuzzy join attempts per message: each is a lookup in the deletion index and a phonetic code. */
const MAX_FUZZY_JOINS = 16;
/** A rare dictionary word is another word's typo only when that word is this many times commoner. */
const TYPO_FREQUENCY_RATIO = 200;

/** A dropped letter (the candidate is one longer) or letters swapped (the same letters). */
function isSlip(word: string, c: string): boolean {
  return c.length === word.length + 1 || (c.length === word.length && [...c].sort().join("") === [...word].sort().join(""));
}

function oneDeletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Every string is keyed by a number. Strings of up to 11 letters a-z get an exact key (base 27,
 * letter codes 1-26, so the key is below 27^11 and no two such strings share one); any other string
 * a 51-bit hash above that range. Numbers rather than strings because a map of string keys to arrays
 * held about 250 MB at 100,000 synthetic chunks (most made-up words are longer than 11 letters, so
 * their millions of deletions were all string keys). A hash may, very rarely, put two strings under
 * one key: that only adds a candidate, and every candidate is checked by edit distance.
 */
const MAX_NUMERIC_KEY = 11;
const POWERS = Array.from({ length: MAX_NUMERIC_KEY + 1 }, (_, k) => 27 ** k);
const HASHED_BASE = 27 ** MAX_NUMERIC_KEY;
function keyOf(s: string): number {
  if (s.length > MAX_NUMERIC_KEY || !/^[a-z]*$/.test(s)) return hashedKey(s);
  let key = 0;
  for (let k = 0; k < s.length; k++) key += (s.charCodeAt(k) - 96) * POWERS[k];
  return key;
}

/** Two 32-bit FNV-style hashes of the string's code units, kept to 25 + 26 bits above the exact keys (below 2^53). */
function hashedKey(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ s.length;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 16;
  return HASHED_BASE + (h1 >>> 7) * 2 ** 26 + (h2 >>> 6);
}

/**
 * Words (by id) under each string their deletions reach, in typed arrays only: an open-addressing
 * table of keys, and each key's ids in one shared array in the order they were added (slot s's ids
 * run from starts[s] to starts[s + 1]). Maps of arrays held some 50 MB of small objects per thread
 * on the shipped corpus, which every full garbage collection had to walk (a 60 ms pause in the
 * middle of a long message's check), and several hundred MB at 100,000 chunks. Keys are added
 * first, then {@link seal} builds the table and the filter (sized to the keys); look-ups come after.
 */
class DeletionIndex {
  /** One bit per key present: most unknown words' deletions stop at one array read. */
  private bits: KeyBits;
  private pendingKeys = new Float64Array(1024);
  private pendingIds = new Int32Array(1024);
  private pending = 0;
  /** Slot -> key (-1: empty); slot -> where its ids start in `idList` (they end where the next slot's start). */
  private slots: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private starts: Int32Array<ArrayBufferLike> = new Int32Array(1);
  private idList: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private size = 0;

  /** `filterBits`: log2 of the least size of the key filter, in bits (it grows with the keys). */
  constructor(private readonly filterBits: number) {
    this.bits = new KeyBits(filterBits);
  }

  add(key: number, id: number): void {
    if (this.pending === this.pendingKeys.length) {
      const keys = new Float64Array(this.pending * 2);
      keys.set(this.pendingKeys);
      this.pendingKeys = keys;
      const ids = new Int32Array(this.pending * 2);
      ids.set(this.pendingIds);
      this.pendingIds = ids;
    }
    this.pendingKeys[this.pending] = key;
    this.pendingIds[this.pending++] = id;
  }

  /** Builds the table from the keys added (each key's ids kept in the order they came). */
  seal(): this {
    const keys = this.pendingKeys;
    const n = this.pending;
    // About 16 filter bits per key keeps false alarms near one in 200 however large the corpus
    // (a fixed 2^21 bits was saturated at 100,000 chunks, so every word went on to the table).
    let filterBits = this.filterBits;
    while (2 ** filterBits < n * 16 && filterBits < 28) filterBits++;
    this.bits = new KeyBits(filterBits);
    // A quarter more slots than keys (any size, not a power of two): each slot costs 12 bytes, and
    // at 100,000 chunks the 3.5 million keys in 2^23 slots took 100 MB. Linear probing stays short
    // enough at this load, since the filter turns most absent keys away before the table is read.
    const size = Math.max(1, Math.ceil(n * 1.25));
    this.size = size;
    this.slots = new Float64Array(size).fill(-1);
    const counts = new Int32Array(size + 1);
    const slotOf = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      this.bits.set(keys[k]);
      const slot = this.find(keys[k], true);
      slotOf[k] = slot;
      counts[slot]++;
    }
    // Counts become each slot's start; each key's slot becomes where its id goes (its slot's start
    // plus that slot's ids added before it), which moves every start on to the next slot's: one
    // shift puts them back. No second table, at millions of keys.
    for (let slot = 0, at = 0; slot <= size; slot++) {
      const c = counts[slot];
      counts[slot] = at;
      at += c;
    }
    for (let k = 0; k < n; k++) slotOf[k] = counts[slotOf[k]]++;
    counts.copyWithin(1, 0, size);
    counts[0] = 0;
    this.starts = counts;
    this.idList = new Int32Array(n);
    for (let k = 0; k < n; k++) this.idList[slotOf[k]] = this.pendingIds[k];
    this.pendingKeys = new Float64Array(0);
    this.pendingIds = new Int32Array(0);
    this.pending = 0;
    return this;
  }

  ids(key: number): Int32Array | undefined {
    return this.idsOfNumber(key);
  }

  tables(): DeletionTables {
    return { slots: this.slots, starts: this.starts, idList: this.idList, bits: this.bits.words };
  }

  /** A sealed index from saved tables (the arrays are used as they are, not copied). */
  static fromTables(t: DeletionTables): DeletionIndex {
    const index = new DeletionIndex(5);
    index.bits = KeyBits.of(t.bits);
    index.slots = t.slots;
    index.starts = t.starts;
    index.idList = t.idList;
    index.size = t.slots.length;
    return index;
  }

  idsOfNumber(key: number): Int32Array | undefined {
    if (!this.bits.has(key)) return undefined;
    const slot = this.find(key, false);
    return slot < 0 ? undefined : this.idList.subarray(this.starts[slot], this.starts[slot + 1]);
  }

  /** The key's slot (linear probing from its hash); -1 when absent, unless `insert` claims an empty one. */
  private find(key: number, insert: boolean): number {
    const high = Math.floor(key / LOW_SPAN);
    const low = key - high * LOW_SPAN;
    let slot = Math.floor(((Math.imul(low ^ Math.imul(high, 0x27d4eb2f), 0x9e3779b1) >>> 0) / 2 ** 32) * this.size);
    for (;;) {
      const there = this.slots[slot];
      if (there === key) return slot;
      if (there === -1) {
        if (!insert) return -1;
        this.slots[slot] = key;
        return slot;
      }
      slot = slot + 1 === this.size ? 0 : slot + 1;
    }
  }

  /** False when no key reached by up to `deleting` deletions from the word is present (decided without building strings). */
  mayHaveDeletions(word: string, deleting: 1 | 2): boolean {
    return this.bits.mayHave(word, deleting);
  }
}

/**
 * The keys of a deletion index as a Bloom filter (three bits per key): a word none of whose keys is
 * present has no entry in the index, and is known to have none without building strings. A word
 * whose keys are hashes (over 11 letters, or not a-z) cannot be screened without its strings, so
 * {@link mayHave} sends it on; each of its keys is still screened in {@link DeletionIndex.idsOfNumber}.
 * A present key only says "look it up" (about one key in 3,000 is a false alarm with the tables
 * sized below on the shipped corpus, about one in 200 at the 16 bits a key seal() allows at
 * least): the index decides.
 */
class KeyBits {
  private bits: Int32Array<ArrayBufferLike>;
  private shift: number;

  /** A table of 2^`size` bits; with three bits per key and a key per 45 bits, about 6.5% of them are set. */
  constructor(size: number) {
    this.bits = new Int32Array(1 << (size - 5));
    this.shift = 32 - size;
  }

  /** The filter's words, to save. */
  get words(): Int32Array {
    return this.bits;
  }

  /** A filter over saved words (a power of two of them). */
  static of(words: Int32Array): KeyBits {
    const filter = new KeyBits(5);
    filter.bits = words;
    filter.shift = 32 - Math.round(Math.log2(words.length * 32));
    return filter;
  }

  /**
   * False when neither the word nor any string made from it by deleting up to `deleting` (1 or 2)
   * letters can be a key. Deleting letter p (and q > p) shifts the later letters' codes down one
   * (two) places of base 27, so every key is computed from the word's prefix keys.
   */
  mayHave(word: string, deleting: 1 | 2): boolean {
    if (word.length > MAX_NUMERIC_KEY || !/^[a-z]*$/.test(word)) return true;
    return visitDeletionKeys(word, deleting, (key) => this.has(key));
  }

  set(key: number): void {
    this.probe(key, true);
  }

  has(key: number): boolean {
    return this.probe(key, false);
  }

  /** The key's three bits: sets them (`write`), or tells whether all three are set. */
  private probe(key: number, write: boolean): boolean {
    const high = Math.floor(key / LOW_SPAN);
    const low = key - high * LOW_SPAN;
    const h1 = Math.imul(low ^ Math.imul(high, 0x27d4eb2f), 0x9e3779b1);
    const h2 = Math.imul(high ^ Math.imul(low, 0x165667b1), 0x85ebca6b) | 1;
    for (let i = 0; i < 3; i++) {
      const b = (h1 + Math.imul(i, h2)) >>> this.shift;
      if (write) this.bits[b >>> 5] |= 1 << (b & 31);
      else if (((this.bits[b >>> 5] >>> (b & 31)) & 1) === 0) return false;
    }
    return true;
  }
}

/**
 * Visits the numeric keys of a word of at most 11 letters a-z: the word, then the word less each
 * letter p in turn and, when `deleting` is 2, less each pair p < q, stopping as soon as `visit`
 * returns true (and then returning true). Deleting a letter shifts the later letters' codes down one
 * place of base 27 (two for a pair), so every key comes from the word's prefix keys: no string is
 * built, which is where a long message of unknown words used to spend its time.
 */
function visitDeletionKeys(word: string, deleting: 1 | 2, visit: (key: number) => boolean | void): boolean {
  const n = word.length;
  const prefix = PREFIX;
  prefix[0] = 0;
  for (let k = 0; k < n; k++) prefix[k + 1] = prefix[k] + (word.charCodeAt(k) - 96) * POWERS[k];
  if (visit(prefix[n])) return true;
  for (let p = 0; p < n; p++) {
    if (visit(prefix[p] + (prefix[n] - prefix[p + 1]) / 27)) return true;
    if (deleting === 2) for (let q = p + 1; q < n; q++) if (visit(prefix[p] + (prefix[q] - prefix[p + 1]) / 27 + (prefix[n] - prefix[q + 1]) / 729)) return true;
  }
  return false;
}


/** Scratch space for prefix keys (prefix[k]: the key of a word's first k letters), reused by every check: no allocation per word. */
const PREFIX = new Float64Array(MAX_NUMERIC_KEY + 1);

/** Keys below this hold six letters. */
const LOW_SPAN = 27 ** 6;

/** The word and every string made from it by deleting up to `max` letters. */
function deletions(word: string, max: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let round = 0; round < max; round++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Verbs of handling whose particle people put after the object ("pick the sacks up"). */
const PARTICLE_VERBS = new Set(["pick", "picks", "picking", "picked", "lift", "lifts", "lifting", "lifted", "hold", "holding", "held"]);
/** Words that open the object between such a verb and its particle. */
const OBJECT_OPENERS = new Set(["the", "a", "an", "my", "his", "her", "their", "your", "our", "them", "it", "those", "these", "this", "that", "some", "heavy", "big"]);
/**
 * English lets a particle move after a short object: "picking the sacks up" is "picking up the
 * sacks". The lexicon's phrases name the verb and particle together ("picking up"), so the particle
 * is put back beside its verb (an object of up to three words, opened by an article or pronoun).
 */
export function particleBeside(ws: string[]): string[] {
  const out = [...ws];
  for (let i = 0; i + 2 < out.length; i++) {
    if (!PARTICLE_VERBS.has(out[i]) || !OBJECT_OPENERS.has(out[i + 1])) continue;
    for (let j = i + 2; j <= Math.min(i + 4, out.length - 1); j++) {
      if (out[j] !== "up") continue;
      out.splice(j, 1);
      out.splice(i + 1, 0, "up");
      break;
    }
  }
  return out;
}

