import { open, readFile, writeFile } from "node:fs/promises";
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

/**
 * Reads a saved analysis. `postings: false` (a red-flag worker's load, which never ranks passages)
 * leaves out the postings' documents and frequencies, about 62 MB of the 65 MB file at 100,000
 * chunks: the known words, the terms and where each term's postings start are read, which is all
 * the IDF the embedder weighs words by needs; matching against such a Bm25 finds nothing.
 */
export async function readAnalysis(file: string, options: { postings?: boolean } = {}): Promise<SavedAnalysis> {
  if (options.postings === false) return readWithoutPostings(file);
  const bytes = await readFile(file);
  // Typed-array views need 4-byte alignment; a pooled small buffer may not have it.
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const headerLength = buffer.readUInt32LE(0);
  const header = parseHeader(file, buffer.toString("utf8", 4, 4 + headerLength));
  let at = buffer.byteOffset + dataStart(headerLength);
  const next = <T>(make: (b: ArrayBuffer, offset: number, length: number) => T, length: number): T => {
    const view = make(buffer.buffer as ArrayBuffer, at, length);
    at += length * 4;
    return view;
  };
  const u32 = (length: number) => next((b, o, l) => new Uint32Array(b, o, l), length);
  const i32 = (length: number) => next((b, o, l) => new Int32Array(b, o, l), length);
  const [s0, s1, s2, s3, s4, s5] = header.sizes;
  const parts: Bm25Parts = { terms: header.terms, starts: u32(s0), docs: i32(s1), tf: u32(s2), lengths: u32(s3) };
  return assemble(header, parts, u32(s4), i32(s5));
}

interface Header {
  format: number;
  knownWords: string[];
  terms: string[];
  phraseTerms: string[];
  sizes: number[];
}

function parseHeader(file: string, json: string): Header {
  const header = JSON.parse(json) as Header;
  if (header.format !== 1) throw new Error(`${file}: analysis format ${header.format} is not one this Lumbar reads`);
  return header;
}

/** Where the typed arrays start: after the length, the header and its padding to 4 bytes. */
function dataStart(headerLength: number): number {
  return 4 + headerLength + ((4 - ((4 + headerLength) % 4)) % 4);
}

function assemble(header: Header, parts: Bm25Parts, phraseStarts: Uint32Array, phraseDocs: Int32Array): SavedAnalysis {
  const bm25 = new Bm25(parts);
  const phraseOnly = new Map(header.phraseTerms.map((t, i) => [t, phraseDocs.subarray(phraseStarts[i], phraseStarts[i + 1])]));
  return { knownWords: header.knownWords, bm25, passageTerms: new PassageTerms(bm25, phraseOnly) };
}

async function readWithoutPostings(file: string): Promise<SavedAnalysis> {
  const handle = await open(file, "r");
  try {
    const readAt = async (position: number, bytes: number): Promise<Buffer> => {
      const out = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(out, 0, bytes, position);
      if (bytesRead !== bytes) throw new Error(`${file}: ${bytesRead} bytes at ${position} where ${bytes} were expected`);
      return out;
    };
    const headerLength = (await readAt(0, 4)).readUInt32LE(0);
    const header = parseHeader(file, (await readAt(4, headerLength)).toString("utf8"));
    const [s0, s1, s2, s3, s4, s5] = header.sizes;
    // Buffer.alloc of these sizes is never pooled, so its memory is 4-byte aligned.
    const u32 = async (position: number, length: number) => new Uint32Array((await readAt(position, length * 4)).buffer, 0, length);
    let at = dataStart(headerLength);
    const starts = await u32(at, s0);
    at += (s0 + s1 + s2) * 4;
    const lengths = await u32(at, s3);
    at += s3 * 4;
    const phraseStarts = await u32(at, s4);
    at += s4 * 4;
    const phraseDocs = new Int32Array((await u32(at, s5)).buffer, 0, s5);
    return assemble(header, { terms: header.terms, starts, docs: new Int32Array(0), tf: new Uint32Array(0), lengths }, phraseStarts, phraseDocs);
  } finally {
    await handle.close();
  }
}
