import { Embeddings } from "@langchain/core/embeddings";
import { LumbarError } from "../core/errors.ts";
import { joinUrl, postJson } from "./http-json.ts";

export interface RemoteEmbeddingsOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Texts per request. Defaults to 64. */
  batchSize?: number;
  timeoutMs?: number;
}

/** Any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure-style proxies, vLLM, LM Studio...). */
export class OpenAICompatibleEmbeddings extends Embeddings {
  readonly name: string;

  constructor(private readonly options: RemoteEmbeddingsOptions) {
    super({ maxRetries: 2 });
    this.name = `openai:${options.model}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const size = this.options.batchSize ?? 64;
    for (let i = 0; i < texts.length; i += size) {
      const url = joinUrl(this.options.baseUrl, "embeddings");
      const body = await this.caller.call(() =>
        postJson(url, { model: this.options.model, input: texts.slice(i, i + size) }, { ...this.options, code: "EMBEDDING_FAILED" }),
      );
      const data = (body as { data?: Array<{ embedding?: number[]; index?: number }> }).data;
      if (!Array.isArray(data)) throw new LumbarError("EMBEDDING_FAILED", `${url} answered without a 'data' list`);
      const sorted = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      for (const d of sorted) out.push(requireVector(d.embedding, url));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0];
  }
}

/** Ollama's `/api/embed` endpoint (a local model server). */
export class OllamaEmbeddings extends Embeddings {
  readonly name: string;

  constructor(private readonly options: RemoteEmbeddingsOptions) {
    super({ maxRetries: 2 });
    this.name = `ollama:${options.model}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const size = this.options.batchSize ?? 64;
    for (let i = 0; i < texts.length; i += size) {
      const url = joinUrl(this.options.baseUrl, "api/embed");
      const body = await this.caller.call(() =>
        postJson(url, { model: this.options.model, input: texts.slice(i, i + size) }, { ...this.options, code: "EMBEDDING_FAILED" }),
      );
      const list = (body as { embeddings?: number[][] }).embeddings;
      if (!Array.isArray(list)) throw new LumbarError("EMBEDDING_FAILED", `${url} answered without an 'embeddings' list`);
      for (const v of list) out.push(requireVector(v, url));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0];
  }
}

function requireVector(v: unknown, url: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "number")) {
    throw new LumbarError("EMBEDDING_FAILED", `${url} returned an embedding that is not a list of numbers`);
  }
  return v as number[];
}
