import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { LumbarError } from "../core/errors.ts";

/**
 * One reindex at a time across processes: an exclusive lock file holding the owner's pid. A lock
 * left by a crashed process (pid gone) is taken over rather than blocking operators forever.
 */
export async function acquireReindexLock(lockFile: string): Promise<() => Promise<void>> {
  await mkdir(path.dirname(lockFile), { recursive: true });
  // The holder is written to a private file first and linked into place, so the lock never exists
  // empty: another process either sees a complete holder or no lock at all.
  const mine = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), token: Math.random().toString(36).slice(2) });
  const draft = `${lockFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(draft, mine);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(draft, lockFile);
        return async () => {
          // Release only our own lock, never one another process took over.
          if ((await readFile(lockFile, "utf8").catch(() => "")) === mine) await rm(lockFile, { force: true });
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        const holder = await readFile(lockFile, "utf8").then((t) => JSON.parse(t) as { pid: number; startedAt: string }).catch(() => null);
        if (holder && isAlive(holder.pid)) {
          throw new LumbarError(
            "REINDEX_RUNNING",
            `another reindex is already running (pid ${holder.pid}, started ${holder.startedAt}); wait for it to finish and try again`,
          );
        }
        await rm(lockFile, { force: true });
      }
    }
    throw new LumbarError("REINDEX_RUNNING", `could not take the reindex lock ${lockFile}`);
  } finally {
    await rm(draft, { force: true });
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
