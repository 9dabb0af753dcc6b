/**
 * Tracks work that outlives Slack's acknowledgement (answers, reindexes), so stopping the adapter
 * can let answers in flight reach the person instead of cutting them off.
 */
export class PendingWork {
  private readonly running = new Set<Promise<unknown>>();

  /** Starts `work` and tracks it until it settles; returns its promise. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.running.add(promise);
    const forget = () => this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Number of tasks still running. */
  get size(): number {
    return this.running.size;
  }

  /**
   * Waits until every task has settled, or `timeoutMs` has passed.
   * @returns true when everything settled in time.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    try {
      while (this.running.size > 0) {
        const settled = await Promise.race([Promise.allSettled([...this.running]).then(() => true as const), timedOut]);
        if (!settled) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
