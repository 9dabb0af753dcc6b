#!/usr/bin/env node
// Production runs the JavaScript in dist/, compiled by `npm run build` (which `npm install` and
// `npm ci` run through the `prepare` script): loading tsx and compiling the TypeScript at every
// start cost time and memory for nothing once the code is built.
//
// When dist/ is missing or older than the sources (a developer edited src/, switched branches, or
// installed without dev dependencies), this runs the sources through tsx instead, with one line on
// stderr saying so. It does not rebuild: tsc takes seconds, would write into a checkout that may be
// read-only in production, and would race when several processes start together (a bot and a
// `lumbar reindex`); the sources through tsx are always correct and write nothing.
// LUMBAR_RUN_SOURCE=1 asks for the sources deliberately, without the notice: the tests set it, so
// the CLI they spawn runs the TypeScript they are testing whatever state dist/ is in.
import { fileURLToPath } from "node:url";
import { DIST_DIR, distState } from "./dist-state.js";

const root = fileURLToPath(new URL("..", import.meta.url));
let entry;
if (process.env.LUMBAR_RUN_SOURCE === "1") entry = null;
else {
  const state = distState(root);
  if (state.fresh) entry = new URL(`../${DIST_DIR}/src/cli/main.js`, import.meta.url).href;
  else {
    entry = null;
    process.stderr.write(`lumbar: ${state.reason}; running the TypeScript sources through tsx (slower start). 'npm run build' compiles them.\n`);
  }
}
if (entry === null) {
  // Loaded only on this path, so the compiled path never loads tsx at all.
  const { register } = await import("tsx/esm/api");
  register();
  entry = new URL("../src/cli/main.ts", import.meta.url).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
