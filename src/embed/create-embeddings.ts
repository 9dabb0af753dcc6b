import type { Embeddings } from "@langchain/core/embeddings";
import type { ProviderConfig } from "../config/config.ts";
import type { Analyzer } from "../text/analyzer.ts";
import { HashedEmbeddings } from "./hashed-embeddings.ts";
import { OllamaEmbeddings, OpenAICompatibleEmbeddings } from "./remote-embeddings.ts";

export type NamedEmbeddings = Embeddings & { readonly name: string };

/** The embedder chosen by LUMBAR_EMBEDDINGS: the offline default unless a provider is configured. */
export function createEmbeddings(provider: ProviderConfig | null, analyzer: Analyzer, idf: Map<string, number>): NamedEmbeddings {
  if (provider?.provider === "openai") return new OpenAICompatibleEmbeddings(provider);
  if (provider?.provider === "ollama") return new OllamaEmbeddings(provider);
  return new HashedEmbeddings({ analyzer, idf });
}
