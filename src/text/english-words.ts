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

/**
 * True for a closed compound of two everyday words ("breathwork", "bodyweight", "footwear"): English
 * coins these freely, so one the dictionary lacks is still no drug or brand nobody knows. Both halves
 * must be words people say at least `minCount` times (SUBTLEX-US), so a drug name that happens to
 * split into rare dictionary words ("cod" + "eine", "volta" + "ren") stays a name.
 */
export function isEverydayCompound(word: string, count: (w: string) => number, minCount: number): boolean {
  const common = (p: string) => isEnglishWord(p) && count(p) >= minCount;
  for (let i = 3; i <= word.length - 3; i++) if (common(word.slice(0, i)) && common(word.slice(i))) return true;
  return false;
}
