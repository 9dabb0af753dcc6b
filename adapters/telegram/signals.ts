import type { Logger } from "../../src/log/logger.ts";

/**
 * Calls `stop` on the first SIGINT or SIGTERM, so polling or the webhook server ends cleanly.
 * Returns a function that removes the handlers. It does not exit the process: once everything
 * is stopped nothing keeps Node running, and other adapters may still be shutting down.
 */
export function installSignalHandlers(stop: (reason: string) => Promise<void>, logger: Logger): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    logger.info("telegram.signal", { signal });
    stop(signal).catch((error: unknown) => {
      logger.error("telegram.stop_failed", { error: error instanceof Error ? error.message : String(error) });
      process.exitCode = 1;
    });
  };
  const remove = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return remove;
}
