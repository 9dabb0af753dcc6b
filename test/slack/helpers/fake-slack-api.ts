import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the bot made to the fake Web API (or to a response_url). */
export interface RecordedCall {
  /** Web API method ("chat.postMessage") or "respond" for a response_url POST. */
  method: string;
  /** Request path, e.g. "/api/chat.postMessage" or "/respond/r1". */
  path: string;
  /** Form fields or JSON body; JSON-looking form fields (blocks) are parsed. */
  params: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** HTTP status the fake answered with. */
  status: number;
  /** Date.now() when it arrived. */
  at: number;
  /** What the fake answered (chat.postMessage answers carry the new message's ts). */
  response: Record<string, unknown>;
}

export const FAKE_TEAM_ID = "T0TEST";
export const FAKE_BOT_USER_ID = "UBOT";
export const FAKE_BOT_ID = "BBOT";

/**
 * A Slack Web API stand-in on 127.0.0.1 that records every call. Methods the bot is not expected
 * to call still answer `{ ok: true }` but are recorded, so a test can see them.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  private readonly rateLimits = new Map<string, number[]>();
  private readonly overrides = new Map<string, Record<string, unknown>>();
  private tsCounter = 0;

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(): Promise<FakeSlackApi> {
    let api: FakeSlackApi | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => api?.answer(req.url ?? "/", req.headers, Buffer.concat(chunks).toString("utf8"), res));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    api = new FakeSlackApi(server, (server.address() as AddressInfo).port);
    return api;
  }

  /** Base URL for SLACK_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url for slash commands and actions; POSTs to it are recorded as method "respond". */
  responseUrl(id = "r1"): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** Makes the next call to `method` fail with 429 and this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), retryAfterSeconds]);
  }

  /** Answers every later call to `method` with this body instead of the default. */
  answerWith(method: string, body: Record<string, unknown>): void {
    this.overrides.set(method, body);
  }

  /** Calls to one method that were answered with 200. */
  ok(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** The text of each response_url POST made to {@link responseUrl}(id). */
  responses(id: string): string[] {
    return this.ok("respond").filter((c) => c.path === `/respond/${id}`).map((c) => String(c.params.text));
  }

  /** Messages posted to one channel. */
  posts(channel: string): RecordedCall[] {
    return this.ok("chat.postMessage").filter((c) => c.params.channel === channel);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(url: string, headers: IncomingHttpHeaders, raw: string, res: import("node:http").ServerResponse): void {
    const params = parseBody(headers["content-type"], raw);
    if (url.startsWith("/respond/")) {
      this.record(url, "respond", params, headers, 200, {});
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    const method = url.replace(/^\/api\//, "").split("?")[0];
    const pending = this.rateLimits.get(method);
    if (pending && pending.length > 0) {
      const retryAfter = pending.shift() as number;
      const body = { ok: false, error: "ratelimited" };
      this.record(url, method, params, headers, 429, body);
      res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) }).end(JSON.stringify(body));
      return;
    }
    const body = this.overrides.get(method) ?? this.result(method, params);
    this.record(url, method, params, headers, 200, body);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private result(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://lumbar-test.slack.com/", team: "Test", user: "lumbar", team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID };
      case "chat.postMessage": {
        const ts = `1700000000.${String(++this.tsCounter).padStart(6, "0")}`;
        return { ok: true, channel: params.channel, ts, message: { ts, text: params.text, bot_id: FAKE_BOT_ID } };
      }
      case "chat.getPermalink":
        return { ok: true, channel: params.channel, permalink: `https://lumbar-test.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace(".", "")}` };
      default:
        return { ok: true };
    }
  }

  private record(path: string, method: string, params: Record<string, unknown>, headers: IncomingHttpHeaders, status: number, response: Record<string, unknown>): void {
    this.calls.push({ path, method, params, headers, status, at: Date.now(), response });
  }
}

function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * Polls until `find` returns something other than undefined/false, or fails after `timeoutMs`.
 * Replies are posted after Slack's acknowledgement, so tests wait for them this way, never by sleeping.
 */
export async function waitFor<T>(find: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
