import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCliSandbox, type CliSandbox } from "./cli-harness.ts";

// `npm start` (node bin/lumbar.js start) on a machine with no Slack or Telegram credentials: it says
// how to turn them on, builds the first index in the empty data folder, and opens the terminal chat.

let sandbox: CliSandbox;

beforeAll(async () => {
  sandbox = await makeCliSandbox();
});

afterAll(async () => {
  await sandbox?.cleanup();
});

describe("lumbar start with no channel configured", () => {
  it("names the channel variables, builds the index, answers in the terminal and exits 0 on /quit", async () => {
    expect(await readdir(sandbox.dataDir)).toEqual([]);
    const result = await sandbox.run(["start"], { stdin: "what is sciatica\n/quit\n", keepStdinOpen: true });
    // stdin stays open, so it is /quit that ends the chat (a hang would be killed and fail here).
    expect(result.code, result.stderr).toBe(0);
    expect(result.signal).toBeNull();
    const out = result.stdout;

    const slack = out.indexOf("SLACK_BOT_TOKEN");
    const telegram = out.indexOf("TELEGRAM_BOT_TOKEN");
    const ready = out.search(/Index v\S+ ready \(\d+ chunks\)/);
    // The first start says it builds the index, because it does.
    expect(out).toContain("Building the index");
    const answer = out.indexOf("(From “1. Sciatica”");
    const suggestions = out.indexOf("You could ask:");
    expect(slack).toBeGreaterThanOrEqual(0);
    expect(telegram).toBeGreaterThanOrEqual(0);
    expect(ready).toBeGreaterThan(Math.max(slack, telegram));
    expect(answer).toBeGreaterThan(ready);
    expect(suggestions).toBeGreaterThan(answer);
    expect(out.slice(ready, answer)).toMatch(/Sciatica is/);

    // The first start built the index in the empty data folder.
    const current = (await readFile(path.join(sandbox.dataDir, "index", "CURRENT"), "utf8")).trim();
    expect(out).toContain(`Index ${current} ready`);
    // Routine log lines stay out of the terminal conversation; nothing went wrong either.
    expect(result.stderr).not.toMatch(/"level":"(info|error)"|unexpected error/);
  });
});
