import { requireConsoleToken, type LumbarConfig } from "../config/config.ts";
import { ConfigError } from "../core/errors.ts";
import { createLumbar } from "../core/create-lumbar.ts";
import { createLogger } from "../log/logger.ts";
import { openConsole } from "../console/open-console.ts";
import { createStores } from "../store/create-stores.ts";
import type { ParsedArgs } from "./args.ts";

/** The port `lumbar console` listens on when neither --port nor LUMBAR_CONSOLE_PORT says. */
export const DEFAULT_CONSOLE_PORT = 8090;

/**
 * `lumbar console [--port N] [--host ADDR]`: the operator console on its own, over the same data
 * folder (or database) as the bots. It refuses to start without LUMBAR_CONSOLE_TOKEN.
 */
export async function runConsole(config: LumbarConfig, args: ParsedArgs): Promise<number> {
  requireConsoleToken(config);
  const portFlag = args.flags.get("port");
  let port = config.consolePort ?? DEFAULT_CONSOLE_PORT;
  if (typeof portFlag === "string") {
    if (!/^\d+$/.test(portFlag) || Number(portFlag) > 65535) throw new ConfigError("--port", `invalid value '${portFlag}'; use a port number from 0 to 65535`);
    port = Number(portFlag);
  }
  const hostFlag = args.flags.get("host");
  const logger = createLogger(config.logLevel);
  const stores = await createStores(config, { logger });
  const lumbar = createLumbar({ config, logger, stores });
  let running;
  try {
    running = await openConsole(lumbar, stores, config, logger, { port, ...(typeof hostFlag === "string" ? { host: hostFlag } : {}) });
  } catch (err) {
    await lumbar.close();
    throw err;
  }
  process.stdout.write(`Console: ${running.url} (sign in with LUMBAR_CONSOLE_TOKEN)\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await running.close();
  await lumbar.close();
  return 0;
}
