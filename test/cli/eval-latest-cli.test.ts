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
    // The whole evaluation (every registered set, some 250 files) takes one to three minutes beside the
    // rest of the suite; the ceiling is only there so a hang fails instead of blocking the run.
    const run = await sandbox.run(["eval", "--json"], { timeoutMs: 420_000 });
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { questions: Record<string, { hitAt1: number }> };
    const latest = await readLatestEval(sandbox.dataDir);
    expect(latest).not.toBeNull();
    expect(latest!.report).toEqual(printed);
    expect(latest!.indexVersion).toMatch(/^v\d{8}T/);
    expect(Date.parse(latest!.finishedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(Object.keys(latest!.report.redFlags).length).toBeGreaterThan(0);
  }, 450_000);
});
