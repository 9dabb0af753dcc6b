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

/** Batching, retries and validation shared by the HTTP embedding providers; each names its endpoint and reply shape. */
abstract class RemoteEmbeddings extends Embeddings {
  abstract readonly name: string;
  protected abstract readonly path: string;
  /** The vectors in a provider's reply, in input order; `undefined` when the reply has the wrong shape. */
  protected abstract vectorsOf(body: unknown): unknown[] | undefined;

  constructor(protected readonly options: RemoteEmbeddingsOptions) {
    super({ maxRetries: 2 });
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const size = this.options.batchSize ?? 64;
    const url = joinUrl(this.options.baseUrl, this.path);
    for (let i = 0; i < texts.length; i += size) {
      const body = await this.caller.call(() =>
        postJson(url, { model: this.options.model, input: texts.slice(i, i + size) }, { ...this.options, code: "EMBEDDING_FAILED" }),
      );
      const vectors = this.vectorsOf(body);
      if (!vectors) throw new LumbarError("EMBEDDING_FAILED", `${url} answered without the expected list of embeddings`);
      for (const v of vectors) out.push(requireVector(v, url));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0];
  }
}

/** Any OpenAI-compatible `/embeddings` endpoint (OpenAI, vLLM, LM Studio, a proxy...). */
export class OpenAICompatibleEmbeddings extends RemoteEmbeddings {
  readonly name = `openai:${this.options.model}`;
  protected readonly path = "embeddings";

  protected vectorsOf(body: unknown): unknown[] | undefined {
    const data = (body as { data?: Array<{ embedding?: unknown; index?: number }> }).data;
    if (!Array.isArray(data)) return undefined;
    return [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((d) => d.embedding);
  }
}

/** Ollama's `/api/embed` endpoint (a local model server). */
export class OllamaEmbeddings extends RemoteEmbeddings {
  readonly name = `ollama:${this.options.model}`;
  protected readonly path = "api/embed";

  protected vectorsOf(body: unknown): unknown[] | undefined {
    const list = (body as { embeddings?: unknown }).embeddings;
    return Array.isArray(list) ? list : undefined;
  }
}

function requireVector(v: unknown, url: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "number")) {
    throw new LumbarError("EMBEDDING_FAILED", `${url} returned an embedding that is not a list of numbers`);
  }
  return v as number[];
}
