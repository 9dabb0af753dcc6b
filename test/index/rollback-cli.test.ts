import { mkdir, readFile, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build-index.ts";
import { makeCliSandbox, parseSingleJson, type CliSandbox } from "../cli/cli-harness.ts";

// `lumbar rollback` as an operator runs it: real child processes over a temporary data folder.

let sandbox: CliSandbox;
const built: string[] = [];

beforeAll(async () => {
  sandbox = await makeCliSandbox();
  // Built in this process (the CLI's reindex has its own tests): three kept versions, oldest first.
  for (let i = 0; i < 3; i++) built.push((await buildIndex({ corpusDir: sandbox.corpusDir, dataDir: sandbox.dataDir, embeddings: null })).version);
}, 60_000);

afterAll(async () => {
  await sandbox?.cleanup();
});

const current = async () => (await readFile(path.join(sandbox.dataDir, "index", "CURRENT"), "utf8")).trim();

describe("lumbar rollback", () => {
  it("lists the kept versions, rolls back past a damaged one, refuses it by name, and goes forward again", async () => {
    const [a, b, c] = built;
    const listed = await sandbox.run(["rollback", "--list"]);
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trim().split("\n").slice(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^\\* ${c}  built \\S+Z  \\d+ chunks  verified$`));
    expect(lines[1]).toMatch(new RegExp(`^  ${b}  built \\S+Z  \\d+ chunks  verified$`));

    const rules = path.join(sandbox.dataDir, "index", "versions", b, "red-flags.yml");
    await truncate(rules, 500);
    const json = parseSingleJson(await sandbox.run(["rollback", "--list", "--json"]));
    expect(json.current).toBe(c);
    expect(json.versions).toEqual([
      expect.objectContaining({ version: c, verified: true, current: true, chunkCount: expect.any(Number) }),
      expect.objectContaining({ version: b, verified: false, current: false, problem: expect.stringContaining(`${rules}: 500 bytes where the manifest recorded`) }),
      expect.objectContaining({ version: a, verified: true, current: false }),
    ]);

    const refused = await sandbox.run(["rollback", b]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`index version ${b} is damaged: ${rules}: 500 bytes`);
    expect(refused.stderr).toContain("refused to roll back to a damaged version");
    expect(await current()).toBe(c);

    const back = await sandbox.run(["rollback"]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toContain(`skipped ${b}: ${rules}`);
    expect(back.stdout).toMatch(new RegExp(`^Index ${a} is now serving \\(was ${c}\\): \\d+ chunks`));
    expect(await current()).toBe(a);
    const status = await sandbox.run(["status"]);
    expect(status.stdout).toContain(`version ${a}`);

    const unknown = await sandbox.run(["rollback", "v19990101T000000000Z-1"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no kept index version 'v19990101T000000000Z-1'; kept: ${c}, ${b}, ${a}`);

    const forward = await sandbox.run(["rollback", c]);
    expect(forward.code, forward.stderr).toBe(0);
    expect(await current()).toBe(c);
    const again = await sandbox.run(["rollback", c]);
    expect(again.stdout).toContain("already the serving version");
  }, 60_000);

  it("waits its turn behind a running reindex (exit 3), like a second reindex", async () => {
    const lockDir = path.join(sandbox.dataDir, "index", "reindex-lock");
    await mkdir(lockDir, { recursive: true });
    const holder = path.join(lockDir, "000000099999.json");
    await writeFile(holder, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }));
    const before = await current();
    const r = await sandbox.run(["rollback"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("another reindex is already running");
    expect(await current()).toBe(before);
  });
});
