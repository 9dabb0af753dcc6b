/** How hard Lumbar tries to get an operator alert through. */
export interface DeliveryPolicy {
  /** One attempt may take this long before it counts as failed. */
  timeoutMs: number;
  /** Waits between attempts; their count + 1 is the number of attempts. */
  backoffMs: number[];
}

/**
 * About eight minutes of retries: an operator channel that is down for a few minutes (a Slack or
 * Telegram outage, a proxy restart) still gets the alert once it is back.
 */
export const DEFAULT_DELIVERY: DeliveryPolicy = { timeoutMs: 10_000, backoffMs: [1_000, 5_000, 15_000, 30_000, 60_000, 60_000, 120_000, 180_000] };

export interface DeliveryOutcome {
  delivered: boolean;
  attempts: number;
  /** The last failure, in one line, when not delivered. */
  error?: string;
}

/** Sends one alert, with a timeout per attempt and retries with backoff. Never throws. */
export async function deliverWithRetry(send: () => Promise<void> | void, policy: DeliveryPolicy, sleep: (ms: number) => Promise<void> = defaultSleep): Promise<DeliveryOutcome> {
  let error = "";
  for (let attempt = 1; attempt <= policy.backoffMs.length + 1; attempt++) {
    try {
      await withTimeout(Promise.resolve().then(send), policy.timeoutMs);
      return { delivered: true, attempts: attempt };
    } catch (err) {
      error = oneLine(err);
    }
    if (attempt <= policy.backoffMs.length) await sleep(policy.backoffMs[attempt - 1]);
  }
  return { delivered: false, attempts: policy.backoffMs.length + 1, error };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0].slice(0, 300);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
