import { open, writeFile } from "node:fs/promises";
import type { DeletionTables, SpellingTables } from "../text/analyzer.ts";

/**
 * The analyzer's spelling indexes, saved with a version: at 100,000 chunks they took about two
 * seconds to build at every start (and again in each red-flag worker), before the version served.
 */
export const SPELLING_FILE = "spelling.bin";

/**
 * Layout: a 4-byte length, a JSON header (the two word lists and the arrays' lengths), padding to
 * 8 bytes, the two Float64 key tables, then the Int32 arrays. Read back as views of the file's bytes.
 */
export async function writeSpelling(file: string, tables: SpellingTables): Promise<void> {
  const f64 = [tables.deletions.slots, tables.common.slots];
  const i32 = [tables.deletions.starts, tables.deletions.idList, tables.deletions.bits, tables.common.starts, tables.common.idList, tables.common.bits];
  const header = Buffer.from(
    JSON.stringify({ format: 1, candidateWords: tables.candidateWords, commonWords: tables.commonWords, sizes: [...f64, ...i32].map((a) => a.length) }),
  );
  const prefix = Buffer.alloc(dataStart(header.length));
  prefix.writeUInt32LE(header.length, 0);
  header.copy(prefix, 4);
  await writeFile(file, Buffer.concat([prefix, ...[...f64, ...i32].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]));
}

/**
 * Reads the file into memory every thread can share (a SharedArrayBuffer): the serving thread
 * hands the same bytes to its red-flag workers, so a worker does not hold a second copy of
 * about 100 MB at 100,000 chunks. The tables are never written after a build.
 */
export async function readSpellingBytes(file: string): Promise<SharedArrayBuffer> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const bytes = new SharedArrayBuffer(size);
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(new Uint8Array(bytes), at, size - at, at);
      if (bytesRead === 0) throw new Error(`${file}: ended after ${at} of ${size} bytes`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** The tables as views of the bytes (no copy). */
export function parseSpelling(file: string, bytes: SharedArrayBuffer): SpellingTables {
  const buffer = Buffer.from(bytes);
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.toString("utf8", 4, 4 + headerLength)) as { format: number; candidateWords: string[]; commonWords: string[]; sizes: number[] };
  if (header.format !== 1) throw new Error(`${file}: spelling format ${header.format} is not one this Lumbar reads`);
  let at = buffer.byteOffset + dataStart(headerLength);
  const [d0, c0, d1, d2, d3, c1, c2, c3] = header.sizes;
  const f64 = (length: number) => {
    const view = new Float64Array(buffer.buffer, at, length);
    at += length * 8;
    return view;
  };
  const i32 = (length: number) => {
    const view = new Int32Array(buffer.buffer, at, length);
    at += length * 4;
    return view;
  };
  const deletionSlots = f64(d0);
  const commonSlots = f64(c0);
  const deletions: DeletionTables = { slots: deletionSlots, starts: i32(d1), idList: i32(d2), bits: i32(d3) };
  const common: DeletionTables = { slots: commonSlots, starts: i32(c1), idList: i32(c2), bits: i32(c3) };
  if (at !== buffer.byteOffset + buffer.length) throw new Error(`${file}: ${buffer.length} bytes where its header describes ${at - buffer.byteOffset}`);
  return { candidateWords: header.candidateWords, commonWords: header.commonWords, deletions, common };
}

function dataStart(headerLength: number): number {
  return 4 + headerLength + ((8 - ((4 + headerLength) % 8)) % 8);
}
