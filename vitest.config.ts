import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI the tests spawn (bin/lumbar.js) runs the TypeScript sources under test through tsx,
    // not the compiled dist/, which may be missing or older than the sources while developing.
    // test/cli/compiled-cli.test.ts runs dist/ on purpose.
    env: { LUMBAR_RUN_SOURCE: "1" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
