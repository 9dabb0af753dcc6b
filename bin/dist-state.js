// Whether dist/ (what `npm run build` compiles) can be trusted to be the current sources. Shared by
// bin/lumbar.js, scripts/build.mjs and the test of the compiled path, so all three agree on what
// "built" and "stale" mean. Plain JavaScript: it runs before anything is compiled.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The build folder, relative to the repository root. */
export const DIST_DIR = "dist";
/** Inside dist/: `{ sourcesAt }`, the time (ms) the build that wrote it started. */
export const STAMP_FILE = "build-stamp.json";
/** The folders compiled (everything bin/lumbar.js reaches), mirrored under dist/. */
export const BUILT_FOLDERS = ["src", "adapters"];
/** Files outside those folders that change what tsc emits. */
const BUILD_CONFIG = ["tsconfig.json", "tsconfig.build.json"];

/**
 * `{ fresh: true }` when dist/ was built from the sources as they are now; otherwise why not. A
 * source (or folder: adding, deleting or renaming a file changes it) modified after the build
 * started makes dist/ stale, which is what happens when a developer edits src/ or switches
 * branches without rebuilding. About 200 stat calls: a couple of milliseconds at start.
 */
export function distState(root) {
  let sourcesAt;
  try {
    sourcesAt = JSON.parse(readFileSync(path.join(root, DIST_DIR, STAMP_FILE), "utf8")).sourcesAt;
  } catch {
    return { fresh: false, reason: `${DIST_DIR}/ is not built` };
  }
  if (typeof sourcesAt !== "number") return { fresh: false, reason: `${DIST_DIR}/${STAMP_FILE} is unreadable` };
  const newer = (file) => {
    try {
      return statSync(file).mtimeMs > sourcesAt;
    } catch {
      return false; // a file that is not there is not newer (a deploy may ship dist/ without src/)
    }
  };
  for (const file of BUILD_CONFIG) if (newer(path.join(root, file))) return { fresh: false, reason: `${file} changed after ${DIST_DIR}/ was built` };
  const walk = (dir) => {
    if (newer(dir)) return dir;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const found = entry.isDirectory() ? walk(full) : newer(full) ? full : null;
      if (found) return found;
    }
    return null;
  };
  for (const folder of BUILT_FOLDERS) {
    const changed = walk(path.join(root, folder));
    if (changed) return { fresh: false, reason: `${path.relative(root, changed)} changed after ${DIST_DIR}/ was built` };
  }
  return { fresh: true };
}
