import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCliSandbox, type CliSandbox } from "./cli-harness.ts";

// The command line through the real bin/lumbar.js: help succeeds, mistakes are one line and exit 2.
let box: CliSandbox;
beforeAll(async () => {
  box = await makeCliSandbox();
});
afterAll(async () => {
  await box.cleanup();
});

describe("lumbar's command line", () => {
  it("prints the usage and exits 0 for --help, -h, help, and a command's --help", async () => {
    for (const args of [["--help"], ["-h"], ["help"], ["ask", "--help"], ["rollback", "-h"]]) {
      const r = await box.run(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^Usage: lumbar <command>/);
      expect(r.stdout).toMatch(/rollback \[VERSION\]/);
    }
  });

  it("names an unknown command or option in one line and exits 2", async () => {
    const unknown = await box.run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split("\n")).toEqual(["lumbar: unknown command 'frobnicate'. Run 'lumbar --help' for the commands."]);
    const badFlag = await box.run(["ask", "--jsno", "what is sciatica"]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr.trim().split("\n")).toHaveLength(1);
    expect(badFlag.stderr).toMatch(/--jsno/);
    // An option of another command is not this one's.
    expect((await box.run(["status", "--jsonl"])).code).toBe(2);
    expect((await box.run(["ask", "--data"])).stderr).toMatch(/--data/);
  });

  it("with no command, prints the usage on stderr and exits 2", async () => {
    const r = await box.run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Usage: lumbar <command>/);
  });
});
