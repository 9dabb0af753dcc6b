import type { EscalationChange, EscalationChangeOutcome } from "../safety/escalation-state.ts";
import type { DeliveryClaims, FloodCounts } from "../store/types.ts";

/**
 * The types at Lumbar's boundary. Adapters (Slack, Telegram, terminal, CLI) speak only these:
 * they turn a channel message into an {@link IncomingMessage} and render the {@link Reply}.
 */

/** One message from a person, whatever channel it came from. */
export interface IncomingMessage {
  /** Channel name, e.g. "slack", "telegram", "terminal", "cli". */
  channel: string;
  /** Stable id of the conversation (a DM, a Slack thread, a Telegram chat). Follow-ups share it. */
  conversationId: string;
  /** Stable id of the person on that channel. */
  userId: string;
  /** What they typed. */
  text: string;
  /** The channel's id for this message, used to link an operator alert back to it. */
  messageId?: string;
  /** A link to the message on its channel, if the channel has one (Slack permalink). */
  messageLink?: string;
}

/** A passage the answer was drawn from. */
export interface Source {
  /** Article title from its front matter. */
  article: string;
  /** The heading exactly as written in the article, e.g. "1. Sciatica". */
  section: string;
  /** Retrieval confidence in [0, 1]; higher is closer. */
  score: number;
}

export type EscalationLevel = "emergency" | "urgent" | "none";
export type EscalationTier = Exclude<EscalationLevel, "none">;

/** Whether this message needs urgent care, and which red-flag rules said so. */
export interface Escalation {
  level: EscalationLevel;
  /** Ids of the red-flag rules that fired (empty when level is "none"). */
  reasons: string[];
}

/**
 * A safety check question, asked when a message comes close to a red flag that the rules cannot
 * settle ("I leaked in my pants today"). It is not an escalation and never alerts an operator.
 * The person's answer comes back as an ordinary message in the same conversation: the text of an
 * option (a button press) or a typed "yes" / "no". "Yes" escalates at once; "no" goes on with the answer.
 */
export interface SafetyCheck {
  /** One short question naming the red-flag symptoms. */
  question: string;
  /** One-tap answers. The first always means "yes, this is happening now"; the last means "no". */
  options: string[];
  /** Ids of the red-flag rules the question is about. */
  reasons: string[];
}

/** What Lumbar says back. `text` is the whole reply; the parts let a channel format them apart. */
export interface Reply {
  /** Guidance, answer and disclaimer joined, ready to print as plain text. */
  text: string;
  /** Red-flag guidance that must be shown first, or a safety note for an informational question. */
  guidance?: string;
  /** The answer drawn from the corpus (or the out-of-scope explanation). */
  answer: string;
  /** One short line: this is not medical advice. */
  disclaimer: string;
  sources: Source[];
  escalation: Escalation;
  /** True when the corpus does not cover the question and nothing was answered from it. */
  outOfScope: boolean;
  /** Two or three questions Lumbar can answer, to offer as buttons. */
  suggestions: string[];
  /** Version of the index that answered, for audit and support. */
  indexVersion: string;
  /** A safety check question to show with one-tap answers, or null. */
  check: SafetyCheck | null;
}

/** Sent to operators when a person, or someone with them, has a red-flag symptom now. */
export interface EscalationEvent {
  /**
   * The escalation's id in the audit log, for an operator to acknowledge it by (alert buttons).
   * Always set on events given to listeners; optional because records written before ids had none.
   */
  id?: string;
  tier: EscalationTier;
  ruleIds: string[];
  channel: string;
  conversationId: string;
  userId: string;
  messageId?: string;
  messageLink?: string;
  /** ISO 8601 time the message was handled. */
  time: string;
  /** The message text, only when operators turned text logging on (LUMBAR_LOG_MESSAGE_TEXT). */
  text?: string;
}

/** Delivers escalation events to operators; adapters provide one each. */
export type EscalationListener = (event: EscalationEvent) => Promise<void> | void;

/** The serving rules as operators read them: each rule's plain description, and what each tier is told. */
export interface RedFlagRulesInfo {
  /** `guidance`: the rule's own text for the person (thoughts of suicide), when it has one. */
  rules: Array<{ id: string; tier: EscalationTier; says: string; guidance?: string }>;
  guidance: Record<EscalationTier, string>;
}

/** What operators see about the index that is serving. */
export interface IndexStatus {
  version: string;
  chunkCount: number;
  builtAt: string;
  embedder: string;
  corpusHash: string;
}

/** The channel-agnostic core every adapter talks to. */
export interface Lumbar {
  /** Answers one message. Never throws for bad user input: it answers with a clear message instead. */
  handle(message: IncomingMessage): Promise<Reply>;
  /**
   * Only the red-flag part of {@link handle}: the check, the audit record and operator alert of an
   * escalation, and a safety check question, with no answer. For a message a channel will not answer
   * in full (a person over the flood limit): the reply carries guidance or a question, or is empty.
   */
  screen(message: IncomingMessage): Promise<Reply>;
  /**
   * Registers an operator-alert delivery; returns a function that removes it. `target` names the
   * operator channel ("slack", "telegram") in the audit log's delivery records, so an alert still
   * pending for it after a restart is sent again to it alone.
   */
  onEscalation(listener: EscalationListener, target?: string): () => void;
  /**
   * Sends again the alerts the audit log shows as pending (alerted, with no final outcome for a
   * registered target): alerts still being retried when the last process stopped or crashed. Call
   * once after the operator channels are registered; delivery goes on in the background. Resolves
   * with the number of escalations resent.
   */
  resumePendingAlerts(): Promise<number>;
  /**
   * Moves an escalation on in the operators' queue (acknowledged, resolved), appending who, when and
   * from where to the audit log. Callers check that the person is an operator.
   */
  changeEscalation(change: EscalationChange): Promise<EscalationChangeOutcome>;
  /** The red-flag rules and tier guidance of the serving index, in plain words, for operators. */
  redFlagRules(): Promise<RedFlagRulesInfo>;
  /** The index now serving. */
  status(): Promise<IndexStatus>;
  /** The articles and their sections the serving index answers from, in the articles' order. */
  contents(): Promise<Array<{ article: string; sections: string[] }>>;
  /** Rebuilds the index from the corpus and switches to it; a failure leaves the old one serving. */
  reindex(options?: { onProgress?: (done: number, total: number) => void }): Promise<IndexStatus>;
  /** Releases timers and file handles. */
  close(): Promise<void>;
  /**
   * Delivery dedupe shared by every instance on the same database, for channels to claim a
   * delivery id before answering; null or absent when this process is alone.
   */
  readonly deliveries?: DeliveryClaims | null;
  /** Flood-limit counts shared by every instance on the same database; null or absent when this process is alone. */
  readonly floods?: FloodCounts | null;
}
