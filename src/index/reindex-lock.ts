import { link, mkdir, open, readdir, readFile, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { LumbarError } from "../core/errors.ts";

/*
 * One reindex (or rollback) at a time across processes, and across hosts that share the data folder.
 *
 * The lock is a folder of numbered holder files (000000000001.json, ...); the highest number is the
 * holder. A holder is live while its file is fresh: it touches the file's mtime every `heartbeatMs`
 * through the file handle it keeps open. A file not touched for `staleMs` is stale whatever PID it
 * names, so a PID reused after a container restart can no longer block reindex forever; on the
 * same host a holder whose PID is gone is stale at once, so a crashed reindex is taken over without
 * waiting. Release sets the mtime to 0 instead of deleting the file.
 *
 * Why numbered files created with link() rather than one lock file taken over by deleting or
 * renaming it: "see it is stale, then remove it" is two steps, and neither unlink nor rename can say
 * "only if it is still the stale one". Two processes that both saw a stale lock can each remove it,
 * the slower one removing the lock the faster one has just taken, and both build. Here a takeover
 * removes nothing: whoever takes over holder N creates N+1 with link(), which creates the name or
 * fails with EEXIST atomically (also on NFS, unlike O_EXCL on old clients), so of all the processes
 * taking over the same stale holder exactly one wins. Lower numbers are deleted by the new holder;
 * a process that read the folder long ago could re-create such a number, so every taker checks
 * after linking that no higher number exists, and gives way if one does.
 *
 * A holder paused for longer than `staleMs` (SIGSTOP, an event loop blocked that long) can be taken
 * over while it still thinks it holds the lock: `assertHeld()` lets it find out before it commits.
 */

export interface ReindexLockOptions {
  /** A holder file not touched for this long is stale, in ms. Defaults to 30,000. */
  staleMs?: number;
  /** How often the holder touches its file, in ms. Defaults to 5,000. */
  heartbeatMs?: number;
}

/** What a holder file says about its process. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface ReindexLock {
  /** Throws REINDEX_RUNNING if another process has taken the lock over since (this one stalled). */
  assertHeld(): Promise<void>;
  /** Gives the lock up; later calls do nothing. */
  release(): Promise<void>;
}

export const DEFAULT_STALE_MS = 30_000;
export const DEFAULT_HEARTBEAT_MS = 5_000;
const HOLDER_FILE = /^(\d{12})\.json$/;
/** Takers that keep losing to other takers give up after this many rounds (each round someone wins). */
const MAX_ROUNDS = 8;

interface Entry {
  number: number;
  file: string;
  holder: LockHolder | null;
  mtimeMs: number;
  ino: number;
}

export async function acquireReindexLock(lockDir: string, options: ReindexLockOptions = {}): Promise<ReindexLock> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  await mkdir(lockDir, { recursive: true });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const top = await highest(lockDir);
    if (top && !isStale(top, staleMs)) throw runningError(top);
    const number = (top?.number ?? 0) + 1;
    const file = holderFile(lockDir, number);
    // The holder is written to a private draft and linked into place, so a holder file is never
    // seen empty; the draft is written just before the link so the new file starts fresh.
    const draft = path.join(lockDir, `.draft-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
    await writeFile(draft, JSON.stringify(me));
    try {
      await link(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") continue; // another taker won this number
      throw err;
    } finally {
      await rm(draft, { force: true });
    }
    const after = await highest(lockDir);
    if (after && after.number !== number) {
      // We re-created a number the holder had already cleaned up: give way to the real holder.
      await rm(file, { force: true });
      continue;
    }
    const handle = await open(file, "r+");
    const ino = (await handle.stat()).ino;
    await cleanUp(lockDir, number);
    return holdLock(lockDir, number, handle, ino, heartbeatMs);
  }
  const top = await highest(lockDir);
  throw top ? runningError(top) : new LumbarError("REINDEX_RUNNING", `could not take the reindex lock in ${lockDir}; try again`);
}

/** The live holder of the lock, or null when nobody holds it (never taken, released, or stale). */
export async function reindexLockHolder(lockDir: string, staleMs = DEFAULT_STALE_MS): Promise<LockHolder | null> {
  const top = await highest(lockDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
  return top && !isStale(top, staleMs) ? top.holder ?? { pid: 0, host: "unknown", startedAt: "unknown" } : null;
}

function holdLock(lockDir: string, number: number, handle: FileHandle, ino: number, heartbeatMs: number): ReindexLock {
  let released = false;
  // unref: a heartbeat must never keep a finished CLI process alive.
  const timer = setInterval(() => {
    const now = new Date();
    handle.utimes(now, now).catch(() => undefined);
  }, heartbeatMs);
  timer.unref();
  return {
    async assertHeld() {
      const top = await highest(lockDir);
      if (top?.number === number && top.ino === ino) return;
      throw new LumbarError(
        "REINDEX_RUNNING",
        `another process took the reindex lock over while this one was stalled${top?.holder ? ` (pid ${top.holder.pid} on ${top.holder.host})` : ""}; this run is abandoned`,
      );
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      // Marked free by an mtime of 0 rather than deleted, so the highest number never disappears
      // (a lower one could otherwise be mistaken for the holder). Through the handle, this touches
      // only our own file even if another process has taken the lock over meanwhile.
      await handle.utimes(0, 0).catch(() => undefined);
      await handle.close().catch(() => undefined);
    },
  };
}

async function highest(lockDir: string): Promise<Entry | null> {
  const numbers = (await readdir(lockDir))
    .map((n) => HOLDER_FILE.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
  for (const number of numbers) {
    const file = holderFile(lockDir, number);
    // The file can vanish between readdir and stat when a new holder cleans up: look again lower
    // down only if so (a vanished number is never the highest for long).
    const st = await stat(file).catch(() => null);
    if (!st) continue;
    const holder = await readFile(file, "utf8")
      .then((t) => JSON.parse(t) as LockHolder)
      .catch(() => null);
    return { number, file, holder, mtimeMs: st.mtimeMs, ino: st.ino };
  }
  return null;
}

function isStale(entry: Entry, staleMs: number): boolean {
  if (Date.now() - entry.mtimeMs > staleMs) return true;
  // A PID only means something on the host that wrote it (containers sharing the folder have their
  // own PID spaces), and even there it may have been reused: a live PID never makes a lock fresh.
  return entry.holder !== null && entry.holder.host === os.hostname() && !isAlive(entry.holder.pid);
}

function runningError(top: Entry): LumbarError {
  const who = top.holder ? `pid ${top.holder.pid} on ${top.holder.host}, started ${top.holder.startedAt}` : `holder file ${top.file}`;
  return new LumbarError("REINDEX_RUNNING", `another reindex is already running (${who}); wait for it to finish and try again`);
}

function holderFile(lockDir: string, number: number): string {
  return path.join(lockDir, `${String(number).padStart(12, "0")}.json`);
}

/** Deletes holder files below ours and drafts left by crashed takers. */
async function cleanUp(lockDir: string, number: number): Promise<void> {
  for (const name of await readdir(lockDir)) {
    const m = HOLDER_FILE.exec(name);
    if (m && Number(m[1]) < number) await rm(path.join(lockDir, name), { force: true });
    else if (name.startsWith(".draft-")) {
      const st = await stat(path.join(lockDir, name)).catch(() => null);
      if (st && Date.now() - st.mtimeMs > 60 * 60 * 1000) await rm(path.join(lockDir, name), { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
