import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { SPELLING_FILE } from "../../src/index/spelling-file.ts";
import { checkRedFlags } from "../../src/safety/check-red-flags.ts";

const embeddings = loadConfig({}).embeddings;
let dataDir: string;
let version: string;
let eager: IndexSnapshot;

const TYPOS = ["sciatca", "hernaited", "numbnes", "bak", "pian", "hom", "goldfsh", "qzvkwxjq", "physiotherapyy", "spondylolisthsis", "stenossis", "excercises", "streching", "matress", "pillw"];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-deferred-spelling-"));
  await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings });
  version = (await currentVersion(dataDir))!;
  eager = await loadIndex(dataDir, version, embeddings);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("a serving load's deferred spelling tables", () => {
  it("are left out of the load and adopted by the first correction that needs them, correcting as an eager load does", async () => {
    const deferred = await loadIndex(dataDir, version, embeddings, { deferSpelling: true });
    expect(deferred.analyzer.spellingDeferred).toBe(true);
    // A word the corpus knows needs no table.
    expect(deferred.analyzer.correct("sciatica")).toBe("sciatica");
    expect(deferred.analyzer.spellingDeferred).toBe(true);
    for (const w of TYPOS) expect(deferred.analyzer.correct(w)).toBe(eager.analyzer.correct(w));
    expect(deferred.analyzer.spellingDeferred).toBe(false);
    expect(deferred.spellingBytes).toBeDefined();
    expect(Buffer.from(deferred.spellingBytes!).equals(Buffer.from(eager.spellingBytes!))).toBe(true);
  });

  it("are adopted by the background read, and handed to a red-flag worker's load like an eager load's", async () => {
    const deferred = await loadIndex(dataDir, version, embeddings, { deferSpelling: true });
    await deferred.loadDeferred!();
    expect(deferred.analyzer.spellingDeferred).toBe(false);
    for (const w of TYPOS) expect(deferred.analyzer.correct(w)).toBe(eager.analyzer.correct(w));
    const lean = await loadIndex(dataDir, version, embeddings, { redFlagsOnly: true, spellingBytes: deferred.spellingBytes });
    expect(lean.spellingBytes).toBe(deferred.spellingBytes);
    for (const text of ["numb between my legs and cant pee", "sciatca down my leg"]) expect(await checkRedFlags(lean, text)).toEqual(await checkRedFlags(eager, text));
  });

  it("are adopted when the snapshot's bytes are asked for (what a red-flag worker is handed)", async () => {
    const deferred = await loadIndex(dataDir, version, embeddings, { deferSpelling: true });
    expect(deferred.spellingBytes).toBeDefined();
    expect(deferred.analyzer.spellingDeferred).toBe(false);
    // A copy of the snapshot (as tests and callers make with a spread) carries them too.
    expect({ ...deferred }.spellingBytes).toBe(deferred.spellingBytes);
  });

  it("are built from the analyzer's own words, correcting the same, when the file went away after the load", async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), "lumbar-deferred-spelling-gone-"));
    try {
      await cp(dataDir, copy, { recursive: true });
      const deferred = await loadIndex(copy, version, embeddings, { deferSpelling: true });
      await rm(path.join(deferred.dir, SPELLING_FILE));
      await expect(deferred.loadDeferred!()).rejects.toThrow();
      for (const w of TYPOS) expect(deferred.analyzer.correct(w)).toBe(eager.analyzer.correct(w));
      expect(deferred.spellingBytes).toBeUndefined();
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
