import { readFile, rm, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, type LumbarConfig } from "../../src/config/config.ts";
import { createLumbar } from "../../src/core/create-lumbar.ts";
import { LumbarError } from "../../src/core/errors.ts";
import { currentVersion } from "../../src/index/load-index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { firstSentence, passagesIn, StubProvider } from "./stub-provider.ts";

// LUMBAR_EMBEDDINGS=openai and LUMBAR_LLM=openai against an OpenAI-compatible server. The server is
// a stub on 127.0.0.1 (the outside world); the configuration, index build, retrieval, answer and
// fallback are the real code.

const API_KEY = "test-key";
const ARTICLE_FILE = path.join("articles", "back-pain-leads-to-leg-pain.md");

let stub: StubProvider;
let t: TestLumbar;
let logs: string[];
let providers: Pick<LumbarConfig, "embeddings" | "llm">;

function envFor(origin: string): NodeJS.ProcessEnv {
  return {
    LUMBAR_EMBEDDINGS: "openai",
    LUMBAR_LLM: "openai",
    OPENAI_BASE_URL: `${origin}/v1`,
    OPENAI_API_KEY: API_KEY,
    OPENAI_EMBEDDING_MODEL: "stub-embed",
    OPENAI_CHAT_MODEL: "stub-chat",
  };
}

beforeAll(async () => {
  stub = await StubProvider.start("openai");
  const config = loadConfig(envFor(stub.origin));
  providers = { embeddings: config.embeddings, llm: config.llm };
  logs = [];
  t = await makeTestLumbar(providers, { logger: createLogger("debug", (line) => logs.push(line)) });
});

afterAll(async () => {
  await t?.cleanup();
  await stub?.close();
});

describe("configuration from the environment", () => {
  it("selects the OpenAI-compatible provider with the base URL, key and models given", () => {
    expect(providers.embeddings).toEqual({ provider: "openai", baseUrl: `${stub.origin}/v1`, model: "stub-embed", apiKey: API_KEY });
    expect(providers.llm).toEqual({ provider: "openai", baseUrl: `${stub.origin}/v1`, model: "stub-chat", apiKey: API_KEY });
    // A self-hosted server needs no key: the base URL alone is enough.
    expect(loadConfig({ LUMBAR_EMBEDDINGS: "openai", OPENAI_BASE_URL: `${stub.origin}/v1/` }).embeddings).toEqual({
      provider: "openai",
      baseUrl: `${stub.origin}/v1`,
      model: "text-embedding-3-small",
      apiKey: undefined,
    });
  });
});

describe("index built with OpenAI-compatible embeddings", () => {
  it("was built by the stub's embeddings, sent with the bearer key, and records the embedder name", async () => {
    const s = await t.lumbar.status();
    expect(s.embedder).toBe("openai:stub-embed");
    expect(s.chunkCount).toBeGreaterThan(10);
    const manifest = JSON.parse(await readFile(path.join(t.dataDir, "index", "versions", s.version, "manifest.json"), "utf8"));
    expect(manifest.embedder).toEqual({ name: "openai:stub-embed", dimensions: 64 });

    const embedCalls = stub.to("/v1/embeddings");
    expect(embedCalls.length).toBeGreaterThan(0);
    for (const r of embedCalls) {
      expect(r.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(r.headers["content-type"]).toMatch(/application\/json/);
      expect(r.body.model).toBe("stub-embed");
      expect(Array.isArray(r.body.input)).toBe(true);
    }
    // Every chunk was embedded by the stub (plus the red-flag example phrases).
    const embedded = embedCalls.reduce((n, r) => n + r.body.input.length, 0);
    expect(embedded).toBeGreaterThanOrEqual(s.chunkCount);
    expect(stub.requests.filter((r) => !["/v1/embeddings", "/v1/chat/completions"].includes(r.path))).toEqual([]);
  });
});

describe("answers through the OpenAI-compatible chat endpoint", () => {
  beforeEach(() => stub.reset());

  it("answers 'what is sciatica' with the model's text, which quotes passage [1] and cites it", async () => {
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "llm-1", userId: "u", text: "what is sciatica" });
    expect(reply.escalation.level).toBe("none");
    expect(reply.outOfScope).toBe(false);
    expect(reply.sources[0].section).toBe("1. Sciatica");

    // The query was embedded by the stub too, and the chat call carried the key, model and passages.
    expect(stub.to("/v1/embeddings").length).toBeGreaterThan(0);
    const chats = stub.to("/v1/chat/completions");
    expect(chats).toHaveLength(1);
    expect(chats[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(chats[0].body.model).toBe("stub-chat");
    expect(chats[0].body.temperature).toBe(0);
    expect(chats[0].body.messages[0]).toMatchObject({ role: "system" });
    expect(chats[0].body.messages[0].content).toMatch(/ONLY the numbered passages/);
    const sent = passagesIn(chats[0].body.messages.at(-1).content);
    expect(sent[0]).toMatchObject({ n: 1, heading: "1. Sciatica, Back Pain Leads to Leg Pain" });
    expect(chats[0].body.messages.at(-1).content).toMatch(/Question: what is sciatica/);

    // The answer is the model's reply (a sentence of the retrieved passage) plus the citation footer.
    const sentence = firstSentence(sent[0].text);
    expect(stub.chatReplies).toEqual([`${sentence} [1]`]);
    expect(reply.answer).toBe(`${sentence} [1]\n\n[1] “1. Sciatica”, Back Pain Leads to Leg Pain`);
    expect(reply.answer).not.toContain("(From “"); // not the extractive fallback
    const article = (await readFile(path.join(t.corpusDir, ARTICLE_FILE), "utf8")).replace(/\s+/g, " ");
    expect(sentence.length).toBeGreaterThan(20);
    expect(article).toContain(sentence);
    expect(reply.text.startsWith(reply.answer)).toBe(true);
  });

  it("falls back to the extractive answer, still citing, when the model says NOT_IN_PASSAGES", async () => {
    stub.chatMode = "not-in-passages";
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "llm-2", userId: "u", text: "what is sciatica" });
    expect(stub.to("/v1/chat/completions")).toHaveLength(1);
    expect(reply.answer).not.toContain("NOT_IN_PASSAGES");
    expect(reply.answer).toContain("(From “1. Sciatica”, Back Pain Leads to Leg Pain)");
    expect(reply.sources[0].section).toBe("1. Sciatica");
    expect(reply.outOfScope).toBe(false);
  });

  it("falls back to the extractive answer when the chat endpoint answers 500, and logs the URL and status without the key", async () => {
    stub.chatMode = "error-500";
    logs.length = 0;
    const reply = await t.lumbar.handle({ channel: "test", conversationId: "llm-3", userId: "u", text: "what is sciatica" });
    expect(stub.to("/v1/chat/completions").length).toBeGreaterThanOrEqual(1);
    expect(reply.answer).toContain("(From “1. Sciatica”, Back Pain Leads to Leg Pain)");
    expect(reply.sources[0].section).toBe("1. Sciatica");

    const failure = logs.map((l) => JSON.parse(l)).find((l) => l.event === "llm.failed_using_extractive");
    expect(failure, logs.join("\n")).toBeDefined();
    expect(failure.level).toBe("error");
    expect(failure.error.code).toBe("LLM_FAILED");
    expect(failure.error.message).toContain(`${stub.origin}/v1/chat/completions answered HTTP 500`);
    expect(logs.join("\n")).not.toContain(API_KEY);
  });
});

describe("errors", () => {
  it("refuses to load an index built with the hashed embedder when the configuration selects openai", async () => {
    const hashed = await makeTestLumbar();
    try {
      expect((await hashed.lumbar.status()).embedder).toBe("hashed-lexicon-v1");
      const requestsBefore = stub.requests.length;
      const mismatched = createLumbar({ config: { ...hashed.config, ...providers } });
      const err = await mismatched.status().then(
        () => null,
        (e: unknown) => e,
      );
      await mismatched.close();
      expect(err).toBeInstanceOf(LumbarError);
      expect((err as LumbarError).code).toBe("INDEX_INVALID");
      expect((err as LumbarError).message).toMatch(/built with the 'hashed-lexicon-v1' embedder but the configuration selects 'openai:stub-embed'; run 'lumbar reindex'/);
      // It did not quietly rebuild (or mix vectors from two embedders).
      expect(stub.requests.length).toBe(requestsBefore);
    } finally {
      await hashed.cleanup();
    }
  });

  it("names the URL and HTTP status when the embeddings endpoint rejects the key, never the key itself", async () => {
    stub.reset();
    stub.embedMode = "error-401";
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-openai-err-"));
    const lumbar = createLumbar({ config: { ...t.config, ...providers, dataDir } });
    try {
      const err = await lumbar.reindex().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LumbarError);
      expect((err as LumbarError).code).toBe("EMBEDDING_FAILED");
      expect((err as LumbarError).message).toContain(`${stub.origin}/v1/embeddings answered HTTP 401`);
      expect((err as LumbarError).message).not.toContain(API_KEY);
      expect(String((err as Error).stack)).not.toContain(API_KEY);
      expect(stub.to("/v1/embeddings")[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
      // Nothing was switched to: there is no index to serve.
      expect(await currentVersion(dataDir)).toBeNull();
    } finally {
      await lumbar.close();
      await rm(dataDir, { recursive: true, force: true });
      stub.reset();
    }
  });
});
