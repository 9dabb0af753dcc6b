import { describe, expect, it } from "vitest";
import { PackedWords } from "../../src/text/packed-words.ts";

describe("packed word table", () => {
  it("answers as a Map would: its words with their numbers (a repeated word keeps its first), nothing else", () => {
    const entries: Array<[string, number]> = [["back", 3], ["bac", 1], ["", 7], ["backache", 2], ["back", 9], ["leg", 0]];
    const table = new PackedWords(entries);
    const map = new Map<string, number>();
    for (const [w, n] of entries) if (!map.has(w)) map.set(w, n);
    expect(table.size).toBe(map.size);
    for (const w of ["back", "bac", "", "backache", "leg", "ba", "backs", "bace", "Back", "legs", "eg"]) {
      expect(table.has(w)).toBe(map.has(w));
      expect(table.get(w)).toBe(map.get(w));
    }
  });

  it("holds a large list without losing a word to a collision", () => {
    // Distinct words (an odd multiplier permutes 32-bit numbers).
    const words = Array.from({ length: 50_000 }, (_, i) => `w${(Math.imul(i, 0x9e3779b1) >>> 0).toString(36)}`);
    const table = new PackedWords(words.map((w, i) => [w, i] as const));
    expect(table.size).toBe(words.length);
    expect(words.filter((w, i) => table.get(w) !== i)).toEqual([]);
    expect(table.has("w")).toBe(false);
    expect(table.has("x0")).toBe(false);
  });

  it("reads a list's lines in place as splitting them would (empty lines, a trailing newline, repeats)", () => {
    for (const text of ["back\nleg\n\nbackache\nback\n", "", "\n", "one", "a\nb\r\nc"]) {
      const lines = PackedWords.lines(text, 1);
      const split = new PackedWords(text.split("\n").map((w) => [w, 1] as const));
      expect(lines.size).toBe(split.size);
      for (const w of [...text.split("\n"), "ba", "backs", "b\r", "b", "c", "x", "\n"]) {
        expect(lines.has(w)).toBe(split.has(w));
        expect(lines.get(w)).toBe(split.get(w));
      }
    }
  });

  it("gives the English word list the same words read in place as split", async () => {
    const { readFileSync } = await import("node:fs");
    const wordListPath = (await import("word-list")).default;
    const text = readFileSync(wordListPath, "utf8");
    const lines = PackedWords.lines(text, 1);
    const words = text.split("\n");
    expect(lines.size).toBe(new Set(words).size);
    expect(words.filter((w) => lines.get(w) !== 1)).toEqual([]);
    for (const w of ["qzvkwxjq", "backk", "", "sciatic"]) expect(lines.has(w)).toBe(words.includes(w));
  });
});
