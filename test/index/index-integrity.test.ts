import { appendFile, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { createLumbar } from "../../src/core/create-lumbar.ts";
import type { Lumbar } from "../../src/core/types.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import { LiveIndex } from "../../src/index/live-index.ts";
import { rollbackIndex } from "../../src/index/rollback.ts";
import { IndexDamagedError } from "../../src/index/version-integrity.ts";
import { createLogger, type Logger } from "../../src/log/logger.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// Damaged index versions on the real file system: files truncated, changed or missing inside the
// serving version, a corrupt CURRENT, and rollback. Nothing is faked.

let t: TestLumbar | null = null;
const extra: Lumbar[] = [];
afterEach(async () => {
  for (const core of extra.splice(0)) await core.close();
  await t?.cleanup();
  t = null;
});

const ARTICLE = "articles/back-pain-leads-to-leg-pain.md";
const WALKING = "would a walking stick help my leg";

/** Two kept versions: `older` (the test corpus) and `newer` (with a Walking Aids section added), CURRENT naming `newer`. */
async function twoVersions(): Promise<{ older: string; newer: string; dir: (v: string) => string }> {
  t = await makeTestLumbar();
  const older = (await t.lumbar.status()).version;
  await appendFile(path.join(t.corpusDir, ARTICLE), "\n## Walking Aids\n\nA walking stick can take some weight off a painful leg.\n");
  const newer = (await buildIndex({ corpusDir: t.corpusDir, dataDir: t.dataDir, embeddings: null })).version;
  expect(await currentVersion(t.dataDir)).toBe(newer);
  const dataDir = t.dataDir;
  return { older, newer, dir: (v) => path.join(dataDir, "index", "versions", v) };
}

function capturingLogger(): { logger: Logger; events: Array<Record<string, unknown>> } {
  const events: Array<Record<string, unknown>> = [];
  return { logger: createLogger("warn", (line) => events.push(JSON.parse(line) as Record<string, unknown>)), events };
}

/** A core over its own LiveIndex, as a freshly started bot. */
function startBot(logger: Logger, checkEveryMs?: number): { core: Lumbar; index: LiveIndex } {
  const index = new LiveIndex({ dataDir: t!.dataDir, corpusDir: t!.corpusDir, embeddings: null, logger, ...(checkEveryMs !== undefined ? { checkEveryMs } : {}) });
  const core = createLumbar({ config: t!.config, logger, index });
  extra.push(core);
  return { core, index };
}

async function emergencyMessages(): Promise<string[]> {
  const lines = (await readFile(path.join(PROJECT_ROOT, "test/eval/red-flags.jsonl"), "utf8")).split("\n").filter((l) => l.trim());
  return lines.map((l) => JSON.parse(l) as { text: string; expected: string }).filter((m) => m.expected === "emergency").map((m) => m.text);
}

async function countEmergencies(core: Lumbar, texts: string[]): Promise<number> {
  let n = 0;
  for (const [i, text] of texts.entries()) {
    const reply = await core.handle({ channel: "test", conversationId: `c${i}`, userId: `u${i}`, text });
    if (reply.escalation.level === "emergency") n++;
  }
  return n;
}

async function keptVersions(): Promise<string[]> {
  return (await readdir(path.join(t!.dataDir, "index", "versions"))).filter((n) => n.startsWith("v")).sort();
}

describe("damaged index versions", () => {
  it("a red-flags.yml cut in half inside the serving version is never served: the older good version serves and detects emergencies as before", async () => {
    const { older, newer, dir } = await twoVersions();
    const texts = await emergencyMessages();
    // Detection with the intact rules (the newer version), as the baseline the fallback must match.
    const intact = await countEmergencies(startBot(createLogger("silent")).core, texts);
    expect(intact).toBeGreaterThanOrEqual(texts.length - 2);

    const rules = path.join(dir(newer), "red-flags.yml");
    const source = await readFile(rules, "utf8");
    await writeFile(rules, source.slice(0, Math.floor(source.length / 2)));

    const { logger, events } = capturingLogger();
    const { core } = startBot(logger);
    expect((await core.status()).version).toBe(older);
    expect(await countEmergencies(core, texts)).toBe(intact);
    const warned = events.find((e) => e.event === "index.damaged");
    expect(warned).toMatchObject({ level: "warn", refused: newer, file: rules, problem: expect.stringMatching(/bytes where the manifest recorded \d+ \(truncated\)/) });
    expect(events.find((e) => e.event === "index.fallback_serving")).toMatchObject({ serving: older, refused: newer });
    // Loading it directly is refused with a typed error naming the file.
    const err = await loadIndex(t!.dataDir, newer, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexDamagedError);
    expect(err).toMatchObject({ code: "INDEX_DAMAGED", version: newer, file: rules });
    expect(await keptVersions()).toEqual([older, newer].sort()); // fell back; nothing rebuilt
  });

  it("a truncated, changed or missing index file is refused, naming the file, and the older version serves", async () => {
    const { older, newer, dir } = await twoVersions();
    const index = path.join(dir(newer), "vectors.bin");
    const chunks = path.join(dir(newer), "chunks.bin");
    const exemplars = path.join(dir(newer), "red-flag-exemplars", "docstore.json");

    await truncate(index, Math.floor((await stat(index)).size / 2));
    await expect(loadIndex(t!.dataDir, newer, null)).rejects.toMatchObject({ file: index, problem: expect.stringMatching(/truncated/) });
    const { core } = startBot(createLogger("silent"));
    expect((await core.status()).version).toBe(older);
    const reply = await core.handle({ channel: "test", conversationId: "c", userId: "u", text: "what is sciatica" });
    expect(reply.indexVersion).toBe(older);
    expect(reply.sources[0].section).toBe("1. Sciatica");

    // Same size, one byte changed: only the checksum can tell.
    const original = await readFile(chunks);
    const changed = Buffer.from(original);
    const at = changed.indexOf("sciatica");
    changed[at] = "S".charCodeAt(0);
    await writeFile(chunks, changed);
    await expect(loadIndex(t!.dataDir, newer, null)).rejects.toThrow(/index version \S+ is damaged: .*chunks\.bin: contents changed since the build/);

    const savedExemplars = await readFile(exemplars);
    await rm(exemplars);
    await writeFile(chunks, original);
    await expect(loadIndex(t!.dataDir, newer, null)).rejects.toMatchObject({ file: exemplars });
    await writeFile(exemplars, savedExemplars);
    await truncate(index, 0);
    await expect(loadIndex(t!.dataDir, newer, null)).rejects.toMatchObject({ file: index });
  });

  it("a file missing from the version, or a manifest without checksums (an older build), is refused", async () => {
    const { newer, dir } = await twoVersions();
    const exemplars = path.join(dir(newer), "red-flag-exemplars", "docstore.json");
    const saved = await readFile(exemplars);
    await rm(exemplars);
    await expect(loadIndex(t!.dataDir, newer, null)).rejects.toMatchObject({ code: "INDEX_DAMAGED", file: exemplars, problem: "missing" });
    await writeFile(exemplars, saved);
    await loadIndex(t!.dataDir, newer, null); // restored byte for byte: good again

    const manifestFile = path.join(dir(newer), "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ ruleCount: expect.any(Number), conceptCount: expect.any(Number), chunkCount: expect.any(Number) });
    expect(Object.keys(manifest.checksums as object)).toEqual(
      expect.arrayContaining(["red-flags.yml", "lay-terms.yml", "scope.yml", "chunks.bin", "vectors.bin", "red-flag-exemplars/hnswlib.index"]),
    );
    delete manifest.checksums;
    await writeFile(manifestFile, JSON.stringify(manifest));
    await expect(loadIndex(t!.dataDir, newer, null)).rejects.toThrow(/records no checksums/);
  });

  it("a corrupt, empty or missing CURRENT does not stop start-up: the newest good kept version serves, nothing is rebuilt", async () => {
    const { older, newer } = await twoVersions();
    const current = path.join(t!.dataDir, "index", "CURRENT");
    for (const damage of [Buffer.from([0xff, 0x00, 0x2f, 0x2e, 0x2e, 0x0a]), Buffer.from(""), Buffer.from("../../etc\n"), Buffer.from("v20990101T000000Z-1\n"), null]) {
      if (damage === null) await rm(current);
      else await writeFile(current, damage);
      const { logger, events } = capturingLogger();
      const { core } = startBot(logger);
      expect((await core.status()).version).toBe(newer);
      expect(events.find((e) => e.event === "index.fallback_serving")).toMatchObject({ serving: newer });
    }
    expect(await keptVersions()).toEqual([older, newer].sort());
  });

  it("with no good version left the index is rebuilt from the corpus, as on a first start", async () => {
    const { older, newer, dir } = await twoVersions();
    for (const v of [older, newer]) await truncate(path.join(dir(v), "red-flags.yml"), 100);
    const { core } = startBot(createLogger("silent"));
    const serving = (await core.status()).version;
    expect([older, newer]).not.toContain(serving);
    expect(await currentVersion(t!.dataDir)).toBe(serving);
    const reply = await core.handle({ channel: "test", conversationId: "c", userId: "u", text: "I wet myself this morning and didn't even notice until I stood up" });
    expect(reply.escalation.level).toBe("emergency");
  });

  it("a serving bot whose CURRENT is repointed at a damaged version keeps serving its own, and says so once", async () => {
    const { older, newer, dir } = await twoVersions();
    const { logger, events } = capturingLogger();
    const { core } = startBot(logger, 0);
    expect((await core.status()).version).toBe(newer);
    await truncate(path.join(dir(older), "lay-terms.yml"), 10);
    await writeFile(path.join(t!.dataDir, "index", "CURRENT"), older + "\n");
    for (let i = 0; i < 3; i++) expect((await core.status()).version).toBe(newer);
    expect(events.filter((e) => e.event === "index.damaged_keeping_old")).toEqual([expect.objectContaining({ refused: older, serving: newer })]);
  });
});

describe("rollback", () => {
  it("switches CURRENT back to the previous good version and a running bot serves it; then forward again by name", async () => {
    const { older, newer } = await twoVersions();
    // t.lumbar is a running core with the default two-second check.
    const serving = async () => (await t!.lumbar.status()).version;
    const waitFor = async (version: string) => {
      const deadline = Date.now() + 8000;
      while ((await serving()) !== version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      return serving();
    };
    expect(await waitFor(newer)).toBe(newer);
    expect((await t!.lumbar.handle({ channel: "test", conversationId: "a", userId: "u", text: WALKING })).sources[0].section).toBe("Walking Aids");

    const back = await rollbackIndex({ dataDir: t!.dataDir, embeddings: null });
    expect(back).toMatchObject({ from: newer, unchanged: false, to: { version: older } });
    expect(await currentVersion(t!.dataDir)).toBe(older);
    expect(await waitFor(older)).toBe(older);
    const reply = await t!.lumbar.handle({ channel: "test", conversationId: "b", userId: "u", text: WALKING });
    expect(reply.indexVersion).toBe(older);
    expect(reply.sources.map((s) => s.section)).not.toContain("Walking Aids");

    await rollbackIndex({ dataDir: t!.dataDir, embeddings: null, to: newer });
    expect(await waitFor(newer)).toBe(newer);
  });

  it("refuses a damaged version with a clear error and leaves CURRENT alone; skips it when looking for the previous good one", async () => {
    const { older, newer, dir } = await twoVersions();
    const rules = path.join(dir(older), "red-flags.yml");
    await truncate(rules, 200);
    await expect(rollbackIndex({ dataDir: t!.dataDir, embeddings: null, to: older })).rejects.toMatchObject({ code: "INDEX_DAMAGED", file: rules });
    await expect(rollbackIndex({ dataDir: t!.dataDir, embeddings: null })).rejects.toThrow(new RegExp(`no good kept version older than ${newer} to roll back to \\(${older}: `));
    await expect(rollbackIndex({ dataDir: t!.dataDir, embeddings: null, to: "v19990101T000000Z-1" })).rejects.toThrow(/no kept index version 'v19990101T000000Z-1'; kept: /);
    expect(await currentVersion(t!.dataDir)).toBe(newer);
  });
});
