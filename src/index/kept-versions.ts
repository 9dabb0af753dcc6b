import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isVersionName, versionDir, type IndexPaths } from "./index-paths.ts";
import { MANIFEST_FILE, type Manifest } from "./manifest.ts";
import { IndexDamagedError, verifyVersion } from "./version-integrity.ts";

/** One version folder under data/index/versions, checked against its manifest. */
export interface KeptVersion {
  version: string;
  /** The manifest when every file matched it; null when the version is damaged. */
  manifest: Manifest | null;
  damage: IndexDamagedError | null;
  /** Build time and chunk count as the manifest states them (unverified when damaged; null if unreadable). */
  builtAt: string | null;
  chunkCount: number | null;
}

/** Names of the kept versions, newest first (names start with the build time, so they sort by it). */
export async function keptVersionNames(paths: IndexPaths): Promise<string[]> {
  const names = await readdir(paths.versions).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [] as string[];
    throw err;
  });
  return names.filter(isVersionName).sort().reverse();
}

/** Verifies one kept version; damage is returned, not thrown. */
export async function checkVersion(paths: IndexPaths, version: string): Promise<KeptVersion> {
  const dir = versionDir(paths, version);
  try {
    const manifest = await verifyVersion(dir, version);
    return { version, manifest, damage: null, builtAt: manifest.builtAt, chunkCount: manifest.chunkCount };
  } catch (err) {
    if (!(err instanceof IndexDamagedError)) throw err;
    // Shown to the operator as the manifest says, to tell versions apart; never used to serve.
    const stated = await readFile(path.join(dir, MANIFEST_FILE), "utf8")
      .then((t) => JSON.parse(t) as Partial<Manifest>)
      .catch(() => null);
    return {
      version,
      manifest: null,
      damage: err,
      builtAt: typeof stated?.builtAt === "string" ? stated.builtAt : null,
      chunkCount: typeof stated?.chunkCount === "number" ? stated.chunkCount : null,
    };
  }
}

/** Every kept version, newest first, each verified (every file hashed). */
export async function listKeptVersions(paths: IndexPaths): Promise<KeptVersion[]> {
  const out: KeptVersion[] = [];
  for (const version of await keptVersionNames(paths)) out.push(await checkVersion(paths, version));
  return out;
}

/**
 * The order to try kept versions in when `named` cannot serve: the versions older than it, newest
 * first (what a rollback would pick), then any newer ones. With no name, simply newest first.
 */
export function fallbackOrder(names: string[], named: string | null): string[] {
  const others = names.filter((n) => n !== named);
  if (named === null) return others;
  return [...others.filter((n) => n < named), ...others.filter((n) => n > named)];
}
