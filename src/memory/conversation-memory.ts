import type { PendingCheck } from "../safety/safety-check.ts";

/** What Lumbar remembers of one exchange, to understand follow-ups like "how is it treated?". */
export interface Turn {
  /** The question as it was searched, with any topic carried from earlier turns. */
  query: string;
  /** Sections the answer came from. */
  sections: string[];
  /** Every section the reply listed as a source, in order: what "which of those..." may pick from. */
  listed?: string[];
  /**
   * What the exchange was about, as words to search with: the conditions (or body parts) and the
   * treatments, from the question or, when it named none, from the section that answered it. A
   * later turn without a topic of its own ("is it hereditary?") is read against these.
   */
  topic?: TurnTopic;
  at: number;
  /** The red-flag level of that message, so later replies keep the emergency guidance in view. */
  escalation?: "emergency" | "urgent" | "none";
  /** The rules that escalated on that message (ids only, never its words), so later replies repeat the right help. */
  reasons?: string[];
  /** A safety check question asked on that turn and not yet answered. */
  check?: PendingCheck;
}

export interface TurnTopic {
  conditions: string[];
  treatments: string[];
  /** Activities and circumstances ("core exercises"), remembered for conversations that have no condition. */
  context?: string[];
}

/** Pluggable conversation store: in memory by default; a shared store can implement the same two calls. */
export interface ConversationMemory {
  recent(conversationId: string): Promise<Turn[]>;
  remember(conversationId: string, turn: Turn): Promise<void>;
}

export interface InMemoryOptions {
  /** Turns kept per conversation. Defaults to 6. */
  maxTurns?: number;
  /** Turns older than this are forgotten, in ms. Defaults to 30 minutes. */
  ttlMs?: number;
  /** Conversations kept; the least recently used are dropped first. Defaults to 10,000. */
  maxConversations?: number;
  now?: () => number;
}

/** Bounded in turns, time and conversations, so memory cannot grow without limit. */
export class InMemoryConversationMemory implements ConversationMemory {
  private readonly store = new Map<string, Turn[]>();
  private readonly maxTurns: number;
  private readonly ttlMs: number;
  private readonly maxConversations: number;
  private readonly now: () => number;

  constructor(options: InMemoryOptions = {}) {
    this.maxTurns = options.maxTurns ?? 6;
    this.ttlMs = options.ttlMs ?? 30 * 60 * 1000;
    this.maxConversations = options.maxConversations ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async recent(conversationId: string): Promise<Turn[]> {
    const t = this.now();
    const turns = (this.store.get(conversationId) ?? []).filter((x) => t - x.at < this.ttlMs);
    if (turns.length === 0) this.store.delete(conversationId);
    return turns;
  }

  async remember(conversationId: string, turn: Turn): Promise<void> {
    const turns = [...(await this.recent(conversationId)), turn].slice(-this.maxTurns);
    this.store.delete(conversationId);
    this.store.set(conversationId, turns);
    while (this.store.size > this.maxConversations) {
      const oldest = this.store.keys().next().value;
      if (oldest === undefined) break;
      this.store.delete(oldest);
    }
  }
}
