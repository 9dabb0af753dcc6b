import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A failure the fake Bot API can give one call. */
export type Fault = { kind: "status"; status: number } | { kind: "reset" } | { kind: "hang" };

export interface FakeBotApi {
  apiRoot: string;
  /** Every sendMessage body received (including ones answered with a fault), in order. */
  sent: Array<Record<string, unknown>>;
  /** sendMessage bodies answered ok: what the person actually received. */
  delivered: Array<Record<string, unknown>>;
  /** Decides the fault for the next sendMessage, or none. Tests replace it. */
  faultFor: (call: number, payload: Record<string, unknown>) => Fault | undefined;
  stop(): Promise<void>;
}

/**
 * A small stand-in for Telegram's Bot API on 127.0.0.1 (the outside world only): answers getMe,
 * setWebhook, deleteWebhook, setMyCommands, sendChatAction and sendMessage, and can fail sendMessage
 * with an HTTP status, a reset connection or no answer at all. telegram-test-api cannot do the
 * last two, and it keeps every message in memory per chat, which a burst of thousands makes slow.
 */
export async function startFakeBotApi(port = 0): Promise<FakeBotApi> {
  const sockets = new Set<Socket>();
  let calls = 0;
  let nextMessageId = 1;
  const api: FakeBotApi = {
    apiRoot: "",
    sent: [],
    delivered: [],
    faultFor: () => undefined,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = (req.url ?? "").split("/").pop() ?? "";
    let payload: Record<string, unknown> = {};
    try {
      payload = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      // form bodies (files) are not used by Lumbar
    }
    const ok = (result: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    if (method === "getMe") return ok({ id: 777, is_bot: true, first_name: "Lumbar", username: "LumbarFaultBot" });
    if (method !== "sendMessage") return ok(true);
    api.sent.push(payload);
    const fault = api.faultFor(++calls, payload);
    if (fault?.kind === "reset") return req.socket.destroy();
    if (fault?.kind === "hang") return; // never answered; the client must give up and retry
    if (fault?.kind === "status") {
      return res.writeHead(fault.status, { "content-type": "text/plain" }).end("Bad Gateway");
    }
    api.delivered.push(payload);
    ok({ message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: payload.chat_id, type: "private" }, text: payload.text });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  api.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
