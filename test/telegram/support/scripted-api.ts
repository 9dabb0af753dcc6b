import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What a scripted Bot API method answers: the JSON body, and the HTTP status (200 by default). */
export interface ScriptedAnswer {
  status?: number;
  body: Record<string, unknown>;
}

export interface ScriptedApi {
  apiRoot: string;
  /** Every call received, in order. */
  calls: Array<{ method: string; payload: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * A Bot API on 127.0.0.1 whose answers a test scripts per method, for failures the emulator
 * cannot produce (429, 409, 400 "can't parse entities", 401). Unscripted methods answer ok.
 */
export async function startScriptedApi(
  script: (method: string, payload: Record<string, unknown>) => ScriptedAnswer | undefined,
): Promise<ScriptedApi> {
  const calls: ScriptedApi["calls"] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = (req.url ?? "").split("/").pop() ?? "";
    const payload = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    calls.push({ method, payload });
    const answer = script(method, payload) ?? { body: { ok: true, result: defaultResult(method, payload) } };
    res.writeHead(answer.status ?? 200, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function defaultResult(method: string, payload: Record<string, unknown>): unknown {
  if (method === "getMe") return { id: 777, is_bot: true, first_name: "Lumbar", username: "LumbarTestBot" };
  if (method === "getUpdates") return [];
  if (method === "sendMessage") return { message_id: 1, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text };
  return true;
}

/** A Bot API error body. */
export function apiError(code: number, description: string, parameters?: Record<string, unknown>): ScriptedAnswer {
  return { status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } };
}
