import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";

/**
 * Routes bolt's and the WebClient's logs into Lumbar's logger. Debug lines are dropped outright:
 * the WebClient logs every request body at debug level, and those bodies hold message text.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const forward = (level: "info" | "warn" | "error") => (...args: unknown[]) => {
    logger[level]("slack.bolt", { detail: describe(args) });
  };
  return {
    debug: () => {},
    info: forward("info"),
    warn: forward("warn"),
    error: forward("error"),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

// Only strings and error names/messages pass: bolt sometimes logs whole payload objects.
function describe(args: unknown[]): string {
  return args
    .map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.name}: ${a.message}` : typeof a))
    .join(" ");
}
