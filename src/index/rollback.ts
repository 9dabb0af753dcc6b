import type { ProviderConfig } from "../config/config.ts";
import { LumbarError } from "../core/errors.ts";
import { readCurrent, writeCurrent } from "./current-pointer.ts";
import { indexPaths } from "./index-paths.ts";
import { keptVersionNames } from "./kept-versions.ts";
import { loadIndex } from "./load-index.ts";
import type { Manifest } from "./manifest.ts";
import { acquireReindexLock } from "./reindex-lock.ts";
import { IndexDamagedError } from "./version-integrity.ts";

export interface RollbackOptions {
  dataDir: string;
  /** The embedder configuration serving processes load with: a version they could not load is refused. */
  embeddings: ProviderConfig | null;
  /** The kept version to switch to; by default the newest good version older than the one CURRENT names. */
  to?: string;
  /** Tells the other instances on a shared database to serve the version, once CURRENT names it. */
  publish?: (version: string) => Promise<void>;
}

export interface RollbackResult {
  /** What CURRENT named before (null if it was missing or unreadable). */
  from: string | null;
  to: Manifest;
  /** True when CURRENT already named the version asked for. */
  unchanged: boolean;
  /** Older versions passed over on the way to the previous good one, with why. */
  skipped: Array<{ version: string; problem: string }>;
}

/**
 * Points CURRENT at a kept version, after loading it exactly as a serving process would (every file
 * checked against its manifest, then parsed): a damaged version is refused with IndexDamagedError.
 * Serving processes pick the switch up as they do a reindex. Holds the reindex lock meanwhile, so a
 * reindex can neither prune the target nor repoint CURRENT under it.
 */
export async function rollbackIndex(options: RollbackOptions): Promise<RollbackResult> {
  const paths = indexPaths(options.dataDir);
  const lock = await acquireReindexLock(paths.lock);
  try {
    const pointer = await readCurrent(paths);
    const from = pointer.kind === "version" ? pointer.version : null;
    const names = await keptVersionNames(paths);
    const skipped: RollbackResult["skipped"] = [];
    let target: Manifest | null = null;
    if (options.to !== undefined) {
      if (!names.includes(options.to)) {
        throw new LumbarError("INDEX_MISSING", `no kept index version '${options.to}'; kept: ${names.join(", ") || "none"} (see 'lumbar rollback --list')`);
      }
      // Damage is thrown as it is: the operator asked for this version and needs to know why not.
      target = (await loadIndex(options.dataDir, options.to, options.embeddings)).manifest;
    } else {
      const older = from === null ? names : names.filter((n) => n < from);
      for (const version of older) {
        try {
          target = (await loadIndex(options.dataDir, version, options.embeddings)).manifest;
          break;
        } catch (err) {
          if (!(err instanceof LumbarError)) throw err;
          skipped.push({ version, problem: err instanceof IndexDamagedError ? `${err.file}: ${err.problem}` : err.message });
        }
      }
      if (!target) {
        const why = skipped.length ? ` (${skipped.map((s) => `${s.version}: ${s.problem}`).join("; ")})` : "";
        throw new LumbarError("INDEX_MISSING", `no good kept version ${from ? `older than ${from} ` : ""}to roll back to${why}; see 'lumbar rollback --list'`);
      }
    }
    if (target.version === from) {
      // Published anyway: a database that missed the last switch (it was unreachable) catches up.
      await options.publish?.(target.version);
      return { from, to: target, unchanged: true, skipped };
    }
    await lock.assertHeld();
    await writeCurrent(paths, target.version);
    await options.publish?.(target.version);
    return { from, to: target, unchanged: false, skipped };
  } finally {
    await lock.release();
  }
}
