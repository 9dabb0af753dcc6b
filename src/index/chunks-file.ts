import { isAscii } from "node:buffer";
import { readFile, writeFile } from "node:fs/promises";
import type { Chunk } from "../corpus/chunk.ts";
import { LumbarError } from "../core/errors.ts";

/** A version's chunks (since chunks.json): their text in one UTF-8 block, everything else in a small header. */
export const CHUNKS_BIN_FILE = "chunks.bin";

const FORMAT = 1;
/** Per chunk in the header's `rows`: id, article, file, section (string ids), heading path id, part, parts. */
const ROW = 7;

interface Header {
  format: number;
  count: number;
  /** Distinct ids, titles, file paths and headings: a section's chunks, an article's sections share them. */
  strings: string[];
  /** Distinct heading paths, as string ids. */
  paths: number[][];
  rows: number[];
}

/**
 * Writes the chunks as a JSON header (u32 length first) then, 4-byte aligned, the texts' end
 * offsets (u32) and the texts themselves as one UTF-8 block. At 100,000 chunks, loading the JSON
 * array (110 MB) took 1.4 s to read into a string and 1 s to parse, and held the file twice over
 * (bytes and string) meanwhile; this reads the block once and cuts each text from it.
 */
export async function writeChunks(file: string, chunks: Chunk[]): Promise<void> {
  const ids = new Map<string, number>();
  const strings: string[] = [];
  const idOf = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = strings.push(s) - 1));
    return id;
  };
  const pathIds = new Map<string, number>();
  const paths: number[][] = [];
  const rows: number[] = [];
  const texts: Buffer[] = [];
  const ends = new Uint32Array(chunks.length);
  let end = 0;
  chunks.forEach((c, i) => {
    const key = c.headingPath.join("\u0000");
    let p = pathIds.get(key);
    if (p === undefined) pathIds.set(key, (p = paths.push(c.headingPath.map(idOf)) - 1));
    rows.push(idOf(c.id), idOf(c.article), idOf(c.file), idOf(c.section), p, c.part, c.parts);
    const text = Buffer.from(c.text, "utf8");
    texts.push(text);
    ends[i] = end += text.length;
  });
  const header = Buffer.from(JSON.stringify({ format: FORMAT, count: chunks.length, strings, paths, rows } satisfies Header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
  await writeFile(file, Buffer.concat([length, header, pad, new Uint8Array(ends.buffer), ...texts]));
}

/** Reads what {@link writeChunks} wrote: repeated titles, paths, headings and heading paths are one object each. */
export async function readChunks(file: string): Promise<Chunk[]> {
  const bytes = await readFile(file);
  const bad = (why: string) => new LumbarError("INDEX_INVALID", `chunks file ${file}: ${why}`);
  if (bytes.length < 4) throw bad("too short");
  const headerLength = bytes.readUInt32LE(0);
  if (4 + headerLength > bytes.length) throw bad("truncated");
  let header: Header;
  try {
    header = JSON.parse(bytes.toString("utf8", 4, 4 + headerLength)) as Header;
  } catch {
    throw bad("its header is not valid JSON");
  }
  if (header.format !== FORMAT) throw bad(`format ${header.format}, not ${FORMAT}`);
  const { count, strings, rows } = header;
  if (rows.length !== count * ROW) throw bad("its header does not describe every chunk");
  const endsAt = 4 + headerLength + ((4 - ((4 + headerLength) % 4)) % 4);
  const textsAt = endsAt + count * 4;
  if (textsAt > bytes.length) throw bad("truncated");
  // Read one by one rather than as a view: a small file's buffer may not be 4-byte aligned.
  const endOf = (i: number) => bytes.readUInt32LE(endsAt + i * 4);
  if (count > 0 && textsAt + endOf(count - 1) !== bytes.length) throw bad("its size does not match its header");
  const paths = header.paths.map((p) => p.map((id) => strings[id]));
  const chunks: Chunk[] = new Array(count);
  // All ASCII (each byte one character, the same in UTF-8 and Latin-1): the block is decoded once,
  // as Latin-1 (a copy; a third of UTF-8 decoding's time), and each text is a slice of it, which V8
  // keeps as a reference into the one string rather than a copy. At 100,000 chunks decoding them
  // one by one made 100,000 strings of about 1 kB that the garbage collector then copied out of the
  // young generation, a few hundred ms of a cold start. Otherwise (a UTF-8 character of more than
  // one byte anywhere) each text is decoded on its own, as the offsets are in bytes.
  const block = isAscii(bytes.subarray(textsAt)) ? bytes.toString("latin1", textsAt, bytes.length) : null;
  const text: (start: number, end: number) => string =
    block !== null ? (start, end) => block.slice(start, end) : (start, end) => bytes.toString("utf8", textsAt + start, textsAt + end);
  let start = 0;
  for (let i = 0, r = 0; i < count; i++, r += ROW) {
    const end = endOf(i);
    // The same keys in the same order as the chunker makes them.
    chunks[i] = {
      id: strings[rows[r]],
      article: strings[rows[r + 1]],
      file: strings[rows[r + 2]],
      section: strings[rows[r + 3]],
      headingPath: paths[rows[r + 4]],
      text: text(start, end),
      part: rows[r + 5],
      parts: rows[r + 6],
    };
    start = end;
  }
  return chunks;
}
