import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the outside world: an embedding + chat model server on 127.0.0.1, speaking either
 * the OpenAI-compatible protocol (POST /v1/embeddings, POST /v1/chat/completions) or Ollama's
 * (POST /api/embed, POST /api/chat). Only the routes of its own flavour answer; anything else is a 404,
 * so a client that calls the wrong endpoint fails.
 */
export type Flavour = "openai" | "ollama";

/** How the chat route answers. "echo" quotes the first sentence of passage [1] and cites it. */
export type ChatMode = "echo" | "not-in-passages" | "error-500";
/** How the embedding route answers. */
export type EmbedMode = "ok" | "error-500" | "error-401";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export const EMBED_DIMENSIONS = 64;

const STOPWORDS = new Set(["a", "an", "the", "is", "are", "of", "to", "in", "and", "or", "it", "what", "how", "do", "does", "i", "my", "for", "on", "with", "can", "be"]);

/** A deterministic embedding: a signed, hashed bag of words, L2-normalised. */
export function hashedBagOfWords(text: string, dims = EMBED_DIMENSIONS): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word === "" || STOPWORDS.has(word)) continue;
    const h = createHash("sha1").update(word).digest();
    v[h.readUInt32BE(0) % dims] += h[4] & 1 ? 1 : -1;
  }
  const norm = Math.hypot(...v);
  if (norm === 0) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

/** The passages block Lumbar sends, as a list of {number, heading, text}. */
export function passagesIn(userMessage: string): Array<{ n: number; heading: string; text: string }> {
  const block = userMessage.replace(/^Passages:\n\n/, "").replace(/\n\nQuestion: [\s\S]*$/, "");
  const out: Array<{ n: number; heading: string; text: string }> = [];
  for (const part of block.split(/\n\n(?=\[\d+\] \()/)) {
    const m = /^\[(\d+)\] \((.*)\)\n([\s\S]*)$/.exec(part);
    if (m) out.push({ n: Number(m[1]), heading: m[2], text: m[3] });
  }
  return out;
}

/** The first sentence of a passage, as the echoing model quotes it. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return /^(.+?[.!?])(?:\s|$)/.exec(flat)?.[1] ?? flat;
}

export class StubProvider {
  readonly requests: RecordedRequest[] = [];
  chatMode: ChatMode = "echo";
  embedMode: EmbedMode = "ok";
  /** Replies the chat route gave, in order. */
  readonly chatReplies: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly flavour: Flavour,
    /** http://127.0.0.1:PORT, no trailing slash. */
    readonly origin: string,
  ) {}

  static async start(flavour: Flavour): Promise<StubProvider> {
    let stub: StubProvider | undefined;
    const server = createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (d: string) => (raw += d));
      req.on("end", () => stub!.handle(req.method ?? "", req.url ?? "", req.headers, raw, (status, body) => {
        const text = typeof body === "string" ? body : JSON.stringify(body);
        res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
        res.end(text);
      }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    stub = new StubProvider(server, flavour, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return stub;
  }

  /** Requests to one path. */
  to(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  reset(): void {
    this.requests.length = 0;
    this.chatReplies.length = 0;
    this.chatMode = "echo";
    this.embedMode = "ok";
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private handle(method: string, path: string, headers: IncomingHttpHeaders, raw: string, send: (status: number, body: unknown) => void): void {
    let body: any = null;
    try {
      body = JSON.parse(raw);
    } catch {
      // recorded as null; the route below answers 400
    }
    this.requests.push({ method, path, headers, body });
    const embedPath = this.flavour === "openai" ? "/v1/embeddings" : "/api/embed";
    const chatPath = this.flavour === "openai" ? "/v1/chat/completions" : "/api/chat";
    if (method !== "POST" || (path !== embedPath && path !== chatPath)) return send(404, { error: `no route ${method} ${path}` });
    if (body === null) return send(400, { error: "body is not JSON" });

    if (path === embedPath) {
      if (this.embedMode === "error-500") return send(500, { error: { message: "the embedding model crashed" } });
      if (this.embedMode === "error-401") return send(401, { error: { message: "Incorrect API key provided.", code: "invalid_api_key" } });
      const input: string[] = Array.isArray(body.input) ? body.input : [body.input];
      const vectors = input.map((t) => hashedBagOfWords(String(t)));
      if (this.flavour === "openai") {
        // Listed in reverse: the client must put them back in order by `index`.
        return send(200, { object: "list", model: body.model, data: vectors.map((embedding, index) => ({ object: "embedding", embedding, index })).reverse() });
      }
      return send(200, { model: body.model, embeddings: vectors });
    }

    if (this.chatMode === "error-500") return send(500, { error: { message: "the chat model is overloaded" } });
    const user = [...(body.messages ?? [])].reverse().find((m: { role: string }) => m.role === "user");
    let content: string;
    if (this.chatMode === "not-in-passages") content = "NOT_IN_PASSAGES";
    else {
      const first = passagesIn(String(user?.content ?? "")).find((p) => p.n === 1);
      content = first ? `${firstSentence(first.text)} [1]` : "NOT_IN_PASSAGES";
    }
    this.chatReplies.push(content);
    if (this.flavour === "openai") {
      return send(200, { id: "chatcmpl-stub", object: "chat.completion", model: body.model, choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] });
    }
    return send(200, { model: body.model, message: { role: "assistant", content }, done: true });
  }
}
