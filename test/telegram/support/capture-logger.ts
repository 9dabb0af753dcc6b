import { createLogger, type Logger } from "../../../src/log/logger.ts";

/** The real logger, writing JSON lines into an array so tests can inspect what was logged. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger("debug", (line) => lines.push(line)), lines };
}
