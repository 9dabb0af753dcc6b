import { access, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reindexLockHolder } from "../../src/index/reindex-lock.ts";
import { makeCliSandbox, parseSingleJson, type CliSandbox, type ReplyJson } from "./cli-harness.ts";

// `lumbar reindex` as an operator runs it: a failed rebuild leaves the previous index serving.
// Real child processes over a temporary corpus copy and data folder.

const ARTICLE = path.join("articles", "back-pain-leads-to-leg-pain.md");

let broken: CliSandbox;

beforeAll(async () => {
  broken = await makeCliSandbox();
});

afterAll(async () => {
  await broken?.cleanup();
});

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function status(sandbox: CliSandbox): Promise<Record<string, string>> {
  const result = await sandbox.run(["status"]);
  expect(result.code, result.stderr).toBe(0);
  return Object.fromEntries(
    result.stdout
      .trim()
      .split("\n")
      .map((l) => {
        const [key, ...rest] = l.split(" ");
        return [key, rest.join(" ")];
      }),
  );
}

describe("lumbar reindex with a broken article", () => {
  it("reports a broken article with its path and line, and leaves the previous index serving", async () => {
    const built = await broken.run(["reindex"]);
    expect(built.code, built.stderr).toBe(0);
    const before = await status(broken);
    expect(before.version).toMatch(/^v\S+$/);
    expect(before.corpus).toMatch(/^[0-9a-f]{16}$/);

    // A clinician drops the colon after "title" on line 2 of the front matter.
    const article = path.join(broken.corpusDir, ARTICLE);
    const text = await readFile(article, "utf8");
    expect(text.split("\n")[1]).toMatch(/^title: /);
    await writeFile(article, text.replace(/^title: /m, "title "));

    const failed = await broken.run(["reindex"]);
    expect(failed.code).not.toBe(0);
    expect(failed.code).not.toBe(3);
    expect(failed.stderr).toContain(`${article}:2:`);
    expect(failed.stderr).toMatch(/key: value/);
    expect(failed.stderr).toContain(`the previous index ${before.version} is still serving`);
    expect(failed.stdout).not.toMatch(/is now serving/);
    // The failed build cleaned up after itself: no half-built version, no lock left behind.
    expect((await readdir(path.join(broken.dataDir, "index", "versions"))).filter((n) => n.startsWith("."))).toEqual([]);
    expect(await reindexLockHolder(path.join(broken.dataDir, "index", "reindex-lock"))).toBeNull();

    const [after, asked] = await Promise.all([status(broken), broken.run(["ask", "--json", "what is sciatica"])]);
    expect(after.version).toBe(before.version);
    expect(after.corpus).toBe(before.corpus);
    expect(asked.code, asked.stderr).toBe(0);
    const reply = parseSingleJson(asked) as unknown as ReplyJson;
    expect(reply.sources[0].section).toBe("1. Sciatica");
  });
});
