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
  constructor(entries: Iterable<readonly [string, number]>) {
    const words: string[] = [];
    const numbers: number[] = [];
    for (const [w, n] of entries) {
      words.push(w);
      numbers.push(n);
    }
    this.text = words.join("");
    let size = 1;
    while (size < words.length * 2) size <<= 1;
    this.mask = size - 1;
    this.starts = new Int32Array(size).fill(-1);
    this.lengths = new Int32Array(size);
    this.values = new Float64Array(size);
    let at = 0;
    let count = 0;
    for (let k = 0; k < words.length; k++) {
      const slot = this.slotOf(words[k]);
      if (this.starts[slot] === -1) {
        this.starts[slot] = at;
        this.lengths[slot] = words[k].length;
        this.values[slot] = numbers[k];
        count++;
      }
      at += words[k].length;
    }
    this.size = count;
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

  private sameAt(start: number, word: string): boolean {
    for (let i = 0; i < word.length; i++) if (this.text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
    return true;
  }
}
