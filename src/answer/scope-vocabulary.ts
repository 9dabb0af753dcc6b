import type { IndexSnapshot } from "../index/snapshot.ts";
import { isNearEnglishWord } from "../text/english-words.ts";
import { STOPWORDS } from "../text/normalize.ts";

const cache = new WeakMap<IndexSnapshot, ReturnType<typeof build>>();

/** What the scope decision needs to know about the corpus's words, computed once per index version. */
export function scopeVocabulary(snapshot: IndexSnapshot) {
  let v = cache.get(snapshot);
  if (!v) {
    v = build(snapshot);
    cache.set(snapshot, v);
  }
  return v;
}

function build(snapshot: IndexSnapshot) {
  const n = snapshot.chunks.length;
  // A stem used in at most a third of the passages says what a question is about ("disc"), not how it is asked.
  const df = Math.max(1, Math.floor(n / 3));
  const threshold = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return {
    isDistinctive: (stem: string) => stem.length >= 4 && (snapshot.bm25.idf.get(stem) ?? 0) >= threshold,
    isUnknownName: (word: string) =>
      word.length >= 4 && !/\d/.test(word) && !STOPWORDS.has(word) && !snapshot.analyzer.knows(word) && !isNearEnglishWord(word),
  };
}
