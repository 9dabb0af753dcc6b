// A worker thread starts from plain JavaScript: the TypeScript loader that runs Lumbar (tsx) is
// registered per thread, so the worker can load the same TypeScript modules as the main thread,
// whether Lumbar runs from bin/lumbar.js, under vitest or under tsx.
import { register } from "tsx/esm/api";

register();
await import("./red-flag-worker.ts");
