// `npm run build` (and `npm install`/`npm ci`, through the `prepare` script): compiles src/ and
// adapters/ into dist/, which is what bin/lumbar.js runs in production. Plain JavaScript so it runs
// before anything is built, with no TypeScript loader.
//
// Steps:
//   1. tsc -p tsconfig.build.json into a fresh temporary folder, so a failed or interrupted build
//      never leaves a half-written dist/ that looks fresh;
//   2. copy every file tsc does not emit (the worker entries *.mjs, the console's static/*.js)
//      beside the compiled modules, because the code finds them relative to its own module;
//   3. write build-stamp.json with the time the build STARTED: a source saved while tsc ran is
//      newer than the stamp, so bin/lumbar.js treats that dist/ as stale rather than trusting it;
//   4. swap the folder in with renames, so a process starting meanwhile sees the old dist/, the
//      new one, or none (and then falls back to the sources), never a mix.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUILT_FOLDERS, DIST_DIR, STAMP_FILE } from "../bin/dist-state.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const startedAt = Date.now();

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  // TypeScript is a devDependency: a production-only install (`npm ci --omit=dev`) has none. That
  // is not an error: bin/lumbar.js then runs the sources through tsx (a dependency) and says so.
  console.error("lumbar build: typescript is not installed (dev dependencies omitted?); dist/ not built, bin/lumbar.js will run the sources through tsx");
  process.exit(0);
}

const dist = path.join(root, DIST_DIR);
const staging = path.join(root, `${DIST_DIR}.building-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", staging], { cwd: root, stdio: "inherit" });
if (compiled.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`lumbar build: tsc failed (exit ${compiled.status ?? compiled.signal}); dist/ left as it was`);
  // `npm run build` fails. Under `prepare` (--prepare) the install itself still succeeds: a type
  // error must not stop `npm install` + `npm start` from working, and bin/lumbar.js then runs the
  // sources through tsx and says so. The compiled-path test builds again and fails, so CI sees it.
  process.exit(process.argv.includes("--prepare") ? 0 : 1);
}

/** Copies the files of `dir` that are not TypeScript (tsc emits those) to the same place under `to`. */
function copyAssets(dir, to) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copyAssets(from, dest);
    else if (!/\.(c|m)?ts$/.test(entry.name)) cpSync(from, dest);
  }
}
for (const folder of BUILT_FOLDERS) copyAssets(path.join(root, folder), path.join(staging, folder));
writeFileSync(path.join(staging, STAMP_FILE), `${JSON.stringify({ sourcesAt: startedAt })}\n`);

const old = path.join(root, `${DIST_DIR}.old-${process.pid}`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(staging, dist);
rmSync(old, { recursive: true, force: true });
console.error(`lumbar build: dist/ built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
