import path from "node:path";

/** Where index versions live under the data folder. */
export interface IndexPaths {
  root: string;
  versions: string;
  /** A one-line file naming the version that serves; replaced atomically by rename. */
  current: string;
  /** Folder of the reindex lock's holder files (see reindex-lock.ts). */
  lock: string;
}

export function indexPaths(dataDir: string): IndexPaths {
  const root = path.join(dataDir, "index");
  return {
    root,
    versions: path.join(root, "versions"),
    current: path.join(root, "CURRENT"),
    lock: path.join(root, "reindex-lock"),
  };
}

export function versionDir(paths: IndexPaths, version: string): string {
  return path.join(paths.versions, version);
}

/** Version names are folder names made by buildIndex; anything else (CURRENT garbage, a path) is refused. */
export function isVersionName(name: string): boolean {
  return /^v[A-Za-z0-9_-]+$/.test(name);
}
