import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { checkRedFlags } from "../../src/safety/check-red-flags.ts";
import { RedFlagWorkers } from "../../src/safety/red-flag-workers.ts";

let dataDir: string;
let snapshot: IndexSnapshot;
const embeddings = loadConfig({}).embeddings;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-workers-"));
  await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings });
  snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, embeddings);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const decision = (r: { level: string; reasons: string[]; check: string[]; informational: boolean }) => ({ level: r.level, reasons: r.reasons, check: r.check, informational: r.informational });

describe("red-flag check of long messages in worker threads", () => {
  const filler = "My back has been stiff since the weekend and sitting at my desk makes it worse. ".repeat(150);
  const messages = [
    filler + "Since this morning I can't feel anything when I wipe and I wet myself without noticing.",
    filler + "Both my legs went numb after I fell off the ladder.",
    filler + "What does saddle anaesthesia mean? I don't have it, just curious.",
    filler,
  ];

  it("decides exactly as the check on the calling thread, for the whole message", async () => {
    const workers = new RedFlagWorkers({ dataDir, embeddings, size: 2, minChars: 1_000 });
    try {
      const inWorkers = await Promise.all(messages.map((m) => workers.check(snapshot, m)));
      const here = await Promise.all(messages.map((m) => checkRedFlags(snapshot, m)));
      expect(inWorkers.map(decision)).toEqual(here.map(decision));
      // The flag buried at the end of a long message is found: the worker saw all of it.
      expect(inWorkers[0].level).toBe("emergency");
      expect(inWorkers[1].level).toBe("emergency");
      expect(inWorkers[3].level).toBe("none");
      // They came from the workers, which keep the words to themselves (a fallback would carry them).
      expect(inWorkers.every((r) => r.tokens.length === 0)).toBe(true);
    } finally {
      await workers.close();
    }
  });

  it("checks on the calling thread when the worker cannot load the index, so nothing goes unchecked", async () => {
    const workers = new RedFlagWorkers({ dataDir: path.join(dataDir, "missing"), embeddings, size: 1, minChars: 1_000 });
    try {
      const r = await workers.check(snapshot, messages[0]);
      expect(r.level).toBe("emergency");
      expect(r.tokens.length).toBeGreaterThan(0);
    } finally {
      await workers.close();
    }
  });
});
