import { readFileSync } from "node:fs";
import wordListPath from "word-list";
import { PackedWords } from "./packed-words.ts";

let words: PackedWords | null = null;

/**
 * True when one typo away from an English word ("actualy"): such a word is a misspelling, not a
 * name, even when the corpus never uses it.
 */
export function isNearEnglishWord(word: string): boolean {
  if (isEnglishWord(word)) return true;
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length && isEnglishWord(word.slice(0, i) + word.slice(i + 1))) return true;
    if (i < word.length - 1 && isEnglishWord(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))) return true;
    for (const c of letters) {
      if (isEnglishWord(word.slice(0, i) + c + word.slice(i))) return true;
      if (i < word.length && isEnglishWord(word.slice(0, i) + c + word.slice(i + 1))) return true;
    }
  }
  return false;
}

/**
 * True for a word in a general English word list (the `word-list` package, shipped offline).
 * Spelling correction leaves real words alone: "dragging" must not become a corpus word.
 */
export function isEnglishWord(word: string): boolean {
  if (!words) {
    words = PackedWords.lines(readFileSync(wordListPath, "utf8"), 1);
  }
  return words.has(word);
}
