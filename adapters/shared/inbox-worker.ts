import type { Logger } from "../../src/log/logger.ts";
import type { DurableInbox, InboxEntry } from "./durable-inbox.ts";

/** What {@link createInboxWorker} needs. */
export interface InboxWorkerOptions<T> {
  inbox: DurableInbox<T>;
  /**
   * Processes one message (red-flag check, audit, reply); resolves true once its reply was sent,
   * false when it could not be (it is then tried again later). Must not throw.
   */
  handle: (entry: InboxEntry<T>) => Promise<boolean>;
  /** Starts tracked background work, so the adapter's shutdown can wait for it. */
  run: (work: () => Promise<void>) => void;
  logger: Logger;
  /** The channel, for log lines. */
  channel: string;
  /**
   * How often messages whose reply could not be sent are tried again, in ms. Defaults to 60,000:
   * the platform's own retries (about 15 s for Telegram) are spent by then, so this covers outages.
   */
  retryEveryMs?: number;
}

/** Hand it each message once it is in the inbox. */
export interface InboxWorker<T> {
  submit(entry: InboxEntry<T>): void;
  /** Processes what a crash left unfinished and starts the retry timer; call once the channel listens. */
  start(): void;
  /** Stops the retry timer; work already running finishes in the adapter's drain. */
  stop(): void;
}

/**
 * Processes the messages of a durable inbox: each message submitted, and at start the ones a
 * crash left unfinished. A message is marked done only once its reply was sent; one whose reply
 * failed is tried again every `retryEveryMs`, so an emergency reply outlives a platform outage
 * without waiting for a restart. A message is never processed twice at the same time.
 */
export function createInboxWorker<T>(options: InboxWorkerOptions<T>): InboxWorker<T> {
  const { inbox, handle, run, logger, channel } = options;
  const running = new Set<string>();
  const submit = (entry: InboxEntry<T>) => {
    if (running.has(entry.id)) return;
    running.add(entry.id);
    run(async () => {
      try {
        if (await handle(entry)) await inbox.done(entry.id);
        else logger.warn(`${channel}.message_unfinished`, { id: entry.id });
      } catch (error) {
        logger.error(`${channel}.inbox_failed`, { id: entry.id, error });
      } finally {
        running.delete(entry.id);
      }
    });
  };

  let timer: NodeJS.Timeout | undefined;
  return {
    submit,
    start() {
      const unfinished = inbox.pending();
      if (unfinished.length > 0) logger.warn(`${channel}.inbox_replaying`, { messages: unfinished.length });
      for (const entry of unfinished) submit(entry);
      timer ??= setInterval(() => {
        const owed = inbox.pending().filter((e) => !running.has(e.id));
        if (owed.length === 0) return;
        logger.warn(`${channel}.inbox_retrying`, { messages: owed.length });
        for (const entry of owed) submit(entry);
      }, options.retryEveryMs ?? 60_000);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
