// `lumbar eval` keeps its report in the data folder, where the console's quality page reads it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLatestEval } from "../../src/eval/latest-results.ts";
import { makeCliSandbox, type CliSandbox } from "./cli-harness.ts";

let sandbox: CliSandbox;
beforeAll(async () => {
  sandbox = await makeCliSandbox();
});
afterAll(async () => {
  await sandbox?.cleanup();
});

describe("lumbar eval", () => {
  it("writes its latest results to data/eval/latest.json, with the index version they were run against", async () => {
    // Two named sets (one of each family that has them): the whole evaluation is npm run eval's job
    // and test/eval/eval-floors.test.ts's; this is about what the command writes.
    const run = await sandbox.run(["eval", "--json", "--sets", "dev,blind63"], { timeoutMs: 180_000 });
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { questions: Record<string, { hitAt1: number }> };
    const latest = await readLatestEval(sandbox.dataDir);
    expect(latest).not.toBeNull();
    expect(latest!.report).toEqual(printed);
    expect(latest!.indexVersion).toMatch(/^v\d{8}T/);
    expect(Date.parse(latest!.finishedAt)).toBeGreaterThan(Date.now() - 180_000);
    expect(Object.keys(latest!.report.questions).sort()).toEqual(["blind63", "dev"]);
    expect(Object.keys(latest!.report.redFlags).sort()).toEqual(["blind63", "dev"]);
    expect(Object.keys(latest!.report.crisis ?? {})).toEqual(["blind63"]);
  }, 200_000);

  it("names a set it does not know, in one line, and writes nothing", async () => {
    const before = await readLatestEval(sandbox.dataDir);
    const run = await sandbox.run(["eval", "--sets", "dev,nosuchset"], { timeoutMs: 60_000 });
    expect(run.code).not.toBe(0);
    expect(await readLatestEval(sandbox.dataDir)).toEqual(before);
    expect(run.stderr).toMatch(/no evaluation set named 'nosuchset'/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  }, 90_000);
});
