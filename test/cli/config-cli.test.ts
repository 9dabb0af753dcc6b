import { describe, it } from "vitest";
import { makeCliSandbox } from "./cli-harness.ts";

// A misconfigured environment stops the CLI before it does anything, naming the variable to fix.

describe.concurrent("lumbar with a bad configuration", () => {
  it("names OPENAI_API_KEY when LUMBAR_EMBEDDINGS=openai has neither a key nor a base URL", async ({ expect }) => {
    const sandbox = await makeCliSandbox();
    try {
      const result = await sandbox.run(["ask", "--json", "what is sciatica"], { env: { LUMBAR_EMBEDDINGS: "openai" } });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^lumbar: OPENAI_API_KEY: missing/m);
      expect(result.stderr).toContain("LUMBAR_EMBEDDINGS=openai");
      expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
      expect(result.stdout).toBe("");
    } finally {
      await sandbox.cleanup();
    }
  });

  it("names LUMBAR_EMBEDDINGS when its value is unknown", async ({ expect }) => {
    const sandbox = await makeCliSandbox();
    try {
      const result = await sandbox.run(["reindex"], { env: { LUMBAR_EMBEDDINGS: "bogus" } });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^lumbar: LUMBAR_EMBEDDINGS: invalid value 'bogus'/m);
      expect(result.stderr).toMatch(/hashed, openai, ollama/);
      expect(result.stdout).toBe("");
    } finally {
      await sandbox.cleanup();
    }
  });

  it("names LUMBAR_DATA_DIR when it points at a file, and LUMBAR_CORPUS_DIR when the folder is missing", async ({ expect }) => {
    const sandbox = await makeCliSandbox();
    try {
      const { writeFile } = await import("node:fs/promises");
      const file = `${sandbox.root}/a-file`;
      await writeFile(file, "x");
      const asFile = await sandbox.run(["ask", "--json", "what is sciatica"], { env: { LUMBAR_DATA_DIR: file } });
      expect(asFile.code).not.toBe(0);
      expect(asFile.stderr).toMatch(/^lumbar: LUMBAR_DATA_DIR: '.*a-file' is a file, not a folder/m);
      const missing = await sandbox.run(["reindex"], { env: { LUMBAR_CORPUS_DIR: `${sandbox.root}/nowhere` } });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/^lumbar: LUMBAR_CORPUS_DIR: missing folder/m);
    } finally {
      await sandbox.cleanup();
    }
  });
});
