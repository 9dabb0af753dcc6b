import { createHash } from "node:crypto";

/**
 * A stable short stand-in for a user, chat or conversation id in logs. Every channel and the core
 * use this one function, so log lines can be correlated without saying who asked about their health.
 */
export function pseudonym(id: string | number): string {
  return createHash("sha256").update(String(id)).digest("hex").slice(0, 10);
}
