import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { indexPaths, versionDir } from "../../src/index/index-paths.ts";
import { CHUNKS_BIN_FILE as CHUNKS_FILE } from "../../src/index/chunks-file.ts";
import { IndexDamagedError, startVerifyingVersion } from "../../src/index/version-integrity.ts";

let dataDir: string;
let dir: string;
let version: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-verify-"));
  version = (await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings: null })).version;
  dir = versionDir(indexPaths(dataDir), version);
}, 120_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("verifying a version with its large files hashed on a worker thread", () => {
  it("passes an intact version, and names a changed file (same size) only through `verified`", async () => {
    // Every file counts as large here, so all are hashed on the worker thread.
    await (await startVerifyingVersion(dir, version, { backgroundFrom: 0 })).verified;
    const file = path.join(dir, CHUNKS_FILE);
    const original = await readFile(file);
    const changed = Buffer.from(original);
    changed[changed.indexOf("sciatica")] = "S".charCodeAt(0);
    await writeFile(file, changed);
    try {
      const { manifest, verified } = await startVerifyingVersion(dir, version, { backgroundFrom: 0 });
      expect(manifest.version).toBe(version);
      const err = await verified.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IndexDamagedError);
      expect(err).toMatchObject({ file, problem: expect.stringMatching(/contents changed since the build/) });
      // A load that never reads the file (a red-flag worker's) checks only its size.
      await (await startVerifyingVersion(dir, version, { backgroundFrom: 0, unread: () => new Set([CHUNKS_FILE]) })).verified;
    } finally {
      await writeFile(file, original);
    }
  });
});
