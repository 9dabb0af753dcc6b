import { expandChatForms } from "./chat-speak.ts";
import { editDistance, typoBudget } from "./edit-distance.ts";
import { isEnglishWord } from "./english-words.ts";
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

  /** The closest known word within the typo budget, or the word itself. */
  correct(word: string): string {
    if (this.known.has(word) || /\d/.test(word) || isEnglishWord(word)) return word;
    const budget = Math.max(typoBudget(word.length), word.length >= 5 ? 2 : 0);
    if (budget === 0) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? word;
    let best: string | null = null;
    let bestD = budget + 1;
    for (let len = word.length - budget; len <= word.length + budget; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        if (candidate.length < 4) continue;
        const d = editDistance(word, candidate, budget);
        // Two typos in a short word are only believable when the word starts right ("bladr").
        if (d === 2 && typoBudget(word.length) < 2 && candidate.slice(0, 3) !== word.slice(0, 3)) continue;
        // On a tie prefer the longer word: a dropped letter is the commonest phone typo ("sciatia").
        if (d < bestD || (d === bestD && best !== null && candidate.length > best.length)) {
          bestD = d;
          best = candidate;
        }
      }
    }
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, best);
    return best ?? word;
  }
}
