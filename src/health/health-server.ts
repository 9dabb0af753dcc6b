import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { IndexStatus } from "../core/types.ts";

/** What readiness asks about: the index serving, and the shared store (if any). */
export interface HealthTargets {
  /** The index now serving; rejects (or takes too long) while it is still being built or loaded. */
  index(): Promise<IndexStatus>;
  /** "embedded" when state stays in the process, "postgres" when shared. */
  storeKind: "embedded" | "postgres";
  /** Resolves when the store answers. */
  pingStore(): Promise<void>;
  /** Prometheus text for GET /metrics; without it /metrics is 404. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

export interface HealthServerOptions {
  port: number;
  /** Defaults to 0.0.0.0, so a load balancer can reach it. */
  host?: string;
  /** How long each readiness check may take, in ms. Defaults to 2,000. */
  checkTimeoutMs?: number;
}

export interface RunningHealthServer {
  port: number;
  /** From now on /readyz answers 503 "stopping", so a load balancer sends no new messages here. */
  draining(): void;
  close(): Promise<void>;
}

/**
 * `/healthz` (the process answers) and `/readyz` (the index is loaded and the database answers)
 * for load balancers and orchestrators, and `/metrics` when given. Written on node:http because two JSON routes do not
 * justify a framework. The answers hold versions and states only, never configuration or secrets.
 */
export async function startHealthServer(targets: HealthTargets, options: HealthServerOptions): Promise<RunningHealthServer> {
  const timeoutMs = options.checkTimeoutMs ?? 2_000;
  let stopping = false;
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
    };
    const url = (req.url ?? "/").split("?")[0];
    const metrics = targets.metrics;
    if (url === "/metrics" && metrics) {
      if (req.method !== "GET") return send(405, { error: "use GET" });
      void metrics().then(
        (m) => res.writeHead(200, { "content-type": m.contentType }).end(m.body),
        () => send(500, { error: "metrics unavailable" }),
      );
      return;
    }
    if (url !== "/healthz" && url !== "/readyz") return send(404, { error: `not found: use /healthz or /readyz${metrics ? " or /metrics" : ""}` });
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, { error: "use GET" });
    if (url === "/healthz") return send(200, { status: "ok" });
    void readiness(targets, timeoutMs, stopping).then((r) => send(r.ready ? 200 : 503, r.body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    draining: () => {
      stopping = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readiness(targets: HealthTargets, timeoutMs: number, stopping: boolean) {
  const [index, database] = await Promise.all([
    within(targets.index(), timeoutMs).then(
      (s) => ({ status: "ok", version: s.version, chunks: s.chunkCount }),
      (err: unknown) => ({ status: "unavailable", error: oneLine(err) }),
    ),
    targets.storeKind === "embedded"
      ? Promise.resolve({ status: "embedded" })
      : within(targets.pingStore(), timeoutMs).then(
          () => ({ status: "ok", kind: targets.storeKind }),
          (err: unknown) => ({ status: "unavailable", kind: targets.storeKind, error: oneLine(err) }),
        ),
  ]);
  const ready = !stopping && index.status === "ok" && database.status !== "unavailable";
  return { ready, body: { status: stopping ? "stopping" : ready ? "ready" : "not ready", index, database } };
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0]!.slice(0, 200);
}
