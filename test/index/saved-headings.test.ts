import path from "node:path";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import { HEADINGS_FILE } from "../../src/index/manifest.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { buildHeadingIndex, headingIndex, savedHeadings, type HeadingIndex, type SavedHeadings } from "../../src/retrieve/heading-index.ts";

let dataDir: string;
let snapshot: IndexSnapshot;
let saved: SavedHeadings;

beforeAll(async () => {
  const embeddings = loadConfig({}).embeddings;
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-saved-headings-"));
  await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings });
  snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, embeddings);
  saved = JSON.parse(await readFile(path.join(snapshot.dir, HEADINGS_FILE), "utf8")) as SavedHeadings;
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Every part of an index as plain data, so two indexes compare with toEqual. */
function plain(index: HeadingIndex) {
  return {
    names: index.names,
    tokens: index.tokens,
    chunks: index.names.map((_, id) => [...index.chunksOf(id)]),
    headingOf: [...index.headingOf],
    byToken: [...index.byToken].map(([t, ids]) => [t, [...ids]]),
    idOf: [...index.idOf],
  };
}

describe("a version's saved heading tokens", () => {
  it("are listed in the manifest and loaded into the snapshot the heading index is built from", () => {
    expect(snapshot.manifest.checksums[HEADINGS_FILE]).toBeDefined();
    expect(snapshot.savedHeadings).toBeDefined();
    expect(saved.chunkCount).toBe(snapshot.chunks.length);
  });

  it("give the same heading index as analysing every heading, and the loaded snapshot's index is that one", () => {
    const built = buildHeadingIndex(snapshot.chunks, snapshot.analyzer);
    expect(plain(buildHeadingIndex(snapshot.chunks, snapshot.analyzer, saved))).toEqual(plain(built));
    expect(plain(headingIndex(snapshot))).toEqual(plain(built));
    expect(savedHeadings(snapshot.chunks.length, built)).toEqual(saved);
  });

  it("are not adopted when they do not match the chunks' headings: the index is analysed as without them", () => {
    const built = plain(buildHeadingIndex(snapshot.chunks, snapshot.analyzer));
    // Same count and names, tokens swapped: adoption would show as different tokens.
    const poisoned = (over: Partial<SavedHeadings>): SavedHeadings => ({ ...saved, words: saved.words.map(() => "zorblatt"), ...over });
    expect(plain(buildHeadingIndex(snapshot.chunks, snapshot.analyzer, poisoned({})))).not.toEqual(built);
    const renamed = [...saved.names];
    renamed[0] = `${renamed[0]} (edited)`;
    for (const stale of [poisoned({ chunkCount: saved.chunkCount + 1 }), poisoned({ names: renamed }), poisoned({ names: saved.names.slice(1), counts: saved.counts.slice(1) })]) {
      expect(plain(buildHeadingIndex(snapshot.chunks, snapshot.analyzer, stale))).toEqual(built);
    }
    // A version built before the file existed still loads and builds its index.
    expect(plain(buildHeadingIndex(snapshot.chunks, snapshot.analyzer, undefined))).toEqual(built);
  });
});
