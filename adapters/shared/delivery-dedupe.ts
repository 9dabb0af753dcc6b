import type { Logger } from "../../src/log/logger.ts";
import type { DeliveryClaims } from "../../src/store/types.ts";
import { ExpiringMap } from "./expiring-map.ts";
import { RecentIds } from "./recent-ids.ts";

/**
 * Answers each delivery once, on one instance. This process's own recent ids come first (a retry
 * landing here again costs no database call); then, when instances share a database, the claim
 * there decides which one of them answers.
 */
export class DeliveryDedupe {
  private readonly local: RecentIds;
  /** Ids this instance won and then released to process again: their shared claim is already ours. */
  private readonly released: ExpiringMap<true>;

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
    this.released = new ExpiringMap(ttlMs, 100_000);
  }

  /**
   * Forgets an id this instance claimed, so its next claim here succeeds (an update whose reply
   * failed, processed again on purpose). The shared claim stays this instance's.
   */
  release(id: string): void {
    this.local.release(id);
    this.released.set(id, true);
  }

  /**
   * True the first time a delivery is seen by any instance within the window. A delivery may carry
   * several ids (Slack: the message, the event, the client's id); here each is claimed (none
   * skipped, so a later copy under any of them is caught too). Across instances only the first,
   * which must name the message itself, is claimed: claiming several at once could split them
   * between two racing instances so that neither answers.
   */
  async claim(ids: string | string[]): Promise<boolean> {
    const all = typeof ids === "string" ? [ids] : ids;
    const fresh = all.map((id) => this.local.claim(id));
    if (!fresh.every(Boolean)) return false;
    if (!this.shared || all.length === 0) return true;
    if (this.released.get(all[0])) {
      this.released.delete(all[0]);
      return true;
    }
    try {
      return await this.shared.claim(`${this.namespace}:${all[0]}`, this.ttlMs);
    } catch (err) {
      // Answering twice is better than not answering: a person may be describing an emergency.
      this.logger.error("dedupe.store_unavailable", { error: err });
      return true;
    }
  }
}
