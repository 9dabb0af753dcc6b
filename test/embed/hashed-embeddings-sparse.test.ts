import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { HashedEmbeddings } from "../../src/embed/hashed-embeddings.ts";
import { EVAL_DIR, readJsonl, RED_FLAG_SETS, type RedFlagCase } from "../../src/eval/eval-sets.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";

let dataDir: string;
let snapshot: IndexSnapshot;

beforeAll(async () => {
  const embeddings = loadConfig({}).embeddings;
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-sparse-"));
  await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings });
  snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, embeddings);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("offline embedder, sparse form", () => {
  it("holds the dense vector's entries to the last bit, call after call (its scratch space starts clean)", async () => {
    const embeddings = snapshot.embeddings;
    expect(embeddings).toBeInstanceOf(HashedEmbeddings);
    const hashed = embeddings as HashedEmbeddings;
    const texts = (await readJsonl<RedFlagCase>(path.join(EVAL_DIR, RED_FLAG_SETS.dev))).map((c) => c.text.toLowerCase());
    // A long clause of words never seen after short ones, then a short one again.
    texts.push(Array.from({ length: 3000 }, (_, i) => `zq${(i * 7919).toString(36)}x`).join(" "), "numb down there");
    for (const text of texts) {
      const dense = hashed.vector(text);
      const { indices, values } = hashed.sparseVector(text);
      const fromSparse = new Array<number>(dense.length).fill(0);
      indices.forEach((i, k) => (fromSparse[i] = values[k]));
      expect(fromSparse).toEqual(dense);
      // Indices ascending, each once.
      for (let k = 1; k < indices.length; k++) expect(indices[k]).toBeGreaterThan(indices[k - 1]);
    }
  });
});

describe("offline embedder on a large vocabulary", () => {
  it("is built over 300,000 distinct terms (a spread of one argument per term overflowed the stack)", () => {
    const idf = new Map(Array.from({ length: 300_000 }, (_, i) => [`t${i}`, 1 + (i % 50) / 10] as [string, number]));
    const analyzer = snapshot.analyzer;
    expect(() => new HashedEmbeddings({ analyzer, idf })).not.toThrow();
  });
});
