import type { Pool } from "pg";
import type { Turn } from "../memory/conversation-memory.ts";
import type { ConversationStore } from "./types.ts";
import { SweepSchedule } from "./sweep-schedule.ts";

export interface PgConversationOptions {
  /** Turns kept per conversation. Defaults to 6. */
  maxTurns?: number;
  /** Turns older than this are forgotten, in ms. Defaults to 30 minutes. */
  ttlMs?: number;
  /** How often this instance deletes every expired turn, in ms. Defaults to 1 minute. */
  sweepEveryMs?: number;
  /** Clock in epoch milliseconds, injectable for tests. */
  now?: () => number;
}

/**
 * Conversation memory in PostgreSQL, so a follow-up answered by another instance still knows its
 * topic. Bounded like the in-process memory: the newest `maxTurns` per conversation, none older
 * than `ttlMs` (expired turns are swept in bulk, so the table cannot grow without limit).
 */
export class PgConversationStore implements ConversationStore {
  private readonly maxTurns: number;
  private readonly ttlMs: number;
  private readonly sweeps: SweepSchedule;
  private readonly now: () => number;

  constructor(
    private readonly pool: Pool,
    options: PgConversationOptions = {},
  ) {
    this.maxTurns = options.maxTurns ?? 6;
    this.ttlMs = options.ttlMs ?? 30 * 60 * 1000;
    this.sweeps = new SweepSchedule(options.sweepEveryMs ?? 60_000);
    this.now = options.now ?? Date.now;
  }

  async recent(conversationId: string): Promise<Turn[]> {
    const { rows } = await this.pool.query<{ turn: Turn }>(
      `SELECT turn FROM (
         SELECT id, turn FROM conversation_turns
         WHERE conversation_id = $1 AND at > $2
         ORDER BY id DESC LIMIT $3
       ) newest ORDER BY id`,
      [conversationId, this.now() - this.ttlMs, this.maxTurns],
    );
    await this.sweep();
    return rows.map((r) => r.turn);
  }

  async remember(conversationId: string, turn: Turn): Promise<void> {
    // One statement, so the insert and the trim of that conversation commit together. Its snapshot
    // does not include the new row: keeping the newest maxTurns - 1 older turns leaves maxTurns.
    await this.pool.query(
      `WITH added AS (
         INSERT INTO conversation_turns (conversation_id, at, turn) VALUES ($1, $2, $3) RETURNING id
       )
       DELETE FROM conversation_turns
       WHERE conversation_id = $1
         AND id < (SELECT id FROM added)
         AND id NOT IN (
           SELECT id FROM conversation_turns WHERE conversation_id = $1 ORDER BY id DESC LIMIT $4
         )`,
      [conversationId, turn.at, JSON.stringify(turn), this.maxTurns - 1],
    );
    await this.sweep();
  }

  /** Deletes every expired turn, at most once per `sweepEveryMs` on this instance. */
  private async sweep(): Promise<void> {
    const t = this.now();
    if (!this.sweeps.due(t)) return;
    await this.pool.query("DELETE FROM conversation_turns WHERE at <= $1", [t - this.ttlMs]);
  }
}
