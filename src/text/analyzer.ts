import { expandChatForms } from "./chat-speak.ts";
import { editDistance, typoBudget } from "./edit-distance.ts";
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
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly concepts: ConceptMatcher,
    knownWords: Iterable<string> = [],
  ) {
    this.known = new Set([...knownWords, ...concepts.words, ...STOPWORDS]);
    for (const w of this.known) {
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
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

  /** The text as words, chat forms written out ("wat" -> "what"), then each unknown typo respelled. */
  correctText(text: string): string {
    return expandChatForms(words(normalizeText(text)))
      .map((w) => this.correct(w))
      .join(" ");
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
    // A dropped letter ("bak", "hom") or two swapped ones ("pian") are the typos a short or real word
    // is allowed; a changed letter is too likely another word or dialect ("mri", "gaun", "baith").
    const slip = (c: string) => c.length === word.length + 1 || (c.length === word.length && [...c].sort().join("") === [...word].sort().join(""));
    const candidates: Array<{ word: string; distance: number }> = [];
    if (dictionary) {
      const floor = Math.max(own, 1) * TYPO_FREQUENCY_RATIO;
      for (const c of this.withinOne(word)) if (slip(c) && frequencies.count(c) >= floor) candidates.push({ word: c, distance: 1 });
    } else if (word.length >= 5) {
      candidates.push(...this.knownWithin(word, 2));
      for (const c of this.withinOne(word)) candidates.push({ word: c, distance: 1 });
    } else if (word.length >= 3) {
      for (const c of this.withinOne(word)) if (slip(c) && this.known.has(c)) candidates.push({ word: c, distance: 1 });
    }
    let best: { word: string; distance: number } | null = null;
    const better = (a: { word: string; distance: number }, b: { word: string; distance: number }) =>
      a.distance !== b.distance ? a.distance < b.distance
      : this.known.has(a.word) !== this.known.has(b.word) ? this.known.has(a.word)
      : a.word.length !== b.word.length ? a.word.length > b.word.length
      : frequencies.count(a.word) > frequencies.count(b.word);
    for (const c of candidates) if (c.word !== word && (best === null || better(c, best))) best = c;
    return best?.word ?? null;
  }

  /** Corpus words within `max` edits; two edits in a short word only when it starts right ("bladr"). */
  private knownWithin(word: string, max: number): Array<{ word: string; distance: number }> {
    const budget = Math.max(typoBudget(word.length), max);
    const found: Array<{ word: string; distance: number }> = [];
    for (let len = word.length - budget; len <= word.length + budget; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        if (candidate.length < 4) continue;
        const d = editDistance(word, candidate, budget);
        if (d > budget) continue;
        if (d === 2 && typoBudget(word.length) < 2 && candidate.slice(0, 3) !== word.slice(0, 3)) continue;
        found.push({ word: candidate, distance: d });
      }
    }
    return found;
  }

  /**
   * Common English words and corpus words one edit away, found through a map from each word and
   * each of its one-letter deletions (the SymSpell idea) instead of comparing with every word:
   * common English has tens of thousands of words, and this runs for every unfamiliar word typed.
   */
  private withinOne(word: string): string[] {
    const deletions = this.deletionMap();
    const found = new Set<string>();
    for (const key of [word, ...oneDeletions(word)]) for (const c of deletions.get(key) ?? []) found.add(c);
    return [...found].filter((c) => c.length >= 3 && editDistance(word, c, 1) <= 1);
  }

  private deletions: Map<string, string[]> | null = null;

  private deletionMap(): Map<string, string[]> {
    if (this.deletions) return this.deletions;
    const map = new Map<string, string[]>();
    const add = (key: string, w: string) => {
      const list = map.get(key);
      if (list) list.push(w);
      else map.set(key, [w]);
    };
    const words = new Set([...wordFrequencies().commonWords(COMMON_WORD_COUNT).filter((w) => isEnglishWord(w)), ...[...this.known].filter((w) => /^[a-z]+$/.test(w))]);
    for (const w of words) {
      if (w.length < 3) continue;
      add(w, w);
      for (const d of new Set(oneDeletions(w))) add(d, w);
    }
    this.deletions = map;
    return map;
  }
}

/** A word people say at least this often (per 51 million words of speech) is meant as typed. */
const COMMON_WORD_COUNT = 50;
/** A rare dictionary word is another word's typo only when that word is this many times commoner. */
const TYPO_FREQUENCY_RATIO = 200;

function oneDeletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
