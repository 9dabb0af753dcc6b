import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { OpenAICompatibleEmbeddings } from "../../src/embed/remote-embeddings.ts";

// A provider that refuses every call and, like some real servers, echoes the Authorization header.
let server: Server | null = null;
let calls = 0;

async function refusingServer(status: number): Promise<string> {
  calls = 0;
  server = createServer((req, res) => {
    calls++;
    req.resume();
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}` } }));
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`;
}

afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = null;
});

describe("provider errors", () => {
  it("never carry the API key, even when the server echoes it", async () => {
    const baseUrl = await refusingServer(401);
    const embeddings = new OpenAICompatibleEmbeddings({ baseUrl, model: "m", apiKey: "sk-secret-123" });
    const error = await embeddings.embedQuery("x").catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/HTTP 401/);
    expect((error as Error).message).not.toContain("sk-secret-123");
    expect((error as Error).message).toContain("[redacted]");
  });

  it("are not retried when the provider refuses (4xx), so a wrong key fails at once", async () => {
    const baseUrl = await refusingServer(401);
    await new OpenAICompatibleEmbeddings({ baseUrl, model: "m", apiKey: "k" }).embedQuery("x").catch(() => undefined);
    expect(calls).toBe(1);
  });

  it("are retried when the provider fails (5xx)", async () => {
    const baseUrl = await refusingServer(503);
    await new OpenAICompatibleEmbeddings({ baseUrl, model: "m", apiKey: "k" }).embedQuery("x").catch(() => undefined);
    expect(calls).toBe(3);
  }, 20_000);
});
