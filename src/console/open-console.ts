import { requireConsoleToken, type LumbarConfig } from "../config/config.ts";
import type { Lumbar } from "../core/types.ts";
import type { Logger } from "../log/logger.ts";
import type { HourCounts } from "../metrics/hourly-counts.ts";
import type { Stores } from "../store/types.ts";
import { IndexAdmin } from "./index-admin.ts";
import { startConsole, type RunningConsole } from "./start-console.ts";

/**
 * Starts the console over a running core and its stores, on LUMBAR_CONSOLE_PORT (or `port`) and
 * LUMBAR_CONSOLE_HOST. Used by `lumbar console` and by `lumbar start` beside the bots.
 *
 * @throws ConfigError naming LUMBAR_CONSOLE_TOKEN when it is unset: the console never starts without it.
 */
export async function openConsole(
  lumbar: Lumbar,
  stores: Pick<Stores, "audit" | "indexPointer">,
  config: LumbarConfig,
  logger: Logger,
  options: { port?: number; host?: string; hourly?: () => HourCounts[] } = {},
): Promise<RunningConsole> {
  const token = requireConsoleToken(config);
  const pointer = stores.indexPointer;
  const index = new IndexAdmin({ lumbar, dataDir: config.dataDir, embeddings: config.embeddings, ...(pointer ? { publish: (v: string) => pointer.publish(v) } : {}) });
  const running = await startConsole(
    { lumbar, audit: stores.audit, token, showText: config.logMessageText, index, dataDir: config.dataDir, logger, ...(options.hourly ? { hourly: options.hourly } : {}) },
    { port: options.port ?? config.consolePort ?? 0, host: options.host ?? config.consoleHost },
  );
  logger.info("console.listening", { port: running.port });
  return running;
}
