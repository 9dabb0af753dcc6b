import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { acquireReindexLock, reindexLockHolder, type ReindexLock } from "../../src/index/reindex-lock.ts";

// The reindex lock on the real file system: heartbeat, age limit, and a takeover only one process
// can win. Holder files are written by hand to stand for other processes (alive, dead, stalled).

let dir: string;
let lockDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-lock-test-"));
  lockDir = path.join(dir, "reindex-lock");
  await mkdir(lockDir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A holder file for another process, its mtime `ageMs` in the past (no heartbeat since). */
async function holder(number: number, pid: number, ageMs: number): Promise<string> {
  const file = path.join(lockDir, `${String(number).padStart(12, "0")}.json`);
  await writeFile(file, JSON.stringify({ pid, host: os.hostname(), startedAt: new Date(Date.now() - ageMs).toISOString() }));
  const t = new Date(Date.now() - ageMs);
  await utimes(file, t, t);
  return file;
}

async function settle(attempts: Array<Promise<ReindexLock>>): Promise<{ won: ReindexLock[]; lost: unknown[] }> {
  const results = await Promise.allSettled(attempts);
  return {
    won: results.filter((r): r is PromiseFulfilledResult<ReindexLock> => r.status === "fulfilled").map((r) => r.value),
    lost: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason),
  };
}

describe("reindex lock", () => {
  it("a live PID that has not refreshed the lock for 30 s (a PID reused after a restart) no longer blocks", async () => {
    // This test process is alive, like an unrelated process that got the old holder's PID.
    const file = await holder(1, process.pid, 1_000);
    await expect(acquireReindexLock(lockDir)).rejects.toMatchObject({ code: "REINDEX_RUNNING", message: expect.stringContaining(`pid ${process.pid}`) });
    const old = new Date(Date.now() - 31_000);
    await utimes(file, old, old);
    expect(await reindexLockHolder(lockDir)).toBeNull();
    const lock = await acquireReindexLock(lockDir);
    expect((await reindexLockHolder(lockDir))?.pid).toBe(process.pid);
    await lock.release();
    expect(await reindexLockHolder(lockDir)).toBeNull();
  });

  it("of ten concurrent takers of one stale lock exactly one wins, round after round", async () => {
    await holder(1, process.pid, 60_000);
    for (let round = 0; round < 15; round++) {
      const { won, lost } = await settle(Array.from({ length: 10 }, () => acquireReindexLock(lockDir)));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      for (const err of lost) expect(err).toMatchObject({ code: "REINDEX_RUNNING" });
      await won[0].assertHeld();
      // Released, the lock is free for the next round's takers (who race for it again).
      await won[0].release();
    }
    // Only the last holder's file is left: lower numbers are cleaned up by each new holder.
    expect((await readdir(lockDir)).filter((n) => n.endsWith(".json"))).toHaveLength(1);
  });

  it("of four processes taking over one stale lock at the same moment exactly one wins", async () => {
    await holder(7, process.pid, 60_000);
    const children: ChildProcessWithoutNullStreams[] = [];
    const outputs: string[][] = [];
    const waitFor = (i: number, n: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (outputs[i].length >= n ? resolve() : undefined);
        children[i].stdout.on("data", check);
        children[i].on("exit", () => (outputs[i].length >= n ? resolve() : reject(new Error(`child ${i} exited: ${outputs[i].join(" | ")}`))));
        check();
      });
    try {
      for (let i = 0; i < 4; i++) {
        const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "test/index/fixtures/take-reindex-lock.ts"), lockDir], {
          cwd: PROJECT_ROOT,
          stdio: ["pipe", "pipe", "pipe"],
        });
        outputs[i] = [];
        let buffer = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          buffer += d;
          const lines = buffer.split("\n");
          buffer = lines.pop() ?? "";
          outputs[i].push(...lines);
        });
        children.push(child);
      }
      await Promise.all(children.map((_, i) => waitFor(i, 1)));
      for (const c of children) c.stdin.write("go\n");
      await Promise.all(children.map((_, i) => waitFor(i, 2)));
      const answers = outputs.map((o) => o[1]);
      expect(answers.filter((a) => a === "won"), answers.join(", ")).toHaveLength(1);
      expect(answers.filter((a) => a === "lost REINDEX_RUNNING")).toHaveLength(3);
      const winner = answers.indexOf("won");
      expect((await reindexLockHolder(lockDir))?.pid).toBe(children[winner].pid);
      for (const c of children) c.stdin.end("release\n");
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on("exit", r)))));
      expect(await reindexLockHolder(lockDir)).toBeNull();
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    }
  });

  it("the holder's heartbeat keeps a long hold fresh past the age limit", async () => {
    // Held for two and a half times the age limit (shortened here); the heartbeat beats ten times as often.
    const lock = await acquireReindexLock(lockDir, { staleMs: 1_000, heartbeatMs: 100 });
    await new Promise((r) => setTimeout(r, 2_500));
    await expect(acquireReindexLock(lockDir, { staleMs: 1_000 })).rejects.toMatchObject({ code: "REINDEX_RUNNING" });
    const [file] = (await readdir(lockDir)).filter((n) => n.endsWith(".json"));
    expect(Date.now() - (await stat(path.join(lockDir, file))).mtimeMs).toBeLessThan(1_000);
    await lock.release();
    const next = await acquireReindexLock(lockDir, { staleMs: 1_000 });
    await next.release();
  });

  it("a stalled holder that was taken over finds out before it commits, and its release leaves the new holder alone", async () => {
    // No heartbeat within the test: the holder stands for a process paused past the age limit.
    const stalled = await acquireReindexLock(lockDir, { heartbeatMs: 3_600_000 });
    const [file] = (await readdir(lockDir)).filter((n) => n.endsWith(".json"));
    const old = new Date(Date.now() - 31_000);
    await utimes(path.join(lockDir, file), old, old);
    const taker = await acquireReindexLock(lockDir);
    await expect(stalled.assertHeld()).rejects.toThrow(/took the reindex lock over/);
    await taker.assertHeld();
    await stalled.release();
    await expect(acquireReindexLock(lockDir)).rejects.toMatchObject({ code: "REINDEX_RUNNING" });
    await taker.release();
  });

  it("a holder that died on this host is taken over at once", async () => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    const dead = child.pid!;
    await new Promise((r) => child.on("close", r));
    await holder(3, dead, 0);
    const lock = await acquireReindexLock(lockDir);
    await lock.release();
  });
});
