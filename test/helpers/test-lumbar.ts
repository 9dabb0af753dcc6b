import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig, PROJECT_ROOT, type LumbarConfig } from "../../src/config/config.ts";
import { createLumbar, type LumbarOptions } from "../../src/core/create-lumbar.ts";
import type { Lumbar, Reply } from "../../src/core/types.ts";
import { afterAll, beforeAll } from "vitest";

export interface TestLumbar {
  lumbar: Lumbar;
  config: LumbarConfig;
  dataDir: string;
  corpusDir: string;
  cleanup(): Promise<void>;
}

/**
 * The real core over a copy of the real corpus, with its index built in a temporary folder.
 * Nothing is faked: tests that use it exercise retrieval, red flags and the audit log for real.
 */
export async function makeTestLumbar(overrides: Partial<LumbarConfig> = {}, options: Omit<LumbarOptions, "config"> = {}): Promise<TestLumbar> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lumbar-test-"));
  const corpusDir = path.join(root, "corpus");
  const dataDir = path.join(root, "data");
  await cp(path.join(PROJECT_ROOT, "corpus"), corpusDir, { recursive: true });
  const config: LumbarConfig = { ...loadConfig({}), corpusDir, dataDir, ...overrides };
  const lumbar = createLumbar({ config, ...options });
  await lumbar.status();
  return {
    lumbar,
    config,
    dataDir,
    corpusDir,
    async cleanup() {
      await lumbar.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file that only asks the core questions: one real core for the file (its beforeAll and
 * afterAll are registered here, so call this at the top level of the file) and `ask`, each call in a
 * new conversation unless one is named, so a question is never read as a follow-up by accident.
 */
export function askingLumbar(prefix: string): (text: string, conversation?: string) => Promise<Reply> {
  let t: TestLumbar | undefined;
  let n = 0;
  beforeAll(async () => {
    t = await makeTestLumbar();
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  return (text, conversation = `${prefix}-${n++}`) => t!.lumbar.handle({ channel: "test", conversationId: conversation, userId: "u1", text });
}
