/**
 * The state several Lumbar instances must share to act as one, each behind a small interface with
 * an in-process implementation (the zero-setup default) and a PostgreSQL one. `create-stores.ts`
 * is the one place that chooses between them.
 */
import type { ConversationMemory } from "../memory/conversation-memory.ts";
import type { EscalationTier } from "../core/types.ts";
import type { AuditContents, AuditLine } from "../safety/audit-log.ts";

/** Bounded, expiring turns per conversation: the memory follow-up questions are read against. */
export type ConversationStore = ConversationMemory;

/**
 * Claims a channel's delivery id (a Slack event id, a Telegram update id) so that exactly one
 * instance handles a redelivered or twice-routed event.
 */
export interface DeliveryClaims {
  /**
   * True for exactly one caller per key within `ttlMs` (milliseconds), across every instance
   * sharing the store; false for every other claim of that key until it expires.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/**
 * Per-person message counts in fixed windows, shared by every instance, for flood limits: a person
 * whose messages a load balancer spreads over several instances is counted once.
 */
export interface FloodCounts {
  /** Counts one message for `key` and returns how many it has sent in the current window of `windowMs`. */
  increment(key: string, windowMs: number): Promise<number>;
}

/**
 * At most one operator alert per conversation and tier within a window. `begin` claims the right to
 * send; `finish` starts the window when the alert arrived, or releases the claim when it did not,
 * so a failed delivery never silences the next alert.
 */
export interface AlertWindows {
  /** True when this caller should send the alert now (nobody else is sending or has sent it within the window). */
  begin(conversationKey: string, tier: EscalationTier): Promise<boolean>;
  /** The alert begun by this caller has finished: delivered (its window starts now) or not. */
  finish(conversationKey: string, tier: EscalationTier, delivered: boolean): Promise<void>;
}

/**
 * The escalation audit log and alert outbox: escalation records and the outcomes of their alert
 * deliveries, append-only. `append` resolves only once the record is durable (fsync'd, or
 * committed), so the core writes it before the reply.
 */
export interface AuditStore {
  /** Where the records are, for people: a file path, or the database table. */
  readonly where: string;
  append(record: AuditLine): Promise<void>;
  /** Every record in the order written; `skipped` counts records that could not be read (a torn last line of a file). */
  read(): Promise<AuditContents>;
  close(): Promise<void>;
}

/**
 * The name of the index version every instance sharing the database serves. The version's files
 * live in the data folder, which the instances share (see README, "Several instances").
 */
export interface IndexPointer {
  /** The published version name, or null when none has been published to this database yet. */
  read(): Promise<string | null>;
  /** Makes `version` the one every instance serves (each notices within its check interval). */
  publish(version: string): Promise<void>;
}

/** A lock held by this process until released (or until the process or its connection dies). */
export interface Lease {
  release(): Promise<void>;
}

/** Everything createLumbar and the channels share, plus how to release it. */
export interface Stores {
  /** "embedded" (this process only) or "postgres" (shared by every instance on the database). */
  kind: "embedded" | "postgres";
  conversations: ConversationStore;
  alertWindows: AlertWindows;
  /**
   * Delivery dedupe across instances, or null when this process is alone: the channels' own
   * in-process filter (adapters/shared/recent-ids.ts) then suffices.
   */
  deliveries: DeliveryClaims | null;
  /** Flood-limit counts across instances, or null when this process is alone (the channels count in process). */
  floods: FloodCounts | null;
  /** The audit log: the file under the data folder, or the database table shared by every instance. */
  audit: AuditStore;
  /** The shared serving index version, or null when this process alone decides (CURRENT in its data folder). */
  indexPointer: IndexPointer | null;
  /**
   * Takes the named lock across every instance on the database, or returns null when another
   * instance holds it. Embedded, there is no other instance to exclude: it always succeeds.
   */
  exclusive(name: string): Promise<Lease | null>;
  /** Resolves when the store answers (a round trip to the database; at once when embedded). */
  ping(): Promise<void>;
  /** Closes the database pool, if any. Call after the core has finished its work. */
  close(): Promise<void>;
}
