import { createChatClient, type ChatClient } from "../answer/chat-client.ts";
import { BOUNDARY_NOTES, boundaryRequested } from "../answer/boundaries.ts";
import { extractiveAnswer } from "../answer/extractive-answer.ts";
import { llmAnswer } from "../answer/llm-answer.ts";
import { askingText, asksSomething } from "../answer/asking-clauses.ts";
import { inOtherScript, NOT_ENGLISH_CHECK } from "../safety/language.ts";
import { decideScope, UNNAMED_AILMENT, scopeVocabularyFor } from "../answer/scope.ts";
import { domainVocabulary } from "../answer/domain-vocabulary.ts";
import { defaultSuggestions, relatedSuggestions } from "../answer/suggestions.ts";
import type { LumbarConfig } from "../config/config.ts";
import { chunkGroups, chunksOfSections, suggestionChunks } from "../index/chunk-groups.ts";
import { headingWithoutMarker } from "../corpus/chunk.ts";
import { normalizeText } from "../text/normalize.ts";
import { LiveIndex } from "../index/live-index.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { silentLogger, type Logger } from "../log/logger.ts";
import { pseudonym } from "../log/pseudonym.ts";
import { InMemoryConversationMemory, type ConversationMemory, type Turn, type TurnTopic } from "../memory/conversation-memory.ts";
import { answeredTopic, resolveFollowUp, topicOf } from "../memory/follow-up.ts";
import { itemAt, listNamedBy, listReference } from "../memory/list-reference.ts";
import { retrieve, retrieveWithTopic, type RetrievedPassage } from "../retrieve/hybrid-retriever.ts";
import { searchWithoutTried, triedAlready, whatWasTried } from "../answer/tried-already.ts";
import { randomUUID } from "node:crypto";
import { DEFAULT_DELIVERY, deliverWithRetry, type DeliveryPolicy } from "../safety/alert-delivery.ts";
import { LocalAlertWindows } from "../store/local-alert-windows.ts";
import type { AuditStore, Stores } from "../store/types.ts";
import { AuditLog, auditLogPath, pendingAlerts } from "../safety/audit-log.ts";
import { checkRedFlags, checkStandsAlone, escalationGuidance, informationalApplies, reminderGuidance, tierGuidanceApplies } from "../safety/check-red-flags.ts";
import type { RuleSet } from "../safety/rules.ts";
import { createStateChanger } from "../safety/escalation-state.ts";
import { RedFlagWorkers } from "../safety/red-flag-workers.ts";
import { resolveCheckTurn } from "../safety/safety-check.ts";
import type { RedFlagResult } from "../safety/detect-red-flags.ts";
import { prepareSnapshot } from "./prepare-snapshot.ts";
import { smallTalkKind } from "./small-talk.ts";
import { CHECK_ANSWERED_NO, DISCLAIMER, EMPTY_MESSAGE, LONG_MESSAGE, NOT_ENGLISH, OUT_OF_SCOPE, SMALL_TALK, STILL_EMERGENCY } from "./texts.ts";
import type { EscalationEvent, EscalationListener, IncomingMessage, IndexStatus, Lumbar, Reply, SafetyCheck, Source } from "./types.ts";

/** Collaborators of the core; all optional except the configuration, so tests hand in fakes of the outside world. */
export interface LumbarOptions {
  config: LumbarConfig;
  logger?: Logger;
  memory?: ConversationMemory;
  /**
   * State shared with other instances (conversations, alert windows, delivery dedupe), from
   * createStores; closed by close(). Defaults to this process's own memory and windows.
   */
  stores?: Stores;
  /** LLM client; defaults to the one LUMBAR_LLM selects, or none. */
  chat?: ChatClient | null;
  index?: LiveIndex;
  /** Where escalations are recorded; defaults to the stores' audit log, or the file under the data folder. */
  auditLog?: AuditStore;
  /** Timeout and retries for operator alerts; defaults to LUMBAR_ALERT_RETRY_SECONDS or the built-in schedule. */
  alertDelivery?: DeliveryPolicy;
  /** How alert retries wait (tests pass a fake clock's). */
  sleep?: (ms: number) => Promise<void>;
  /** Worker threads for the red-flag check of long messages; `null` checks every message on the calling thread. */
  redFlagWorkers?: RedFlagWorkers | null;
  now?: () => Date;
}

/** How long close() waits for operator alerts that are still being retried. */
const CLOSE_WAIT_MS = 2_000;

/** What the answer path hands back to `handle`; `topic` is what the turn was about, for follow-ups. */
interface Answered {
  answer: string;
  sources: Source[];
  outOfScope: boolean;
  suggestions: string[];
  scope: string;
  query: string;
  cited: string[];
  topic?: TurnTopic;
}

/** A retrieved section is listed as a source when its score is at least this share of the best. */
export const RELATED_SOURCE_RATIO = 0.5;

export { auditLogPath };

/** Builds the channel-agnostic core. The index is loaded (or first built) lazily on first use. */
export function createLumbar(options: LumbarOptions): Lumbar {
  const { config } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const stores = options.stores;
  const memory = options.memory ?? stores?.conversations ?? new InMemoryConversationMemory({ maxTurns: config.memoryTurns, ttlMs: config.memoryTtlMinutes * 60_000 });
  const chat = options.chat !== undefined ? options.chat : config.llm ? createChatClient(config.llm) : null;
  const index = options.index ?? new LiveIndex({ dataDir: config.dataDir, corpusDir: config.corpusDir, embeddings: config.embeddings, logger, prepare: prepareSnapshot, ...(stores?.indexPointer ? { pointer: stores.indexPointer } : {}) });
  const audit: AuditStore = options.auditLog ?? stores?.audit ?? new AuditLog(auditLogPath(config.dataDir));
  const throttle = stores?.alertWindows ?? new LocalAlertWindows(config.alertWindowMinutes * 60_000, () => now().getTime());
  /** Operator channels, by the target name their delivery records carry. */
  const listeners = new Map<EscalationListener, string>();
  const delivery = options.alertDelivery ?? (config.alertRetrySeconds ? { ...DEFAULT_DELIVERY, backoffMs: config.alertRetrySeconds.map((sec) => sec * 1000) } : DEFAULT_DELIVERY);
  /**
   * Escalations this process recorded before resumePendingAlerts ran: their alerts are its own, in
   * flight, never "left pending" by an earlier process. Emptied and no longer filled once it ran.
   */
  const recordedHere = new Set<string>();
  let resumed = false;
  // A long message is checked in a worker thread, so it never holds up other people's messages.
  const workers = options.redFlagWorkers !== undefined ? options.redFlagWorkers : new RedFlagWorkers({ dataDir: config.dataDir, embeddings: config.embeddings, logger });
  /** Alert deliveries still retrying, so close() can wait for them. */
  const inFlight = new Set<Promise<void>>();
  const changeEscalation = createStateChanger(audit, now);

  const escalate = async (message: IncomingMessage, flags: RedFlagResult, snapshot: IndexSnapshot): Promise<void> => {
    if (flags.level === "none") return;
    const event: EscalationEvent = {
      tier: flags.level,
      ruleIds: flags.reasons,
      channel: message.channel,
      conversationId: message.conversationId,
      userId: message.userId,
      messageId: message.messageId,
      messageLink: message.messageLink,
      time: now().toISOString(),
      ...(config.logMessageText ? { text: message.text } : {}),
    };
    // "alerted" means an alert is being sent; whether it arrived is appended when known.
    const key = alertWindowKey(snapshot.rules, event);
    const tier = flags.level;
    // A store that cannot be reached must not cost the alert: better twice than never.
    const alerted =
      listeners.size > 0 &&
      (await throttle.begin(key, tier).catch((err) => {
        logger.error("escalation.window_unavailable", { tier, error: err });
        return true;
      }));
    const id = randomUUID();
    if (!resumed) recordedHere.add(id);
    // The record is on disk before the person gets the reply. If the disk fails, the person still
    // gets the guidance and operators the alert: losing those would be worse than a missing record.
    try {
      await audit.append({ ...event, id, alerted, indexVersion: snapshot.manifest.version });
    } catch (err) {
      logger.error("escalation.audit_failed", { tier: event.tier, error: err });
    }
    logger.warn("escalation", { tier: event.tier, rules: event.ruleIds, channel: event.channel, alerted });
    if (!alerted) return;
    deliver(id, event, [...listeners], key);
  };

  /**
   * Each operator channel is tried with a timeout and retried with backoff, in the background (the
   * reply does not wait); each outcome is appended as it is known. The window that throttles
   * repeats starts only once one has arrived.
   */
  const deliver = (id: string, event: EscalationEvent, targets: Array<[EscalationListener, string]>, key: string): void => {
    let left = targets.length;
    let anyDelivered = false;
    const settled = Promise.all(
      targets.map(async ([listener, target]) => {
        // The id lets an operator acknowledge the escalation from the alert itself.
        const outcome = await deliverWithRetry(() => listener({ ...event, id }), delivery, options.sleep);
        anyDelivered ||= outcome.delivered;
        // The window is settled before the outcome is written, so whoever reads the outcome sees it.
        if (--left === 0) await throttle.finish(key, event.tier, anyDelivered).catch((err) => logger.error("escalation.window_unavailable", { tier: event.tier, error: err }));
        if (!outcome.delivered) logger.error("escalation.delivery_failed", { channel: event.channel, target, attempts: outcome.attempts, error: outcome.error });
        await audit
          .append({ kind: "alert-delivery", escalationId: id, target, time: now().toISOString(), outcome: outcome.delivered ? "delivered" : "failed", attempts: outcome.attempts, ...(outcome.delivered ? {} : { error: outcome.error }) })
          .catch((err) => logger.error("escalation.audit_failed", { tier: event.tier, error: err }));
      }),
    ).then(() => undefined);
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };

  const answer = async (message: IncomingMessage, snapshot: IndexSnapshot, flags: RedFlagResult, history: Turn[]): Promise<Answered> => {
    const text = message.text.slice(0, config.maxMessageChars);
    const vocabulary = domainVocabulary(snapshot);
    // A message that got the safety question instead of an answer still set the topic: "why does
    // sitting help" after it, ignoring the question, is about what that message described.
    const turns = history.map((t) => (!t.topic && t.check?.text ? { ...t, topic: topicOf(snapshot.analyzer.analyze(snapshot.analyzer.correctText(t.check.text)), snapshot.analyzer, vocabulary) } : t));
    const lastAnswer = [...history].reverse().find((t) => t.sections.length > 0);
    let followUp = resolveFollowUp(text, turns, snapshot.analyzer, vocabulary, lastAnswer && lastAnswerStems(snapshot, lastAnswer));
    const previousSection = lastAnswer?.sections[0];
    // "the third one", "the disc one": an item of the list the last answer named answers, first.
    // "which of those is best for him?" with no item the turn describes: the answer that named them.
    const normalized = normalizeText(text);
    const chosenAmong = lastAnswer && CHOOSES_AMONG_LAST.test(normalized) && lastAnswer.sections[0] !== undefined ? { section: lastAnswer.sections[0], asTopic: false } : undefined;
    const picked = lastAnswer ? ((await pickFromLastList(snapshot, text, lastAnswer)) ?? othersOfLast(snapshot, text, normalized, lastAnswer, vocabulary) ?? chosenAmong) : undefined;
    // A place with a question of its own ("the first one, can physio help") is the topic of that
    // question; a place alone ("and the third one?") or a description is the answer.
    const pickTopic = picked?.asTopic && asksOwnThing(snapshot, text) ? headingWithoutMarker(picked.section) : undefined;
    const pick = picked && pickTopic === undefined ? picked.section : undefined;
    if (pickTopic !== undefined) followUp = { ...followUp, topic: pickTopic, turnTopic: { ...followUp.turnTopic, conditions: [pickTopic] }, continues: true, bare: false };
    const lastSection = pick ?? (followUp.bare ? previousSection : undefined);
    const query = `${followUp.question} ${followUp.topic}`.trim();
    // What the message says was tried and failed is left out of the search, though not out of the
    // scope decision: "tried physio, no use, what next" is still a question about back pain.
    const tried = whatWasTried(text, snapshot.analyzer);
    const withoutTried = searchWithoutTried(tried);
    const searched = await retrieveWithTopic(snapshot, followUp.question, followUp.topic, 6, lastSection);
    const searchedForWant = withoutTried ? { ...(await retrieveWithTopic(snapshot, withoutTried, followUp.topic, 6, lastSection)), analysis: searched.analysis, searchedText: searched.searchedText } : searched;
    const retrieved = triedAlready(searchedForWant, snapshot.analyzer, tried, followUp.continues ? previousSection : undefined);
    // An emergency cites the articles' own section on when to get care (the rules file names it), and
    // quotes it first when the person also asked something: that is what the article says to them now.
    // Not for a concern with guidance of its own (thoughts of suicide): that section is about back pain.
    const care = flags.level === "emergency" && tierGuidanceApplies(snapshot.rules, flags) === "emergency" ? careSource(snapshot) : undefined;
    // "which stretch exactly?" picks among what the last answer named: its section answers, first.
    const first = care?.section ?? pick ?? (followUp.picks ? previousSection : undefined);
    const retrieval = first !== undefined ? { ...retrieved, passages: sectionFirst(snapshot, retrieved.passages, first) } : retrieved;
    // Only a conversation's opening message may name nothing at all: after "I get migraines", "how do I stop it" is theirs.
    const opening = history.every((t) => t.sections.length === 0 && !t.query.trim());
    const scope = decideScope(text, retrieval, snapshot.scope, scopeVocabularyFor(snapshot), followUp.continues || pick !== undefined, opening);
    // Someone reporting an emergency gets the guidance alone, unless they also asked something:
    // general article text under "go to an emergency department now" would only blur it. The care
    // section is still cited, so the reply says where its advice comes from.
    // So does one who asked something the articles do not cover: the guidance, and where it comes from.
    // And so does someone who spoke of ending their life, whatever else they asked: help lines, not an article.
    if (flags.level === "emergency" && (!asksSomething(text) || scope.outOfScope || checkStandsAlone(snapshot.rules, flags.reasons))) {
      return { answer: "", sources: care ? [care] : ([] as Source[]), outOfScope: scope.outOfScope, suggestions: [], scope: `emergency-only:${scope.reason}`, query, cited: [] as string[], topic: followUp.turnTopic };
    }
    if (scope.outOfScope) {
      const suggestions = flags.level === "emergency" ? [] : defaultSuggestions(chunkGroups(snapshot).suggestable);
      return { answer: flags.level === "none" ? OUT_OF_SCOPE : "", sources: [] as Source[], outOfScope: true, suggestions, scope: scope.reason, query, cited: [] as string[], topic: followUp.turnTopic };
    }
    let drafted = chat ? await llmAnswer(chat, query, retrieval.passages).catch((err) => {
      logger.error("llm.failed_using_extractive", { error: err });
      return null;
    }) : null;
    drafted ??= extractiveAnswer(query, retrieval.passages, snapshot.analyzer, {
      isSpecific: (t) => vocabulary.isSpecific(t),
      // Only the best passage's article can hold its subsections.
      chunks: chunkGroups(snapshot).byArticle.get(retrieval.passages[0]?.chunk.article ?? "") ?? [],
      // The asking clause with the conditions the whole message names: in "my dad has spinal stenosis,
      // how is it treated?" the "it" of the question is the story's stenosis.
      asking: `${askingText(text)} ${followUp.turnTopic.conditions.join(" ")} ${followUp.topic}`,
    });
    // Related sections are listed only when close to the best: a weak match is not a source.
    const best = retrieval.passages[0]?.score ?? 0;
    const related = retrieval.passages.filter((p) => p.score >= best * RELATED_SOURCE_RATIO).map((p) => `${p.chunk.article}\u0000${p.chunk.section}`);
    // Two articles may both have a "Medications" section: a source is its article and section together.
    const key = (article: string, section: string) => `${article}\u0000${section}`;
    // Sources in retrieval order: the answering section first, every quoted one, and close related
    // ones ranked above the last quoted (at least three in all when there are that many).
    const cited = new Set(drafted.cited.map((c) => key(c.article, c.section)));
    const lead = drafted.cited[0] ? key(drafted.cited[0].article, drafted.cited[0].section) : undefined;
    const ranked = [...new Set(retrieval.passages.map((p) => key(p.chunk.article, p.chunk.section)))].filter((k) => cited.has(k) || related.includes(k));
    const lastCited = Math.max(-1, ...ranked.map((k, i) => (cited.has(k) ? i : -1)));
    // Quoted subsections of the answering section were not retrieved themselves: they follow the rest.
    const keys = [...new Set([...(lead ? [lead] : []), ...ranked.slice(0, Math.max(3, lastCited + 1)), ...cited])];
    const sources: Source[] = keys.map((k) => {
      const p = retrieval.passages.find((x) => key(x.chunk.article, x.chunk.section) === k);
      if (!p) return drafted.cited.find((c) => key(c.article, c.section) === k)!;
      return { article: p.chunk.article, section: p.chunk.section, score: Math.round(p.score * 1000) / 1000 };
    });
    const boundary = boundaryRequested(text);
    return {
      query,
      cited: drafted.cited.map((c) => c.section),
      answer: [boundary ? BOUNDARY_NOTES[boundary] : "", drafted.text].filter(Boolean).join("\n\n"),
      sources,
      outOfScope: false,
      suggestions: flags.level === "emergency" ? [] : relatedSuggestions(retrieval.passages.map((p) => p.chunk.section), drafted.cited.map((c) => c.section), suggestionChunks(snapshot, retrieval.passages.map((p) => p.chunk.section))),
      scope: scope.reason,
      // A picked item is what the conversation is about now: "how do they treat it" next is about it.
      // A message admitted as about back pain though it named nothing is about back pain from then on.
      topic: scope.reason === UNNAMED_AILMENT ? { conditions: ["back pain"], treatments: [], context: [] } : answeredTopic(followUp.turnTopic, sources[0]?.section, snapshot.analyzer, vocabulary, followUp.continues && pick === undefined),
    };
  };

  /**
   * Safety first, on the whole message, whatever its length: the red-flag check, the safety check
   * question's turn, and the audit record and operator alert of an escalation.
   */
  const redFlagTurn = async (message: IncomingMessage, raw: string, snapshot: IndexSnapshot) => {
    const conversation = `${message.channel}:${message.conversationId}`;
    // Safety first, on the whole message, whatever its length.
    const checked = workers ? await workers.check(snapshot, raw) : await checkRedFlags(snapshot, raw);
    // A shared store that cannot be reached costs the follow-up context, never the answer or the guidance.
    const recent = await memory.recent(conversation).catch((err) => {
      logger.error("memory.unavailable", { error: err });
      return [] as Turn[];
    });
    const turn = resolveCheckTurn({ text: raw, userId: message.userId, flags: checked, last: recent.at(-1)?.check, rules: snapshot.rules, maxChars: config.maxMessageChars });
    const msg = { ...message, text: turn.text };
    await escalate(msg, turn.flags, snapshot);
    // The message that raised a question answered only now is answered as if the question had not
    // come between; one answered beside its question keeps its turn, which holds the topic.
    return { turn, msg, history: turn.answered && !turn.alreadyAnswered ? recent.slice(0, -1) : recent };
  };

  const remember = (conversation: string, turn: Turn) =>
    memory.remember(conversation, turn).catch((err) => logger.error("memory.unavailable", { error: err }));

  return {
    deliveries: stores?.deliveries ?? null,
    floods: stores?.floods ?? null,

    async screen(message) {
      const snapshot = await index.get();
      const raw = typeof message.text === "string" ? message.text : "";
      const nothing = { answer: "", sources: [] as Source[], outOfScope: false, suggestions: [] as string[] };
      if (raw.trim() === "") return finish(nothing, none(), undefined, snapshot);
      const { turn } = await redFlagTurn(message, raw, snapshot);
      const { flags } = turn;
      // A new question is kept so its answer is understood; an answered one is closed. The question
      // asked again only beside an answer (askAgain) is not: nothing is answered here.
      if (turn.ask || turn.answered) {
        await remember(`${message.channel}:${message.conversationId}`, { query: "", sections: [], at: now().getTime(), ...escalationOf(flags), check: turn.ask ? turn.remember : undefined });
      }
      const guidance = escalationGuidance(snapshot.rules, flags);
      logger.info("message.screened", { channel: message.channel, user: pseudonym(message.userId), escalation: flags.level, check: turn.ask !== null });
      return finish(nothing, { level: flags.level, reasons: flags.reasons }, guidance, snapshot, turn.ask);
    },

    async handle(message) {
      const started = performance.now();
      const snapshot = await index.get();
      const raw = typeof message.text === "string" ? message.text : "";
      if (raw.trim() === "") {
        const suggestions = defaultSuggestions(chunkGroups(snapshot).suggestable);
        return finish({ answer: EMPTY_MESSAGE, sources: [], outOfScope: false, suggestions }, none(), undefined, snapshot);
      }
      const conversation = `${message.channel}:${message.conversationId}`;
      const { turn, history, msg } = await redFlagTurn(message, raw, snapshot);
      const { flags, ask: check } = turn;
      let result: Awaited<ReturnType<typeof answer>>;
      const text = msg.text;
      const smallTalk = smallTalkKind(text);
      const otherScript = (!/[a-z]/i.test(text) && /\p{L}/u.test(text)) || inOtherScript(text);
      if (check) logger.info("safety_check.asked", { channel: message.channel, rules: check.reasons });
      // A message the check could not read for being in another language ("Me duele la espalda...")
      // that the articles cannot answer hears what Lumbar can read and the emergency numbers, not an
      // English refusal; one they can answer (much Taglish or Hinglish) gets the answer.
      const unread = check?.reasons.includes(NOT_ENGLISH_CHECK) ?? false;
      if (check && (otherScript || !asksSomething(text) || checkStandsAlone(snapshot.rules, check.reasons))) {
        // A report that asks nothing hears the question alone: article text under it would only blur
        // it. So does a question about thoughts of suicide, whatever else the message asks. A message
        // in another script hears it with what Lumbar can read, and the emergency numbers.
        result = { answer: otherScript ? NOT_ENGLISH : "", sources: [], outOfScope: false, suggestions: [], scope: "safety-check", query: "", cited: [] };
      } else if (turn.answered && turn.alreadyAnswered) {
        // The question was answered and its message already had its answer: a "yes" gets the guidance
        // alone, a "no" a word of thanks, not the same answer twice.
        result = { answer: flags.level === "none" ? CHECK_ANSWERED_NO : "", sources: [], outOfScope: false, suggestions: [], scope: "safety-check-answered", query: "", cited: [] };
      } else if (otherScript) {
        result = { answer: NOT_ENGLISH, sources: [], outOfScope: true, suggestions: [], scope: "not-english", query: "", cited: [] };
      } else if (smallTalk) {
        // Only a greeting offers questions to ask: after thanks or a goodbye, a list is noise.
        const suggestions = smallTalk === "greeting" ? defaultSuggestions(chunkGroups(snapshot).suggestable) : [];
        result = { answer: SMALL_TALK[smallTalk], sources: [], outOfScope: false, suggestions, scope: "small-talk", query: "", cited: [] };
      } else {
        // A message that raised the check question is answered too, below the question: neither
        // silence nor a blind escalation, and the person who asked something is not left waiting.
        try {
          result = await answer(msg, snapshot, flags, history);
          if (unread && result.outOfScope) result = { ...result, answer: NOT_ENGLISH };
        } catch (err) {
          // Whatever failed after the check, a person with a red flag still gets the guidance.
          if (flags.level === "none") throw err;
          logger.error("answer.failed_guidance_only", { error: err });
          result = { answer: "", sources: [], outOfScope: false, suggestions: [], scope: "failed", query: "", cited: [] };
        }
      }
      // A question asked beside an answer is remembered as answered, so its "no" is not answered twice.
      // An answer that failed (scope "failed") answered nothing: the "no" still owes it.
      const pendingCheck = check && turn.remember ? { ...turn.remember, answered: result.scope !== "safety-check" && result.scope !== "failed" } : turn.remember;
      if (result.query && (!result.outOfScope || flags.level !== "none")) {
        await remember(conversation, { query: result.query, sections: result.cited, listed: result.sources.map((x) => x.section), topic: result.topic, at: now().getTime(), ...escalationOf(flags), check: pendingCheck });
      } else if (result.query && result.outOfScope) {
        // A declined question is remembered without a topic: nothing carries from it, but the
        // conversation has begun, so "how do I stop it coming back" after "I get migraines" is theirs.
        await remember(conversation, { query: result.query, sections: [], at: now().getTime(), ...escalationOf(flags), check: pendingCheck });
      } else if (pendingCheck || turn.answered) {
        // An answered question is closed by a turn of its own, so the next "no" is not read as its answer.
        await remember(conversation, { query: "", sections: [], at: now().getTime(), ...escalationOf(flags), check: pendingCheck });
      }
      const reminder = reminderGuidance(snapshot.rules, history, STILL_EMERGENCY);
      const guidance =
        flags.level !== "none"
          ? escalationGuidance(snapshot.rules, flags)
          : reminder
              ? reminder
              : informationalApplies(snapshot.rules, flags) && !check
                ? snapshot.rules.guidance.informational
                : undefined;
      if (text.length > config.maxMessageChars) result.answer = `${LONG_MESSAGE(config.maxMessageChars)}\n\n${result.answer}`.trim();
      const reply = finish(result, { level: flags.level, reasons: flags.reasons }, guidance, snapshot, check ?? turn.askAgain);
      logger.info("message.handled", {
        channel: message.channel,
        user: pseudonym(message.userId),
        escalation: flags.level,
        check: check !== null,
        outOfScope: result.outOfScope,
        // The kind of scope decision only: its detail can quote the person's words.
        scope: result.scope.split(":")[0],
        sources: reply.sources.length,
        indexVersion: snapshot.manifest.version,
        ms: Math.round(performance.now() - started),
      });
      return reply;
    },

    onEscalation(listener, target) {
      listeners.set(listener, target ?? `operator-${listeners.size + 1}`);
      return () => listeners.delete(listener);
    },

    async resumePendingAlerts() {
      const { records, deliveries } = await audit.read();
      const owed = pendingAlerts(records.filter((r) => !r.id || !recordedHere.has(r.id)), deliveries, [...listeners.values()]);
      resumed = true;
      recordedHere.clear();
      let resent = 0;
      const { rules } = await index.get();
      for (const { record, targets } of owed) {
        const { id, alerted: _alerted, indexVersion: _version, ...event } = record;
        const key = alertWindowKey(rules, event);
        // Marks the alert in flight, so a repeat of the emergency meanwhile waits for it.
        const mine = await throttle.begin(key, event.tier).catch(() => true);
        // With a shared log, an alert still owed may be one another live instance is delivering
        // right now: its claim on the shared window says so, and that instance records the outcome.
        // (Its claim lapses after the sending lease if it died, and the next start resends it.)
        if (!mine && stores?.kind === "postgres") continue;
        deliver(id!, event, [...listeners].filter(([, target]) => targets.includes(target)), key);
        resent++;
      }
      if (resent > 0) logger.warn("escalation.resending_pending_alerts", { escalations: resent });
      return resent;
    },

    async status() {
      return statusOf((await index.get()).manifest);
    },

    async changeEscalation(change) {
      const outcome = await changeEscalation(change);
      if (outcome.kind === "changed") logger.info("escalation.state_changed", { state: change.state, via: change.via, escalation: change.escalationId });
      return outcome;
    },

    async redFlagRules() {
      const { rules } = await index.get();
      return {
        rules: rules.rules.map((r) => ({ id: r.id, tier: r.tier, says: r.says, ...(r.guidance ? { guidance: r.guidance } : {}) })),
        guidance: { emergency: rules.guidance.emergency, urgent: rules.guidance.urgent },
      };
    },

    async contents() {
      const byArticle = new Map<string, string[]>();
      for (const c of (await index.get()).chunks) {
        const sections = byArticle.get(c.article) ?? [];
        if (!sections.includes(c.section)) sections.push(c.section);
        byArticle.set(c.article, sections);
      }
      return [...byArticle].map(([article, sections]) => ({ article, sections }));
    },

    async reindex(opts) {
      return statusOf(await index.reindex(opts?.onProgress));
    },

    async close() {
      // Alerts still retrying get a moment to finish; after that the log shows them as pending
      // (an alert with no delivery record), for an operator to see in `lumbar escalations`.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(inFlight), new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
      clearTimeout(timer);
      await workers?.close();
      await audit.close();
      await stores?.close();
    },
  };
}

/**
 * An item of the last answer's list. Picked by its place ("the first one, can physio help") it is
 * what the turn is about: the turn's own question is searched with it as the topic. Picked by a
 * description ("which one is the permanent one") it is the answer.
 */
interface ListPick {
  section: string;
  asTopic: boolean;
}

/**
 * The section a list reference picks from what the last answer named: by place, or, for a
 * description ("the one gymnasts get"), the best match for the turn among the listed sections.
 */
async function pickFromLastList(snapshot: IndexSnapshot, text: string, last: Turn): Promise<ListPick | undefined> {
  const reference = listReference(text);
  if (!reference) return undefined;
  const groups = chunkGroups(snapshot);
  // A place counts in what the answer quoted; a description may match any source it listed too.
  const named = reference.kind === "position" ? last.sections : [...new Set([...last.sections, ...(last.listed ?? [])])];
  const list = listNamedBy(named, { childrenOf: (s) => groups.children.get(s), parentOf: (s) => groups.parentOf.get(s) }, reference);
  if (reference.kind === "position") {
    const item = itemAt(list, reference.position);
    return item === undefined ? undefined : { section: item, asTopic: true };
  }
  // The description must fit a listed item about as well as anything: "the fusion one" when fusion
  // was not listed is a new subject, not the closest item of the list.
  const found = await retrieve(snapshot, text, DESCRIPTION_REACH);
  const top = found.passages[0]?.score ?? 0;
  const item = found.passages.find((p) => list.includes(p.chunk.section));
  return item && item.score > 0 && item.score >= top * DESCRIPTION_FIT ? { section: item.chunk.section, asTopic: false } : undefined;
}

/**
 * "what other kinds of causes are there besides that", "any other types of surgery": asked after an
 * answer from one section of a list, naming nothing of its own, the heading over that list answers
 * (Reasons for Back Pain after Other Medical Conditions).
 */
function othersOfLast(snapshot: IndexSnapshot, text: string, normalized: string, last: Turn, vocabulary: ReturnType<typeof domainVocabulary>): ListPick | undefined {
  const section = last.sections[0];
  if (section === undefined || !ASKS_FOR_OTHERS.test(normalized)) return undefined;
  const { analyzer } = snapshot;
  // The turn's own words, not the topic carried into it: "what else causes it besides that".
  const own = topicOf(analyzer.analyze(analyzer.correctText(text)), analyzer, vocabulary);
  if ([...own.conditions, ...own.treatments, ...(own.context ?? [])].some((w) => analyzer.analyze(w).concepts.some((c) => vocabulary.isSpecific(`c:${c}`)))) return undefined;
  const groups = chunkGroups(snapshot);
  const parent = groups.parentOf.get(section);
  // "the other one", "what's the other kind then" of a pair (acute and prolonged back pain): the
  // pair's other section, not the heading over both.
  const siblings = parent !== undefined ? (groups.children.get(parent) ?? []) : [];
  if (THE_OTHER_ONE.test(normalized) && siblings.length === 2 && siblings.includes(section)) return { section: siblings.find((s) => s !== section)!, asTopic: false };
  // Not the article's title: over a top-level section there is no list, only the whole article.
  return parent !== undefined && groups.parentOf.has(parent) ? { section: parent, asTopic: false } : undefined;
}

/** One other of a pair, in the singular ("the other one", "the other kind"). */
const THE_OTHER_ONE = /\bthe other (one|kind|type|sort)\b/;

/** Choosing among what the last answer named. */
const CHOOSES_AMONG_LAST = /\bwhich of (them|those|these)\b/;

/** Asking for the other kinds of what was just answered. */
const ASKS_FOR_OTHERS = /^(and |so |what about |what are |any |are there )?(the |any )?others\W*$|\b(other|else|besides|apart from)\b.{0,30}\b(kinds?|types?|sorts?|causes?|reasons?|options?|ones?)\b|\b(kinds?|types?|sorts?|causes?|reasons?|options?)\b.{0,30}\b(other|else|besides)\b/;

/** The turn asks about a treatment or activity of its own ("can physio help"), not only which item. */
function asksOwnThing(snapshot: IndexSnapshot, text: string): boolean {
  const { analyzer } = snapshot;
  return analyzer.analyze(analyzer.correctText(text)).concepts.some((c) => ["treatment", "context"].includes(analyzer.kindOf(c)) || (analyzer.kindOf(c) === "intent" && c !== "symptom"));
}

/** How many passages a description is matched against: enough to reach every item of a list of a dozen. */
const DESCRIPTION_REACH = 24;
/** A listed item answers a description when it scores at least this share of the best passage's score. */
const DESCRIPTION_FIT = 0.7;

/** The passages with those of `section` first; when retrieval did not reach it, its first chunk leads at the best score. */
function sectionFirst(snapshot: IndexSnapshot, passages: RetrievedPassage[], section: string): RetrievedPassage[] {
  const sorted = [...passages].sort((a, b) => Number(b.chunk.section === section) - Number(a.chunk.section === section));
  if (sorted[0]?.chunk.section === section) return sorted;
  const chunk = chunksOfSections(snapshot, [section])[0];
  if (!chunk) return sorted;
  return [{ chunk, vector: 0, keyword: 0, heading: 0, score: sorted[0]?.score ?? 0 }, ...sorted];
}

/**
 * The window that throttles repeated alerts: one per conversation and tier, and apart for a concern
 * with guidance of its own (thoughts of suicide), so that a spinal alert minutes before does not
 * silence it, nor it a spinal one.
 */
function alertWindowKey(rules: RuleSet, event: { channel: string; conversationId: string; ruleIds: string[] }): string {
  const base = `${event.channel}:${event.conversationId}`;
  return checkStandsAlone(rules, event.ruleIds) ? `${base}:own-guidance` : base;
}

/** The care section the rules file names, as a source, when the corpus has it (its first article that does). */
function careSource(snapshot: IndexSnapshot): Source | undefined {
  const section = snapshot.rules.guidance.careSection;
  const chunk = section === undefined ? undefined : chunksOfSections(snapshot, [section])[0];
  return chunk ? { article: chunk.article, section: chunk.section, score: 1 } : undefined;
}

/** The stems of the sections the last answered turn quoted, to read an ellipsis ("which muscles") against. */
function lastAnswerStems(snapshot: IndexSnapshot, last: Turn): Set<string> {
  const stems = new Set<string>();
  for (const c of chunksOfSections(snapshot, last.sections)) for (const s of snapshot.analyzer.analyze(`${c.section} ${c.text}`).stems) stems.add(s);
  return stems;
}

function none() {
  return { level: "none" as const, reasons: [] };
}

function finish(
  r: { answer: string; sources: Source[]; outOfScope: boolean; suggestions: string[] },
  escalation: Reply["escalation"],
  guidance: string | undefined,
  snapshot: IndexSnapshot,
  check: SafetyCheck | null = null,
): Reply {
  const question = check ? `${check.question}\n${check.options.map((o, i) => `${i + 1}. ${o}`).join("\n")}` : undefined;
  return {
    text: [guidance, question, r.answer, DISCLAIMER].filter((s) => s && s.trim()).join("\n\n"),
    guidance,
    answer: r.answer,
    disclaimer: DISCLAIMER,
    sources: r.sources,
    escalation,
    outOfScope: r.outOfScope,
    suggestions: r.suggestions,
    indexVersion: snapshot.manifest.version,
    check,
  };
}

function statusOf(m: { version: string; chunkCount: number; builtAt: string; embedder: { name: string }; corpusHash: string }): IndexStatus {
  return { version: m.version, chunkCount: m.chunkCount, builtAt: m.builtAt, embedder: m.embedder.name, corpusHash: m.corpusHash };
}

/** What memory keeps of a message's red-flag result: its level, and the rules that escalated (ids, not words). */
function escalationOf(flags: RedFlagResult): Pick<Turn, "escalation" | "reasons"> {
  return flags.level === "none" ? { escalation: "none" } : { escalation: flags.level, reasons: [...flags.reasons] };
}
