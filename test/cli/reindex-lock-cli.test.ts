import { spawn } from "node:child_process";
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reindexLockHolder } from "../../src/index/reindex-lock.ts";
import { makeCliSandbox, type CliSandbox } from "./cli-harness.ts";

// One reindex at a time: `lumbar reindex` refuses while another live process holds the lock, and
// takes over a lock left behind by one that died. Real child processes over temporary folders.

let locked: CliSandbox;

beforeAll(async () => {
  locked = await makeCliSandbox();
});

afterAll(async () => {
  await locked?.cleanup();
});

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The pid of a process that has exited (and been reaped), to stand in for a crashed reindex. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid!;
  await new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", () => resolve());
  });
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
  return pid;
}

describe("lumbar reindex and the reindex lock", () => {
  it("refuses while a live process holds the lock (exit 3), and takes over a lock left by a dead one", async () => {
    // The lock is a folder of numbered holder files; the highest number holds it while fresh.
    const lock = path.join(locked.dataDir, "index", "reindex-lock", "000000000001.json");
    await mkdir(path.dirname(lock), { recursive: true });

    // This test process is alive: it stands for a reindex still running.
    const held = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: "2026-01-01T00:00:00.000Z" });
    await writeFile(lock, held);
    const refused = await locked.run(["reindex"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("already running");
    expect(refused.stderr).toContain(`pid ${process.pid}`);
    expect(refused.stdout).not.toMatch(/is now serving/);
    expect(await readFile(lock, "utf8")).toBe(held); // the other process's lock is left alone
    expect(await exists(path.join(locked.dataDir, "index", "CURRENT"))).toBe(false);

    // A crashed reindex left its lock behind: the next one takes it over.
    const dead = await deadPid();
    await writeFile(lock, JSON.stringify({ pid: dead, host: os.hostname(), startedAt: "2026-01-01T00:00:00.000Z" }));
    const tookOver = await locked.run(["reindex"]);
    expect(tookOver.code, tookOver.stderr).toBe(0);
    expect(tookOver.stdout).toMatch(/^Index v\S+ is now serving: \d+ chunks/m);
    expect(await exists(lock)).toBe(false); // the taker cleaned up the dead holder's file
    expect(await reindexLockHolder(path.dirname(lock))).toBeNull(); // and released its own
    expect((await readFile(path.join(locked.dataDir, "index", "CURRENT"), "utf8")).trim()).toMatch(/^v\S+$/);
  });
});
