import { open, readFile, rename } from "node:fs/promises";
import { isVersionName, type IndexPaths } from "./index-paths.ts";

/** What the CURRENT file says: a version, nothing yet, or something that is not a version name. */
export type CurrentPointer = { kind: "version"; version: string } | { kind: "missing" } | { kind: "corrupt"; problem: string };

/** Reads CURRENT without throwing: a damaged pointer must not stop start-up (the caller falls back). */
export async function readCurrent(paths: IndexPaths): Promise<CurrentPointer> {
  let text: string;
  try {
    text = await readFile(paths.current, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "missing" };
    return { kind: "corrupt", problem: `${paths.current} cannot be read (${code ?? (err as Error).message})` };
  }
  const name = text.trim();
  if (name === "") return { kind: "corrupt", problem: `${paths.current} is empty` };
  if (!isVersionName(name)) return { kind: "corrupt", problem: `${paths.current} does not hold a version name` };
  return { kind: "version", version: name };
}

/**
 * Points CURRENT at a version, atomically: written to a temporary file, fsync'd, then renamed over
 * CURRENT and the folder fsync'd, so a power cut leaves either the old pointer or the new one.
 */
export async function writeCurrent(paths: IndexPaths, version: string): Promise<void> {
  const pointerTmp = `${paths.current}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fh = await open(pointerTmp, "w");
  try {
    await fh.writeFile(version + "\n");
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(pointerTmp, paths.current);
  const dir = await open(paths.root, "r");
  await dir.sync().finally(() => dir.close());
}
