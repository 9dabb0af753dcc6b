import type { ProviderConfig } from "../config/config.ts";
import { LumbarError } from "../core/errors.ts";
import { joinUrl, postJson } from "../embed/http-json.ts";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The one call Lumbar needs from an LLM: messages in, text out. */
export interface ChatClient {
  readonly name: string;
  complete(messages: ChatMessage[]): Promise<string>;
}

/** A chat client for LUMBAR_LLM=openai (any OpenAI-compatible server) or LUMBAR_LLM=ollama. */
export function createChatClient(provider: ProviderConfig, timeoutMs = 20_000): ChatClient {
  if (provider.provider === "openai") {
    return {
      name: `openai:${provider.model}`,
      async complete(messages) {
        const url = joinUrl(provider.baseUrl, "chat/completions");
        const body = (await postJson(url, { model: provider.model, messages, temperature: 0 }, { apiKey: provider.apiKey, timeoutMs, code: "LLM_FAILED" })) as {
          choices?: Array<{ message?: { content?: string } }>;
        };
        const text = body.choices?.[0]?.message?.content;
        if (typeof text !== "string") throw new LumbarError("LLM_FAILED", `${url} answered without choices[0].message.content`);
        return text;
      },
    };
  }
  return {
    name: `ollama:${provider.model}`,
    async complete(messages) {
      const url = joinUrl(provider.baseUrl, "api/chat");
      const body = (await postJson(url, { model: provider.model, messages, stream: false, options: { temperature: 0 } }, { timeoutMs, code: "LLM_FAILED" })) as {
        message?: { content?: string };
      };
      const text = body.message?.content;
      if (typeof text !== "string") throw new LumbarError("LLM_FAILED", `${url} answered without message.content`);
      return text;
    },
  };
}
