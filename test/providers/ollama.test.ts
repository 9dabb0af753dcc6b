import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, type LumbarConfig, type ProviderConfig } from "../../src/config/config.ts";
import { createLumbar } from "../../src/core/create-lumbar.ts";
import { LumbarError } from "../../src/core/errors.ts";
import { currentVersion } from "../../src/index/load-index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { firstSentence, passagesIn, StubProvider } from "./stub-provider.ts";

// LUMBAR_EMBEDDINGS=ollama and LUMBAR_LLM=ollama against a stub Ollama server on 127.0.0.1 (the
// outside world); configuration, index build, retrieval, answer and fallback are the real code.

const OPENAI_KEY = "test-key"; // set in the environment too: it must never reach the Ollama server

let stub: StubProvider;
let t: TestLumbar;
let logs: string[];
let providers: Pick<LumbarConfig, "embeddings" | "llm">;

beforeAll(async () => {
  stub = await StubProvider.start("ollama");
  const config = loadConfig({
    LUMBAR_EMBEDDINGS: "ollama",
    LUMBAR_LLM: "ollama",
    OLLAMA_BASE_URL: `${stub.origin}/`,
    OLLAMA_EMBEDDING_MODEL: "stub-embed",
    OLLAMA_CHAT_MODEL: "stub-chat",
    OPENAI_API_KEY: OPENAI_KEY,
  });
  providers = { embeddings: config.embeddings, llm: config.llm };
  logs = [];
  t = await makeTestLumbar(providers, { logger: createLogger("debug", (line) => logs.push(line)) });
});

afterAll(async () => {
  await t?.cleanup();
  await stub?.close();
});

async function rejection(p: Promise<unknown>): Promise<LumbarError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LumbarError);
  return err as LumbarError;
}

describe("configuration from the environment", () => {
  it("selects Ollama with the base URL and models given, and defaults to the local server", () => {
    expect(providers.embeddings).toEqual({ provider: "ollama", baseUrl: stub.origin, model: "stub-embed" });
    expect(providers.llm).toEqual({ provider: "ollama", baseUrl: stub.origin, model: "stub-chat" });
    const defaults = loadConfig({ LUMBAR_EMBEDDINGS: "ollama", LUMBAR_LLM: "ollama" });
    expect(defaults.embeddings).toEqual({ provider: "ollama", baseUrl: "http://127.0.0.1:11434", model: "nomic-embed-text" });
    expect(defaults.llm).toEqual({ provider: "ollama", baseUrl: "http://127.0.0.1:11434", model: "llama3.1" });
    expect(() => loadConfig({ LUMBAR_EMBEDDINGS: "ollama", OLLAMA_BASE_URL: "not a url" })).toThrow(/OLLAMA_BASE_URL: invalid URL/);
  });
});

describe("index built with Ollama embeddings", () => {
  it("was built through /api/embed, records the embedder name, and sends no key", async () => {
    const s = await t.lumbar.status();
    expect(s.embedder).toBe("ollama:stub-embed");
    const manifest = JSON.parse(await readFile(path.join(t.dataDir, "index", "versions", s.version, "manifest.json"), "utf8"));
    expect(manifest.embedder).toEqual({ name: "ollama:stub-embed", dimensions: 64 });

    const embedCalls = stub.to("/api/embed");
    expect(embedCalls.length).toBeGreaterThan(0);
    for (const r of embedCalls) {
      expect(r.body.model).toBe("stub-embed");
      expect(Array.isArray(r.body.input)).toBe(true);
      expect(r.headers.authorization).toBeUndefined();
    }
    expect(embedCalls.reduce((n, r) => n + r.body.input.length, 0)).toBeGreaterThanOrEqual(s.chunkCount);
    expect(stub.requests.filter((r) => !["/api/embed", "/api/chat"].includes(r.path))).toEqual([]);
  });
});

describe("answers through Ollama's /api/chat", () => {
  beforeEach(() => stub.reset());

  it("answers 'what is sciatica' with the model's text, which quotes passage [1] and cites it", async () => {
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "ollama-1", userId: "u", text: "what is sciatica" });
    expect(reply.outOfScope).toBe(false);
    expect(reply.escalation.level).toBe("none");
    expect(reply.sources[0].section).toBe("1. Sciatica");

    const chats = stub.to("/api/chat");
    expect(chats).toHaveLength(1);
    expect(chats[0].body).toMatchObject({ model: "stub-chat", stream: false, options: { temperature: 0 } });
    expect(chats[0].headers.authorization).toBeUndefined();
    const sent = passagesIn(chats[0].body.messages.at(-1).content);
    expect(sent[0]).toMatchObject({ n: 1, heading: "1. Sciatica, Back Pain Leads to Leg Pain" });

    const sentence = firstSentence(sent[0].text);
    expect(stub.chatReplies).toEqual([`${sentence} [1]`]);
    expect(reply.answer).toBe(`${sentence} [1]\n\n[1] “1. Sciatica”, Back Pain Leads to Leg Pain`);
    const article = (await readFile(path.join(t.corpusDir, "articles", "back-pain-leads-to-leg-pain.md"), "utf8")).replace(/\s+/g, " ");
    expect(article).toContain(sentence);
    expect(JSON.stringify(stub.requests)).not.toContain(OPENAI_KEY);
  });

  it("falls back to the extractive answer, still citing, when the model says NOT_IN_PASSAGES", async () => {
    stub.chatMode = "not-in-passages";
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "ollama-2", userId: "u", text: "what is sciatica" });
    expect(stub.to("/api/chat")).toHaveLength(1);
    expect(reply.answer).not.toContain("NOT_IN_PASSAGES");
    expect(reply.answer).toContain("(From “1. Sciatica”, Back Pain Leads to Leg Pain)");
    expect(reply.sources[0].section).toBe("1. Sciatica");
  });

  it("falls back to the extractive answer when /api/chat answers 500, logging the URL and status", async () => {
    stub.chatMode = "error-500";
    logs.length = 0;
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "ollama-3", userId: "u", text: "what is sciatica" });
    expect(reply.answer).toContain("(From “1. Sciatica”, Back Pain Leads to Leg Pain)");
    expect(reply.sources[0].section).toBe("1. Sciatica");
    const failure = logs.map((l) => JSON.parse(l)).find((l) => l.event === "llm.failed_using_extractive");
    expect(failure, logs.join("\n")).toBeDefined();
    expect(failure.error.code).toBe("LLM_FAILED");
    expect(failure.error.message).toContain(`${stub.origin}/api/chat answered HTTP 500`);
  });
});

describe("errors", () => {
  it("refuses to load an index built with the hashed embedder when the configuration selects ollama", async () => {
    const hashed = await makeTestLumbar();
    try {
      const before = stub.requests.length;
      const mismatched = createLumbar({ config: { ...hashed.config, ...providers } });
      const err = await rejection(mismatched.status());
      await mismatched.close();
      expect(err.code).toBe("INDEX_INVALID");
      expect(err.message).toMatch(/built with the 'hashed-lexicon-v1' embedder but the configuration selects 'ollama:stub-embed'; run 'lumbar reindex'/);
      expect(stub.requests.length).toBe(before);
    } finally {
      await hashed.cleanup();
    }
  });

  it("names the URL and HTTP status when /api/embed fails, and switches to nothing", async () => {
    stub.reset();
    stub.embedMode = "error-500";
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-ollama-err-"));
    const lumbar = createLumbar({ config: { ...t.config, ...providers, dataDir } });
    try {
      const err = await rejection(lumbar.reindex());
      expect(err.code).toBe("EMBEDDING_FAILED");
      expect(err.message).toContain(`${stub.origin}/api/embed answered HTTP 500`);
      expect(await currentVersion(dataDir)).toBeNull();
    } finally {
      await lumbar.close();
      await rm(dataDir, { recursive: true, force: true });
      stub.reset();
    }
  });

  it("names the URL when no Ollama server is listening", async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down: ProviderConfig = { provider: "ollama", baseUrl: `http://127.0.0.1:${port}`, model: "stub-embed" };
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-ollama-down-"));
    const lumbar = createLumbar({ config: { ...t.config, embeddings: down, llm: null, dataDir } });
    try {
      const err = await rejection(lumbar.reindex());
      expect(err.code).toBe("EMBEDDING_FAILED");
      expect(err.message).toContain(`request to http://127.0.0.1:${port}/api/embed failed`);
    } finally {
      await lumbar.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
