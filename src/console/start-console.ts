import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createConsoleApp, type ConsoleDeps } from "./console-app.ts";

export interface ConsoleServerOptions {
  port: number;
  /** Defaults to 127.0.0.1: the console is for this machine unless the operator says otherwise. */
  host?: string;
}

export interface RunningConsole {
  port: number;
  /** "http://127.0.0.1:8090", for the start-up line. */
  url: string;
  close(): Promise<void>;
}

/** Serves the console on node:http through @hono/node-server. Rejects when the port cannot be bound. */
export async function startConsole(deps: ConsoleDeps, options: ConsoleServerOptions): Promise<RunningConsole> {
  const app = createConsoleApp(deps);
  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
