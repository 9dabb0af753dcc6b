import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../core/errors.ts";

/**
 * Makes sure a folder Lumbar writes to exists and can be written, before anything else starts, so
 * a wrong permission or a read-only disk is one clear line naming the folder and its setting rather
 * than a stack trace from deep inside the index build or the audit log.
 *
 * It writes and removes a small probe file: permission bits alone do not tell (root ignores them,
 * a read-only mount or a full disk does not show in them).
 *
 * @param variable the setting that chose the folder (LUMBAR_DATA_DIR or --data), named in the error.
 * @throws ConfigError naming `variable` and the folder.
 */
export function requireWritableFolder(dir: string, variable: string): void {
  const probe = path.join(dir, `.lumbar-write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code ? `${e.code}${REASONS[e.code] ? `: ${REASONS[e.code]}` : ""}` : e.message;
    throw new ConfigError(variable, `cannot write to the data folder '${dir}' (${reason}); make it writable for this user, or point ${variable} at another folder`);
  }
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOTDIR: "a part of the path is a file",
  ENOSPC: "no space left on the disk",
  EDQUOT: "disk quota exceeded",
};
