import type { Logger } from "../../src/log/logger.ts";
import type { DeliveryClaims } from "../../src/store/types.ts";
import { RecentIds } from "./recent-ids.ts";

/**
 * Answers each delivery once, on one instance. This process's own recent ids come first (a retry
 * landing here again costs no database call); then, when instances share a database, the claim
 * there decides which one of them answers.
 */
export class DeliveryDedupe {
  private readonly local: RecentIds;

  /**
   * @param namespace prefix of the shared keys, so two channels' (or two bots') ids never collide.
   * @param ttlMs how long a delivery id is remembered, in milliseconds.
   * @param shared the claims other instances see, or null/undefined when this process is alone.
   */
  constructor(
    private readonly namespace: string,
    private readonly ttlMs: number,
    private readonly shared: DeliveryClaims | null | undefined,
    private readonly logger: Logger,
  ) {
    this.local = new RecentIds(ttlMs);
  }

  /** True the first time a delivery id is seen by any instance within the window. */
  async claim(id: string): Promise<boolean> {
    if (!this.local.claim(id)) return false;
    if (!this.shared) return true;
    try {
      return await this.shared.claim(`${this.namespace}:${id}`, this.ttlMs);
    } catch (err) {
      // Answering twice is better than not answering: a person may be describing an emergency.
      this.logger.error("dedupe.store_unavailable", { error: err });
      return true;
    }
  }
}
