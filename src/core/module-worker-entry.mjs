// A worker thread starts from plain JavaScript. Beside the sources (tests, tsx, bin/lumbar.js
// falling back to them) the worker must load Lumbar's TypeScript, and the TypeScript loader (tsx)
// is registered per thread, so it registers it here. In the compiled build (dist/, copied there by
// scripts/build.mjs) there is no .ts beside the module and the worker loads the compiled JavaScript
// without tsx, as the main thread does. The module to run, without its extension, is the worker's
// one argument (see module-worker.ts).
import { existsSync } from "node:fs";

const base = process.argv[2];
if (existsSync(new URL(`${base}.ts`))) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(`${base}.ts`);
} else {
  await import(`${base}.js`);
}
