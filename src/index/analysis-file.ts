import { readFile, writeFile } from "node:fs/promises";
import { Bm25, type Bm25Parts } from "../retrieve/bm25.ts";
import { PassageTerms } from "../retrieve/passage-terms.ts";

/** What a version saves of the corpus analysis, so a load never analyses the chunks again. */
export const ANALYSIS_FILE = "analysis.bin";

export interface SavedAnalysis {
  /** The analyzer's known words, in the order the build collected them (spelling correction reads them in that order). */
  knownWords: string[];
  bm25: Bm25;
  passageTerms: PassageTerms;
}

/**
 * Layout: a 4-byte length, a JSON header (words, terms and array lengths), padding to 4 bytes, then
 * the typed arrays back to back. Binary rather than JSON: 100,000 chunks make millions of postings,
 * which JSON would take seconds to parse; typed arrays are read as views of the file's bytes.
 */
export async function writeAnalysis(file: string, saved: SavedAnalysis): Promise<void> {
  const { terms, starts, docs, tf, lengths } = saved.bm25.parts;
  const phraseTerms = [...saved.passageTerms.phraseOnly.keys()];
  const phraseStarts = new Uint32Array(phraseTerms.length + 1);
  phraseTerms.forEach((t, i) => (phraseStarts[i + 1] = phraseStarts[i] + saved.passageTerms.phraseOnly.get(t)!.length));
  const phraseDocs = new Int32Array(phraseStarts[phraseTerms.length]);
  phraseTerms.forEach((t, i) => phraseDocs.set(saved.passageTerms.phraseOnly.get(t)!, phraseStarts[i]));
  const arrays = [starts, docs, tf, lengths, phraseStarts, phraseDocs];
  const header = Buffer.from(JSON.stringify({ format: 1, knownWords: saved.knownWords, terms, phraseTerms, sizes: arrays.map((a) => a.length) }));
  const headerEnd = 4 + header.length + ((4 - ((4 + header.length) % 4)) % 4);
  const prefix = Buffer.alloc(headerEnd);
  prefix.writeUInt32LE(header.length, 0);
  header.copy(prefix, 4);
  await writeFile(file, Buffer.concat([prefix, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]));
}

export async function readAnalysis(file: string): Promise<SavedAnalysis> {
  const bytes = await readFile(file);
  // Typed-array views need 4-byte alignment; a pooled small buffer may not have it.
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.toString("utf8", 4, 4 + headerLength)) as { format: number; knownWords: string[]; terms: string[]; phraseTerms: string[]; sizes: number[] };
  if (header.format !== 1) throw new Error(`${file}: analysis format ${header.format} is not one this Lumbar reads`);
  let at = buffer.byteOffset + 4 + headerLength + ((4 - ((4 + headerLength) % 4)) % 4);
  const next = <T>(make: (b: ArrayBuffer, offset: number, length: number) => T, length: number): T => {
    const view = make(buffer.buffer as ArrayBuffer, at, length);
    at += length * 4;
    return view;
  };
  const u32 = (length: number) => next((b, o, l) => new Uint32Array(b, o, l), length);
  const i32 = (length: number) => next((b, o, l) => new Int32Array(b, o, l), length);
  const [s0, s1, s2, s3, s4, s5] = header.sizes;
  const parts: Bm25Parts = { terms: header.terms, starts: u32(s0), docs: i32(s1), tf: u32(s2), lengths: u32(s3) };
  const phraseStarts = u32(s4);
  const phraseDocs = i32(s5);
  const bm25 = new Bm25(parts);
  const phraseOnly = new Map(header.phraseTerms.map((t, i) => [t, phraseDocs.subarray(phraseStarts[i], phraseStarts[i + 1])]));
  return { knownWords: header.knownWords, bm25, passageTerms: new PassageTerms(bm25, phraseOnly) };
}
