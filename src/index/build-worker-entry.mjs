// A worker thread starts from plain JavaScript. Beside the sources (tests, tsx, bin/lumbar.js
// falling back to them) the worker must load Lumbar's TypeScript, and the TypeScript loader (tsx)
// is registered per thread, so it registers it here. In the compiled build (dist/, copied there by
// scripts/build.mjs) there is no .ts beside this file and the worker loads the compiled JavaScript
// without tsx, as the main thread does.
import { existsSync } from "node:fs";

if (existsSync(new URL("./build-worker.ts", import.meta.url))) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./build-worker.ts");
} else {
  await import("./build-worker.js");
}
