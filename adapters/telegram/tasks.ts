import type { Logger } from "../../src/log/logger.ts";
import { errorFields } from "./log-fields.ts";

/**
 * Work that runs after the triggering request has been acknowledged (a webhook delivery, a
 * /reindex), tracked so shutdown can wait for it and failures are logged rather than unhandled.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work` now; `name` labels a failure in the log. */
  run(name: string, work: () => Promise<void>): void {
    const task = (async () => {
      try {
        await work();
      } catch (error) {
        this.logger.error("telegram.task_failed", { task: name, error: errorFields(error) });
      }
    })();
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  /** How many tasks are still running. */
  get size(): number {
    return this.running.size;
  }

  /** Waits for running tasks, at most `timeoutMs`; returns how many were still running then. */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    try {
      while (this.running.size > 0) {
        const settled = await Promise.race([Promise.allSettled([...this.running]).then(() => true), timeout.then(() => false)]);
        if (!settled) break;
      }
    } finally {
      clearTimeout(timer);
    }
    return this.running.size;
  }
}
