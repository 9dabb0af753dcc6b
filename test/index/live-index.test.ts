import { spawn } from "node:child_process";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { createLumbar } from "../../src/core/create-lumbar.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion } from "../../src/index/load-index.ts";
import { LiveIndex } from "../../src/index/live-index.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

let t: TestLumbar | null = null;
afterEach(async () => {
  await t?.cleanup();
  t = null;
});

const ARTICLE = "articles/back-pain-leads-to-leg-pain.md";

describe("serving index", () => {
  it("a version whose copied rules this Lumbar cannot read (an older release, a damaged file) is never served: it is rebuilt", async () => {
    t = await makeTestLumbar();
    const old = (await t.lumbar.status()).version;
    const copied = path.join(t.dataDir, "index", "versions", old, "red-flags.yml");
    const text = await readFile(copied, "utf8");
    await writeFile(copied, text.slice(0, text.indexOf("\ncontext:")));
    const live = new LiveIndex({ dataDir: t.dataDir, corpusDir: t.corpusDir, embeddings: null, logger: silentLogger });
    const snapshot = await live.get();
    expect(snapshot.manifest.version).not.toBe(old);
    expect(snapshot.rules.context.negationBefore.length).toBeGreaterThan(0);
    expect(await currentVersion(t.dataDir)).toBe(snapshot.manifest.version);
  });

  it("a serving core switches to a version built elsewhere without a restart", async () => {
    t = await makeTestLumbar();
    const before = await t.lumbar.status();
    // Another process (the CLI, another bot) rebuilds after an article edit.
    await appendFile(path.join(t.corpusDir, ARTICLE), "\n## Walking Aids\n\nA walking stick can take some weight off a painful leg.\n");
    const built = await buildIndex({ corpusDir: t.corpusDir, dataDir: t.dataDir, embeddings: null });
    expect(built.version).not.toBe(before.version);
    const live = new LiveIndex({ dataDir: t.dataDir, corpusDir: t.corpusDir, embeddings: null, logger: silentLogger, checkEveryMs: 0 });
    expect((await live.get()).manifest.version).toBe(built.version);
    // The core notices within its check interval (2 s by default).
    const deadline = Date.now() + 5000;
    let seen = before.version;
    while (seen !== built.version && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      seen = (await t.lumbar.status()).version;
    }
    expect(seen).toBe(built.version);
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "c", userId: "u", text: "would a walking stick help my leg" });
    expect(reply.sources[0].section).toBe("Walking Aids");
  });

  it("a failed build leaves the previous version serving and answering", async () => {
    t = await makeTestLumbar();
    const before = await t.lumbar.status();
    const file = path.join(t.corpusDir, ARTICLE);
    await writeFile(file, (await readFile(file, "utf8")).replace("source:", "source"));
    await expect(t.lumbar.reindex()).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: `));
    expect(await currentVersion(t.dataDir)).toBe(before.version);
    expect((await t.lumbar.status()).version).toBe(before.version);
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "c", userId: "u", text: "what is sciatica" });
    expect(reply.sources[0].section).toBe("1. Sciatica");
  });

  it("an invalid red-flag rules file fails the build with its line, old version kept", async () => {
    t = await makeTestLumbar();
    const before = await t.lumbar.status();
    const rules = path.join(t.corpusDir, "red-flags.yml");
    await writeFile(rules, (await readFile(rules, "utf8")).replace("tier: emergency", "tier: someday"));
    await expect(t.lumbar.reindex()).rejects.toThrow(/red-flags\.yml:\d+: tier must be emergency or urgent/);
    expect((await t.lumbar.status()).version).toBe(before.version);
  });

  it("two processes starting together on an empty data folder both come up on one index", async () => {
    t = await makeTestLumbar();
    const dataDir = path.join(t.dataDir, "fresh");
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin/lumbar.js"), "ask", "--json", "what is sciatica"], {
          env: { ...process.env, LUMBAR_DATA_DIR: dataDir, LUMBAR_CORPUS_DIR: t!.corpusDir },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) => resolve({ code, out }));
      });
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).sources[0].section).toBe("1. Sciatica");
    }
  }, 30_000);

  it("refuses a second concurrent reindex in the same process with a clear message", async () => {
    t = await makeTestLumbar();
    const core = createLumbar({ config: t.config, logger: silentLogger });
    const results = await Promise.allSettled([core.reindex(), core.reindex()]);
    const rejected = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(String(rejected[0].reason.message)).toMatch(/another reindex is already running/);
    await core.close();
  });
});
