import { createHash } from "node:crypto";

/**
 * A stable short stand-in for a user or conversation id in logs: the same hash the core logs, so
 * lines can be correlated without the log saying who asked about their health.
 */
export function pseudonym(id: string): string {
  return createHash("sha256").update(id).digest("hex").slice(0, 10);
}
