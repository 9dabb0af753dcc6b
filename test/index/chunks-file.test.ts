import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { chunkArticles, type Chunk } from "../../src/corpus/chunk.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { readChunks, writeChunks } from "../../src/index/chunks-file.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-chunks-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("chunks.bin", () => {
  it("gives back the shipped corpus's chunks exactly, keys in the chunker's order", async () => {
    const chunks = await chunkArticles((await loadCorpus(path.join(PROJECT_ROOT, "corpus"))).articles);
    const file = path.join(dir, "shipped.bin");
    await writeChunks(file, chunks);
    const back = await readChunks(file);
    expect(back).toEqual(chunks);
    expect(JSON.stringify(back)).toBe(JSON.stringify(chunks));
  });

  it("keeps text in any script, and shares repeated headings and heading paths", async () => {
    const path1 = ["Rückenschmerzen", "Ischias — 坐骨神经痛"];
    const chunks: Chunk[] = [
      { id: "0", article: "Rückenschmerzen", file: "a.md", section: "Ischias — 坐骨神经痛", headingPath: path1, text: "Schmerz ins Bein 🦵, “quoted”.", part: 1, parts: 2 },
      { id: "1", article: "Rückenschmerzen", file: "a.md", section: "Ischias — 坐骨神经痛", headingPath: [...path1], text: "", part: 2, parts: 2 },
      { id: "2", article: "B", file: "b.md", section: "S", headingPath: ["B", "S"], text: "plain", part: 1, parts: 1 },
    ];
    const file = path.join(dir, "scripts.bin");
    await writeChunks(file, chunks);
    const back = await readChunks(file);
    expect(back).toEqual(chunks);
    expect(back[1].headingPath).toBe(back[0].headingPath);
    expect(back[1].section).toBe(back[0].section);
    expect(await readChunks(await emptyFile())).toEqual([]);
  });

  it("gives back all-ASCII texts exactly (cut from one decoded block), short, long and empty alike", async () => {
    const texts = ["", "a", "short text", "a longer text of plain ASCII words, well over a slice's minimum length", "", "x".repeat(5000), "last one."];
    const chunks: Chunk[] = texts.map((text, i) => ({ id: `c${i}`, article: "A", file: "a.md", section: "S", headingPath: ["A", "S"], text, part: i + 1, parts: texts.length }));
    const file = path.join(dir, "ascii.bin");
    await writeChunks(file, chunks);
    const back = await readChunks(file);
    expect(back).toEqual(chunks);
    expect(JSON.stringify(back)).toBe(JSON.stringify(chunks));
  });

  it("refuses a truncated file", async () => {
    const file = path.join(dir, "scripts.bin");
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 3));
    await expect(readChunks(file)).rejects.toThrow(/size does not match|truncated/);
  });
});

async function emptyFile(): Promise<string> {
  const file = path.join(dir, "empty.bin");
  await writeChunks(file, []);
  return file;
}
