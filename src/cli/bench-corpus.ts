import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ARTICLES_DIR, LEXICON_FILE, RED_FLAGS_FILE, RED_FLAGS_LANGUAGES_FILE, SCOPE_FILE } from "../corpus/load-corpus.ts";

/** Sections (one chunk each: every section is kept under the chunker's 1,200 characters) per article. */
const SECTIONS_PER_ARTICLE = 20;

/**
 * Writes a deterministic synthetic corpus of exactly `chunks` chunks in the article format, for
 * `bench --chunks N`: the same N gives the same files on every machine. Its words are the shipped
 * articles' own (so the evaluation questions find something) mixed with made-up words drawn from a
 * Zipf-like distribution (so the vocabulary, the postings and the spelling index grow with the
 * corpus, as they would with real articles). The lexicon, red-flag rules and scope are copied from
 * the shipped corpus.
 */
export async function writeSyntheticCorpus(shippedCorpusDir: string, outDir: string, chunks: number): Promise<void> {
  const random = mulberry32(0x5eed ^ chunks);
  const shipped = await shippedWords(shippedCorpusDir);
  const madeUp = madeUpWords(random, Math.max(2_000, Math.round(Math.sqrt(chunks) * 150)));
  // Shipped words stay common (index near 0); made-up words fill the long tail.
  const vocabulary = [...shipped, ...madeUp];
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2.2)];
  const sentence = () => {
    const n = 8 + Math.floor(random() * 12);
    const ws = Array.from({ length: n }, word);
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    return `${ws.join(" ")}.`;
  };
  await mkdir(path.join(outDir, ARTICLES_DIR), { recursive: true });
  for (const file of [LEXICON_FILE, RED_FLAGS_FILE, RED_FLAGS_LANGUAGES_FILE, SCOPE_FILE]) await copyFile(path.join(shippedCorpusDir, file), path.join(outDir, file));
  const articles = Math.ceil(chunks / SECTIONS_PER_ARTICLE);
  for (let a = 0; a < articles; a++) {
    const sections = Math.min(SECTIONS_PER_ARTICLE, chunks - a * SECTIONS_PER_ARTICLE);
    const title = `${cap(word())} ${word()} ${word()} ${a + 1}`;
    const lines = ["---", `title: ${title}`, `source: synthetic benchmark article ${a + 1}`, "reviewed: 2026-11-27", "---", "", `# ${title}`, ""];
    for (let s = 0; s < sections; s++) {
      lines.push(`## ${cap(word())} ${word()}${random() < 0.5 ? ` ${word()}` : ""}`, "");
      // 4-7 sentences of 8-19 words: about 400-900 characters, one chunk.
      const body: string[] = [];
      const count = 4 + Math.floor(random() * 4);
      for (let k = 0; k < count; k++) body.push(sentence());
      let text = body.join(" ");
      if (text.length > 1100) text = `${text.slice(0, text.lastIndexOf(" ", 1100))}.`;
      lines.push(text, "");
    }
    await writeFile(path.join(outDir, ARTICLES_DIR, `a-${String(a + 1).padStart(6, "0")}.md`), lines.join("\n"));
  }
}

/** Distinct lower-case words of the shipped articles, in order of first appearance. */
async function shippedWords(corpusDir: string): Promise<string[]> {
  const dir = path.join(corpusDir, ARTICLES_DIR);
  const seen = new Set<string>();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".md")).sort()) {
    const body = (await readFile(path.join(dir, name), "utf8")).split(/^---$/m).slice(2).join(" ");
    for (const w of body.toLowerCase().match(/[a-z]{3,}/g) ?? []) seen.add(w);
  }
  return [...seen];
}

/** Pronounceable made-up words from syllables, distinct. */
function madeUpWords(random: () => number, count: number): string[] {
  const onsets = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "cl", "dr", "pl", "st", "tr"];
  const vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io"];
  const codas = ["", "", "n", "r", "s", "l", "m", "x", "nd", "st"];
  const out = new Set<string>();
  while (out.size < count) {
    const syllables = 2 + Math.floor(random() * 3);
    let w = "";
    for (let i = 0; i < syllables; i++) w += pick(random, onsets) + pick(random, vowels) + pick(random, codas);
    out.add(w);
  }
  return [...out];
}

function pick<T>(random: () => number, xs: T[]): T {
  return xs[Math.floor(random() * xs.length)];
}

function cap(w: string): string {
  return w[0].toUpperCase() + w.slice(1);
}

/** A small seeded PRNG: the same corpus for the same size everywhere (Math.random cannot be seeded). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
