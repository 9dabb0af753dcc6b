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
});
