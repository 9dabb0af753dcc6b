import { readFileSync } from "node:fs";
import wordListPath from "word-list";

let words: Set<string> | null = null;

/**
 * True for a word in a general English word list (the `word-list` package, shipped offline).
 * Spelling correction leaves real words alone: "dragging" must not become a corpus word.
 */
export function isEnglishWord(word: string): boolean {
  if (!words) {
    words = new Set(readFileSync(wordListPath, "utf8").split("\n"));
  }
  return words.has(word);
}
