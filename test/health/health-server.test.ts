// /healthz and /readyz over the real core: what a load balancer sees while Lumbar is ready, while
// the index cannot load, when the database does not answer, and while stopping; and `lumbar start`
// serving them (and /metrics) on LUMBAR_HEALTH_PORT beside a Telegram webhook (Telegram's servers are the emulator).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { createLumbar } from "../../src/core/create-lumbar.ts";
import { startHealthServer, type RunningHealthServer } from "../../src/health/health-server.ts";
import { createPgPool } from "../../src/store/pg-pool.ts";
import { makeCliSandbox, type CliSandbox } from "../cli/cli-harness.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { freePort, startEmulator, waitFor, type Emulator } from "../telegram/support/emulator.ts";

const get = async (port: number, route: string, method = "GET") => {
  const res = await fetch(`http://127.0.0.1:${port}${route}`, { method });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe("health server", () => {
  let core: TestLumbar;
  const servers: RunningHealthServer[] = [];
  beforeAll(async () => {
    core = await makeTestLumbar();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await core?.cleanup();
  });
  const serve = async (...args: Parameters<typeof startHealthServer>) => {
    const s = await startHealthServer(args[0], { host: "127.0.0.1", ...args[1] });
    servers.push(s);
    return s;
  };

  it("is live and ready with the index loaded and the embedded store, and says not ready while stopping", async () => {
    const s = await serve({ index: () => core.lumbar.status(), storeKind: "embedded", pingStore: async () => {} }, { port: 0 });
    expect(await get(s.port, "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    const ready = await get(s.port, "/readyz");
    const { version, chunkCount } = await core.lumbar.status();
    expect(ready).toEqual({ status: 200, body: { status: "ready", index: { status: "ok", version, chunks: chunkCount }, database: { status: "embedded" } } });
    expect((await get(s.port, "/metrics")).status).toBe(404);
    expect((await get(s.port, "/readyz", "POST")).status).toBe(405);
    s.draining();
    expect(await get(s.port, "/readyz")).toMatchObject({ status: 503, body: { status: "stopping", index: { status: "ok" } } });
    expect((await get(s.port, "/healthz")).status).toBe(200);
  });

  it("is not ready when the database does not answer, and says why", async () => {
    // A real pool to a port where nothing listens: the database is down.
    const pool = createPgPool({ connectionString: "postgres://lumbar:pw@127.0.0.1:1/none" });
    try {
      const s = await serve({ index: () => core.lumbar.status(), storeKind: "postgres", pingStore: async () => void (await pool.query("SELECT 1")) }, { port: 0 });
      const r = await get(s.port, "/readyz");
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ status: "not ready", index: { status: "ok" }, database: { status: "unavailable", kind: "postgres", error: expect.stringMatching(/ECONNREFUSED/) } });
      expect(JSON.stringify(r.body)).not.toContain("pw@");
    } finally {
      await pool.end();
    }
  });

  it("is not ready when the index cannot load", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "lumbar-health-"));
    const broken = createLumbar({ config: { ...loadConfig({}), corpusDir: path.join(root, "no-corpus"), dataDir: path.join(root, "data") } });
    try {
      const s = await serve({ index: () => broken.status(), storeKind: "embedded", pingStore: async () => {} }, { port: 0 });
      const r = await get(s.port, "/readyz");
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ status: "not ready", index: { status: "unavailable", error: expect.any(String) }, database: { status: "embedded" } });
    } finally {
      await broken.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("lumbar start with LUMBAR_HEALTH_PORT", () => {
  let sandbox: CliSandbox;
  let emulator: Emulator;
  beforeAll(async () => {
    sandbox = await makeCliSandbox();
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
    await sandbox?.cleanup();
  });

  it("serves /readyz and /metrics beside the webhook, and exits cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join("bin", "lumbar.js"), "start"], {
      cwd: PROJECT_ROOT,
      env: sandbox.env({
        LUMBAR_HEALTH_PORT: String(port),
        LUMBAR_HEALTH_HOST: "127.0.0.1",
        TELEGRAM_BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        TELEGRAM_WEBHOOK_URL: "https://lumbar.example.invalid/tg",
        TELEGRAM_WEBHOOK_SECRET: "health_Secret-1",
        TELEGRAM_PORT: "0",
        TELEGRAM_HOST: "127.0.0.1",
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.stdout.on("data", (d) => (stdout += String(d)));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await waitFor(() => stderr.includes('"started"') || child.exitCode !== null, 60_000, "lumbar start");
      expect(stderr).toContain('"health.listening"');
      // Beside the JSON logs, one human line per channel that started.
      await waitFor(() => /^Telegram: /m.test(stdout), 5_000, "the start-up line");
      expect(stdout).toMatch(/^Telegram: webhook on 127\.0\.0\.1:\d+ as @\S+$/m);
      const r = await get(port, "/readyz");
      expect(r).toMatchObject({ status: 200, body: { status: "ready", index: { status: "ok", version: expect.stringMatching(/^v/) }, database: { status: "embedded" } } });
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect(text).toContain(`lumbar_index_info{version="${r.body.index.version}"} 1`);
      expect(text).toContain("# TYPE lumbar_answer_duration_seconds histogram");
      expect(text).toContain("process_cpu_seconds_total");
      child.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise<"hung">((res) => setTimeout(() => res("hung"), 15_000))]);
      expect(code, stderr).toBe(0);
      // The port is released with the process.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 90_000);
});
