/**
 * A large, fixed set of words with a number each, packed into one string and a few typed arrays (an
 * open-addressing table of where each word sits in the string). A `Set` or `Map` of a few hundred
 * thousand words is as many small objects, which every full garbage collection of a thread walks:
 * the word list and the frequency table made up about a third of a red-flag worker's heap and of its
 * pauses during a long message's check. Looking a word up costs about what a `Map` does.
 */
export class PackedWords {
  private readonly text: string;
  /** Per slot: the word's start in `text` (-1: empty), its length and its number. */
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private readonly values: Float64Array;
  private readonly mask: number;
  readonly size: number;

  /** Words with their numbers; a word given twice keeps its first number. */
  constructor(entries: Iterable<readonly [string, number]>);
  /** (Used by {@link PackedWords.lines}.) The words at `starts`/`lengths` in `text`, with their numbers. */
  constructor(entries: null, packed: { text: string; starts: Int32Array; lengths: Int32Array; numbers: ArrayLike<number> });
  constructor(entries: Iterable<readonly [string, number]> | null, packed?: { text: string; starts: Int32Array; lengths: Int32Array; numbers: ArrayLike<number> }) {
    let text: string;
    let wordStarts: Int32Array;
    let wordLengths: Int32Array;
    let numbers: ArrayLike<number>;
    if (entries === null) ({ text, starts: wordStarts, lengths: wordLengths, numbers } = packed!);
    else {
      const words: string[] = [];
      const given: number[] = [];
      for (const [w, n] of entries) {
        words.push(w);
        given.push(n);
      }
      text = words.join("");
      wordStarts = new Int32Array(words.length);
      wordLengths = new Int32Array(words.length);
      for (let k = 0, at = 0; k < words.length; at += words[k].length, k++) {
        wordStarts[k] = at;
        wordLengths[k] = words[k].length;
      }
      numbers = given;
    }
    this.text = text;
    const n = wordStarts.length;
    let size = 1;
    while (size < n * 2) size <<= 1;
    this.mask = size - 1;
    this.starts = new Int32Array(size).fill(-1);
    this.lengths = new Int32Array(size);
    this.values = new Float64Array(size);
    let count = 0;
    for (let k = 0; k < n; k++) {
      const slot = this.slotOfRange(wordStarts[k], wordLengths[k]);
      if (this.starts[slot] === -1) {
        this.starts[slot] = wordStarts[k];
        this.lengths[slot] = wordLengths[k];
        this.values[slot] = numbers[k];
        count++;
      }
    }
    this.size = count;
  }

  /**
   * The lines of `text` (split at "\n", as `text.split("\n")` would), each numbered `value`, read in
   * place: a word list of a few hundred thousand lines is not first cut into as many strings (about
   * 60 ms and their garbage at every start and in every red-flag worker).
   */
  static lines(text: string, value: number): PackedWords {
    let n = 1;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) n++;
    const starts = new Int32Array(n);
    const lengths = new Int32Array(n);
    for (let k = 0, from = 0; k < n; k++) {
      const end = k === n - 1 ? text.length : text.indexOf("\n", from);
      starts[k] = from;
      lengths[k] = end - from;
      from = end + 1;
    }
    return new PackedWords(null, { text, starts, lengths, numbers: new Float64Array(n).fill(value) });
  }

  has(word: string): boolean {
    return this.starts[this.slotOf(word)] !== -1;
  }

  /** The word's number, or undefined when it is not in the table. */
  get(word: string): number | undefined {
    const slot = this.slotOf(word);
    return this.starts[slot] === -1 ? undefined : this.values[slot];
  }

  /** The slot holding the word, or the empty slot where it would go. */
  private slotOf(word: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    let slot = (h >>> 0) & this.mask;
    for (;;) {
      const start = this.starts[slot];
      if (start === -1 || (this.lengths[slot] === word.length && this.sameAt(start, word))) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** {@link slotOf} for the word at `start` in this table's own text. */
  private slotOfRange(start: number, length: number): number {
    const text = this.text;
    let h = 0x811c9dc5;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ text.charCodeAt(start + i), 0x01000193);
    let slot = (h >>> 0) & this.mask;
    for (;;) {
      const at = this.starts[slot];
      if (at === -1 || (this.lengths[slot] === length && this.sameRange(at, start, length))) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private sameRange(a: number, b: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (this.text.charCodeAt(a + i) !== this.text.charCodeAt(b + i)) return false;
    return true;
  }

  private sameAt(start: number, word: string): boolean {
    for (let i = 0; i < word.length; i++) if (this.text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
    return true;
  }
}
