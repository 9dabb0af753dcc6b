import { Worker } from "node:worker_threads";

/**
 * A worker thread running one of Lumbar's modules, from its TypeScript source or its compiled
 * JavaScript, whichever sits beside it. `module` is the module's URL without its extension
 * (`new URL("./build-worker", import.meta.url)`): one entry file serves every such worker.
 */
export function moduleWorker(module: URL): Worker {
  return new Worker(new URL("./module-worker-entry.mjs", import.meta.url), { argv: [module.href] });
}
