import type { EscalationLevel } from "../core/types.ts";
import { afterSimile, atEase, deniedAt, mentionStatus, persists, tokenize, type MentionStatus } from "./context.ts";
import { iteratePattern, matchPattern, type CompiledPattern, type Span, type Token } from "./pattern.ts";
import type { RedFlagRule, RuleSet } from "./rules.ts";

/** One rule matching one place in the message, with how it was meant. */
export interface RedFlagHit {
  ruleId: string;
  tier: RedFlagRule["tier"];
  status: MentionStatus;
  /**
   * "rule" for a pattern match, "check" for a near miss that asks, "semantic" for the vector
   * back-up, "language" for the other languages' lexicon (its span counts that lexicon's own words).
   */
  via: "rule" | "check" | "semantic" | "language";
  /** For semantic hits: cosine similarity to the closest example phrase. */
  similarity?: number;
  span: Span;
}

export interface RedFlagResult {
  level: EscalationLevel;
  /** Rule ids of current hits at the highest tier first, then lower tiers. */
  reasons: string[];
  /** A red flag was asked about or mentioned but not reported as happening now. */
  informational: boolean;
  /**
   * Rules above the escalated level that the message came close to but the words cannot settle
   * (a near miss, or an emergency the writer is unsure of): ask the safety check question.
   */
  check: string[];
  hits: RedFlagHit[];
  tokens: Token[];
  /** The language an emergency was read in by the other languages' lexicon, with its line of guidance ("" when the file has none). */
  otherLanguage?: { code: string; name: string; guidance: string };
}

const TIER_RANK = { emergency: 2, urgent: 1 } as const;
/** Matches of one rule judged in context before giving up on it (a pasted wall of text repeats itself). */
const MAX_JUDGED_PER_RULE = 200;

/** Runs every rule over the message and classifies each match in context. */
export function detectRedFlags(text: string, rules: RuleSet, correct: (word: string) => string = (w) => w): RedFlagResult {
  const tokens = tokenize(text, correct, rules.context.terminators);
  const hits: RedFlagHit[] = [];
  for (const rule of rules.rules) {
    let found = judge(rule, rule.patterns, "rule", tokens, rules);
    // A composed rule (major trauma AND new leg numbness) needs its second part happening now too.
    // For a rule marked and_quoted, the second part may be quoted: once the first part is a
    // clinician's report, quotation marks around the second are their words repeated ("the doctor
    // said 'possible CES, MRI tonight'"), not a term being asked about.
    const holds = (h: RedFlagHit) => h.status === "current" || (rule.andQuoted && h.status === "hypothetical" && tokens.slice(h.span.start, h.span.end).every((t) => t.quoted));
    if (rule.and.length > 0 && found.some((h) => h.status === "current")) {
      const second = judge(rule, rule.and, "rule", tokens, rules, rule.andInSentence).filter(holds);
      // For a rule marked and_in_sentence, the second part must be said of the first: after it (or
      // overlapping it) in its sentence. "my posture is getting worse and my leg feels weak" is not a
      // weakness that progresses; "my foot drags, worse each day" is.
      // The next sentence counts when it opens by pointing back at the match ("sharp pain in the middle of
      // my back. it's there all the time"): its "it" is the pain.
      const said = (h: RedFlagHit) =>
        second.some((o) => {
          const [mine, theirs] = [tokens[h.span.start].sentence, tokens[o.span.start].sentence];
          return (theirs === mine && o.span.end > h.span.start) || (theirs === mine + 1 && opensPointingBack(tokens, theirs));
        });
      const supported = (h: RedFlagHit) => (rule.andInSentence ? said(h) : second.length > 0);
      found = found.filter((h) => h.status !== "current" || supported(h));
    }
    hits.push(...found);
    // (Every near miss is judged when they may add up; otherwise the first one asking settles it.)
    if (rule.check.length > 0 && !found.some((h) => h.status === "current")) hits.push(...judge(rule, rule.check, "check", tokens, rules, rule.checksAddUp));
    if (rule.askedInQuestions.length > 0 && !found.some((h) => h.status === "current")) hits.push(...judge(rule, rule.askedInQuestions, "check", tokens, rules, rule.checksAddUp, true));
    if (rule.checksAddUp) escalateWhenChecksAddUp(hits, rule.id, tokens);
  }
  applySelfClaims(hits, tokens);
  applySelfDenials(hits, tokens);
  return summarize(hits, tokens);
}

/**
 * Two different signs a rule only asks about, each happening now in its own clause ("I'm a burden
 * to them ... I wrote a letter for them already"; "got the rifle out ... sat with it a while"), add
 * up to the concern itself: the near misses become one escalation. One sign alone still asks.
 */
function escalateWhenChecksAddUp(hits: RedFlagHit[], ruleId: string, tokens: Token[]): void {
  const mine = hits.filter((h) => h.ruleId === ruleId);
  if (mine.some((h) => h.via === "rule" && h.status === "current")) return;
  const asked = mine.filter((h) => h.via === "check" && (h.status === "current" || h.status === "uncertain"));
  const clauses = new Set(asked.map((h) => tokens[h.span.start].clause));
  if (clauses.size < 2) return;
  const first = asked[0];
  hits.push({ ...first, via: "rule", status: "current" });
}

/** Every match of the patterns judged in context; unless `all`, the first one happening now ends the search. */
function judge(rule: RedFlagRule, patterns: CompiledPattern[], via: "rule" | "check", tokens: Token[], rules: RuleSet, all = false, questionsAsk = false): RedFlagHit[] {
  // What cancels a match is found only once there is a match to cancel.
  let cancels: Overlaps | undefined;
  let innocentCauses: Causes | undefined;
  let likelyCauses: Causes | undefined;
  let doubtedWhole: boolean | undefined;
  const hits: RedFlagHit[] = [];
  const seen = new Set<string>();
  let judged = 0;
  // One mention happening now settles a rule; long messages must not be judged span by span.
  for (const pattern of patterns) {
    for (const span of iteratePattern(pattern, tokens)) {
      cancels ??= new Overlaps(rule.unless.flatMap((p) => matchPattern(p, tokens)));
      innocentCauses ??= new Causes(rule.unlessClause, tokens, rules);
      likelyCauses ??= new Causes(rule.doubtClause, tokens, rules);
      // Cancelled matches count too: a long message of cancelled matches must not be read whole.
      if (judged++ >= MAX_JUDGED_PER_RULE) return hits;
      const key = `${span.start}:${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (cancels.overlaps(span)) continue;
      // An innocent cause in the clause, or in the clause just before it when a new subject takes
      // over ("crossed my legs for an hour and my foot went dead"), cancels an urgent match; for an
      // emergency it only makes Lumbar ask: "my legs gave way after standing up" must not pass in silence.
      // ...unless the feeling is said to outlast it ("not going away even off the bike").
      const outlasts = persists(tokens, span, rules.context);
      const innocent = (innocentCauses.inClause(span) || innocentCauses.inClauseBefore(span)) && !(rule.tier === "emergency" && outlasts);
      if (innocent && (rule.tier !== "emergency" || via === "check")) continue;
      const status = mentionStatus(tokens, span, rules.context, { allowHistory: rule.allowHistory, childrenExempt: rule.childrenExempt, recentStays: rule.recentStays, generalQuestionsAsk: questionsAsk });
      // A likely innocent cause in the clause ("after spin class"), or told earlier in the sentence
      // ("sat on the loo for 40 mins and my legs went numb"), asks instead of escalating.
      // A pattern told over several sentences ("his legs go numb on the walk... he sits on the wall
      // and he's fine again") doubts every match of the rule: each of its parts said somewhere, and
      // none of them denied ("cannot walk", "never goes away").
      doubtedWhole ??= rule.doubtMessage.length > 0 && rule.doubtMessage.every((p) => matchPattern(p, tokens).some((sp) => !deniedAt(tokens, sp.start - 1, rules.context) && !NEGATORS.has(tokens[sp.start - 1]?.word ?? "")));
      // A likely cause the feeling is said to outlast ("not going away even off the bike") explains nothing.
      const doubted = via === "rule" && (innocent || doubtedWhole || ((likelyCauses.inClause(span) || likelyCauses.earlierInSentence(span)) && !outlasts));
      // An innocent cause the writer jokes about or enjoys is not worth a question either.
      if (doubted && atEase(tokens, span, rules.context)) continue;
      // A near miss said to persist ("my saddle area feels asleep since yesterday, not going away")
      // is no longer a limb gone to sleep: an emergency rule's near miss then escalates.
      // (Only for a sign of the body: a distress near miss, a rule with guidance of its own, is not
      // settled by "the ache is not wearing off" later in the sentence.)
      const settled = via === "check" && rule.tier === "emergency" && !rule.guidance && !innocent && outlasts && !atEase(tokens, span, rules.context);
      hits.push({ ruleId: rule.id, tier: rule.tier, status, via: doubted ? "check" : settled ? "rule" : via, span });
      if (status === "current" && !doubted && !all) return hits;
    }
  }
  return hits;
}

/** Openings of a sentence that continue the last one's subject: "it's there all the time". */
const POINTING_BACK = [["it"], ["its"], ["and", "it"], ["and", "its"]];
function opensPointingBack(tokens: Token[], sentence: number): boolean {
  const start = tokens.findIndex((t) => t.sentence === sentence);
  return start >= 0 && POINTING_BACK.some((p) => p.every((w, k) => tokens[start + k]?.word === w && tokens[start + k].sentence === sentence));
}

/** Words that deny what follows them at once ("never goes away", "cannot walk"). */
const NEGATORS = new Set(["not", "never", "no", "cannot", "cant", "hardly", "barely"]);

/** The causes of a sentence that has none. */
const NONE = { clauses: new Set<number>(), first: Infinity };

/**
 * Where a rule's causes (its `unless_clause` or `doubt_clause` patterns) are, found once the rule has
 * a match to judge. Per sentence: the clauses that hold a cause and where its first cause starts, so
 * each match is checked in constant time. A cause the writer denies ("not from exercise")
 * explains nothing, nor does a simile ("numb, like after sitting on a bike saddle for hours").
 */
class Causes {
  private readonly bySentence = new Map<number, { clauses: Set<number>; first: number }>();
  private readonly clauseStarts = new Map<number, number>();
  private found = false;

  constructor(
    private readonly patterns: CompiledPattern[],
    private readonly tokens: Token[],
    private readonly rules: RuleSet,
  ) {}

  inClause(span: Span): boolean {
    return this.of(span.start).clauses.has(this.tokens[span.start].clause);
  }

  /** A cause earlier in the match's sentence. */
  earlierInSentence(span: Span): boolean {
    return this.of(span.start).first < span.start;
  }

  /** A cause in the clause just before the match's when "and" joins them with a new subject ("... for an hour and my foot went dead"); not across "but" or a full stop. */
  inClauseBefore(span: Span): boolean {
    const t = this.tokens;
    const k = this.clauseStart(span.start);
    return k > 0 && t[k].andSubject === true && t[k - 1].sentence === t[k].sentence && this.of(span.start).clauses.has(t[k - 1].clause);
  }

  /** Where the clause of token i starts, found once per clause: a message of one long clause has many matches in it. */
  private clauseStart(i: number): number {
    const t = this.tokens;
    const clause = t[i].clause;
    let k = this.clauseStarts.get(clause);
    if (k === undefined) {
      k = i;
      while (k > 0 && t[k - 1].clause === clause) k--;
      this.clauseStarts.set(clause, k);
    }
    return k;
  }

  private of(i: number): { clauses: Set<number>; first: number } {
    // All the causes of the message are found in one pass over its tokens, the first time a match
    // needs them (the pattern index is built per token array, so slicing per sentence cost more).
    if (!this.found) {
      this.found = true;
      const t = this.tokens;
      for (const p of this.patterns) {
        for (const m of matchPattern(p, t)) {
          if (deniedAt(t, m.start, this.rules.context) || afterSimile(t, m.start)) continue;
          let entry = this.bySentence.get(t[m.start].sentence);
          if (!entry) this.bySentence.set(t[m.start].sentence, (entry = { clauses: new Set(), first: Infinity }));
          entry.clauses.add(t[m.start].clause);
          entry.first = Math.min(entry.first, m.start);
        }
      }
    }
    return this.bySentence.get(this.tokens[i].sentence) ?? NONE;
  }
}

/**
 * Spans that cancel a match when they overlap it, sorted once so that each match is checked in
 * log time: a long message can have thousands of both.
 */
class Overlaps {
  private readonly spans: Span[];
  /** The furthest end among spans[0..k]. */
  private readonly reach: number[];

  constructor(spans: Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start);
    this.reach = [];
    let far = -Infinity;
    for (const s of this.spans) this.reach.push((far = Math.max(far, s.end)));
  }

  /** Some span starts before `span` ends and ends after it starts. */
  overlaps(span: Span): boolean {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.spans[mid].start < span.end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.reach[lo - 1] > span.start;
  }
}

/** The words of phrase `p` start at token i. */
function phraseAt(tokens: Token[], i: number, p: string[]): boolean {
  return p.every((w, k) => tokens[i + k]?.word === w);
}

/** "has anyone else lost feeling down there? mine started yesterday": asking, then saying it is theirs. */
export function applySelfClaims(hits: RedFlagHit[], tokens: Token[]): void {
  // "mine's only ever been the right one" answers the question with a no: the clauses with such a word, found once.
  const limited = new Set<number>();
  // ("only started today" is when it started, not a limit: "only" or "just" right before an onset verb.)
  for (const [k, u] of tokens.entries()) if (LIMITING.has(u.word) && !(TIME_ADVERBS.has(u.word) && ONSET_VERBS.has(tokens[k + 1]?.word ?? ""))) limited.add(u.clause);
  const isClaim = (t: Token, i: number): boolean =>
      (SELF_CLAIM.some((p) => phraseAt(tokens, i, p)) || startedWhen(tokens, i) || temperatureReading(tokens, i)) &&
      // "a friend of mine says..." claims nothing.
      tokens[i - 1]?.word !== "of" &&
      !limited.has(t.clause) &&
      !saidFine(tokens, i);
  let claimAt = -1;
  for (let i = tokens.length - 1; i >= 0 && claimAt < 0; i--) if (isClaim(tokens[i], i)) claimAt = i;
  if (claimAt < 0) return;
  // A claim said before the question takes it up too: "I have this since monday. what happens if you
  // can't feel your bum" introduces one's own symptoms.
  for (const h of hits) if (h.status === "hypothetical") h.status = "current";
}

/**
 * The writer's own "none of that" after telling of someone else ("my friend couldn't wee and went
 * numb down below, they operated that night. I have none of that, just my sciatica"): what was told
 * was that person's, and the writer says it is not theirs (ConText's experiencer, settled by the
 * writer). Only sentences that speak of nobody in the first person are moved: "my husband can't pee
 * and I can't either" stays, and so does anything said after the denial.
 */
export function applySelfDenials(hits: RedFlagHit[], tokens: Token[]): void {
  const at = tokens.findIndex((_, i) => SELF_DENIAL.some((p) => phraseAt(tokens, i, p)) || plainContrast(tokens, i));
  if (at < 0) return;
  // Only what is told in the past of someone else: "my husband can't pee since this morning. I have
  // none of that myself" reports his emergency now, and stays.
  // Nor when the writer goes on about that person now ("I have none of that but he is in agony").
  for (let i = at; i + 1 < tokens.length; i++) if (THIRD_PERSON.has(tokens[i].word) && PRESENT_VERBS.has(tokens[i + 1].word)) return;
  const past = new Set<number>();
  const recent = new Set<number>();
  const self = new Set<number>();
  const others = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (TOLD_PAST.has(t.word)) past.add(t.sentence);
    if (TOLD_NOW.has(t.word)) recent.add(t.sentence);
    // The writer in the mention's own clause ("I couldn't pee either"); "..., so I know the signs" is a clause of its own.
    // ...but not "me" told or frightened by the story ("told me", "it scared me"): that is the listener.
    if (SELF_SUBJECTS.has(t.word) && !(t.word === "me" && LISTENER_VERBS.has(tokens[i - 1]?.word ?? ""))) self.add(t.clause);
    // "my legs went weak", "my bum was numb": the writer's own body, unless "my" is a relative's ("my late husband").
    // Nor a place of "my" ("a woman at my work"): where it was told, not whose body.
    if (t.word === "my" && !OTHER_PEOPLE.has(nextNoun(tokens, i)) && !PLACES.has(nextNoun(tokens, i))) self.add(t.clause);
    // Only a sentence that speaks of someone else tells of someone else: "Went numb between my legs and
    // couldn't pee" is the writer's own, their subject left out.
    if (OTHER_PEOPLE.has(t.word)) others.add(t.sentence);
  }
  const denialSentence = tokens[at].sentence;
  for (const h of hits) {
    const { sentence, clause } = tokens[h.span.start];
    if (h.status === "current" && h.span.end <= at && sentence !== denialSentence && past.has(sentence) && !recent.has(sentence) && others.has(sentence) && !self.has(clause)) h.status = "other";
  }
}

const SELF_DENIAL = [
  "i have none of that", "i have none of those", "i have none of this", "i have none of them", "i have got none of that", "i have got none of those", "ive got none of that", "ive got none of those",
  "i do not have any of that", "i do not have any of those", "i do not have any of them", "i have not got any of that", "i have not got any of those",
  "none of that for me", "none of those for me", "none of that with me", "i have not had any of that", "i have not had any of those",
  // A contrast with one's own: "Me mate had to have emergency surgery cos his legs went. Mine's just a sore back."
  "mine just a", "mine is just", "mine only a", "mine is only",
  "nothing like that with me", "nothing like that for me", "nothing like that here",
].map((p) => p.split(" "));
/** Places a story is told of ("at my work", "in my class"), which say nothing of the writer's body. */
const PLACES = new Set(["work", "job", "office", "school", "gym", "church", "street", "road", "house", "village", "town", "class", "team", "shop", "salon", "yard", "site", "depot", "ward", "building", "estate", "work's"]);
/** Verbs whose "me" hears or is moved by a story rather than having it happen to them. */
const LISTENER_VERBS = new Set(["told", "tells", "telling", "scared", "scares", "frightened", "frightens", "freaked", "worried", "worries", "terrified", "shocked", "upset", "reminded", "reminds", "warned", "showed", "asked"]);
/** Openings of one's own, lesser complaint: "I've just got a bit of sciatica", "I just have normal back pain". */
// ("mine is just", "mine is only" need no pain after them: they stand in SELF_DENIAL.)
const CONTRAST_LEADS = ["i just have", "i have just got", "i have only got", "i only have", "i just got", "i only got"].map((p) => p.split(" "));
/** After i, a question of the writer's own risk or a closing "that's all", and nothing more about the other person. */
const OWN_RISK = ["same", "happen to me", "that is all", "nothing else", "nothing more", "should i worry", "should i be worried", "am i at risk", "could i get", "will i get", "at risk", "more likely", "should i ease off", "should i be careful", "is mine", "could mine", "will mine"].map((p) => p.split(" "));
const ABOUT_THEM = new Set(["him", "her", "them", "he", "she", "they", "his", "hers"]);
function asksOwnRisk(tokens: Token[], i: number): boolean {
  if (tokens.slice(i).some((t) => ABOUT_THEM.has(t.word))) return false;
  for (let k = i; k < tokens.length; k++) if (OWN_RISK.some((p) => phraseAt(tokens, k, p))) return true;
  return false;
}
/** Openings of the writer's own complaint ("I have", "I am having", "I've got", "mine is"). */
const OWN_COMPLAINT_LEADS = ["i am having", "i have got", "i have", "i got", "i get", "mine is"].map((p) => p.split(" "));
/** Words that play a complaint down ("small", "a bit of", "my usual", "only"). */
const PLAYED_DOWN = new Set(["only", "just", "small", "little", "bit", "usual", "mild", "slight", "minor", "normal"]);
/** What the lesser complaint is: a pain or a sore back, named within a few words of the opening. */
const LESSER_COMPLAINT = new Set(["sciatica", "sore", "ache", "aches", "aching", "achy", "pain", "twinge", "twinges", "stiff", "stiffness", "backache", "niggle"]);
/** "only sore", "nothing like that": a contrast with one's own only in a sentence that speaks of the writer. */
const BARE_CONTRASTS = [["only", "sore"], ["just", "sore"], ["only", "a", "bit", "sore"], ["just", "a", "bit", "sore"], ["nothing", "like", "that"]];
const FIRST_PERSON = new Set(["i", "my", "me", "mine", "mines", "myself", "im", "ive"]);
/**
 * The writer's plain contrast of their own complaint with the story just told: an opening ("I've
 * just got") followed within four words by a pain ("a bit of sciatica"; not "I just got him to bed",
 * "I only have paracetamol"), or a bare "only sore" / "nothing like that" ending its clause in a
 * sentence about the writer ("my back aches but nothing like that"; not "nothing like that has ever
 * happened to him", "her back was only sore before").
 */
function plainContrast(tokens: Token[], i: number): boolean {
  const starts = (p: string[]) => phraseAt(tokens, i, p);
  const lead = CONTRAST_LEADS.find(starts);
  if (lead) return tokens.slice(i + lead.length, i + lead.length + 4).some((t) => LESSER_COMPLAINT.has(t.word));
  // "I am having small back ache only", "I've got a stiff back and a bit of ache", "I have my usual
  // back ache": the writer's own complaint, played down, within a few words of its opening.
  // Only when the writer asks about their own risk ("should I worry it is the same?", "could that
  // happen to me?"): "Dad lost control of his bowels. Mine is a small ache only. Should I ring 999
  // for him?" asks about him, and his emergency stays.
  const own = OWN_COMPLAINT_LEADS.find(starts);
  if (own) {
    const near = tokens.slice(i + own.length, i + own.length + 6).filter((t) => t.clause === tokens[i].clause);
    return near.some((t) => LESSER_COMPLAINT.has(t.word)) && near.some((t) => PLAYED_DOWN.has(t.word)) && asksOwnRisk(tokens, i);
  }
  const bare = BARE_CONTRASTS.find(starts);
  if (!bare) return false;
  const after = tokens[i + bare.length];
  const endsClause = after === undefined || after.sentence !== tokens[i].sentence || ["with", "for", "here", "just", "from", "though", "tho"].includes(after.word);
  const aboutWriter = tokens.some((t) => t.sentence === tokens[i].sentence && FIRST_PERSON.has(t.word));
  return endsClause && aboutWriter;
}
/** The writer as the one it happened to ("I couldn't wee either"); "so I know the signs" is about knowing, and "my" may be a friend's. */
const SELF_SUBJECTS = new Set(["i", "me", "mine", "mines", "myself", "im", "ive"]);
/** Someone other than the writer: a third-person pronoun or a person the writer knows. */
const OTHER_PEOPLE = new Set([
  "he", "she", "they", "him", "his", "her", "hers", "them", "their", "hes", "shes", "theyre", "theyve",
  "mum", "mom", "mother", "dad", "father", "husband", "wife", "partner", "boyfriend", "girlfriend", "son", "daughter", "brother", "sister",
  "friend", "mate", "gran", "granny", "grandma", "grandmother", "nan", "nana", "grandad", "grandpa", "grandfather", "aunt", "auntie", "uncle",
  "cousin", "neighbour", "neighbor", "colleague", "coworker", "someone", "somebody",
  // People met at work whose stories are told: a hairdresser's client, a teacher's pupil. ("man" is
  // also an exclamation and "lady" or "patient" often a bystander beside the writer's own symptom.)
  "client", "clients", "customer", "customers", "pupil", "pupils", "student", "students", "guy", "woman", "girl", "bloke", "fella",
  // Workmates and friends by their everyday names, and relatives by marriage or a generation apart.
  "workmate", "workmates", "colleagues", "coworkers", "boss", "pal", "buddy", "flatmate", "housemate", "roommate", "teammate", "lad", "lass",
  "niece", "nephew", "grandson", "granddaughter", "stepdad", "stepmum", "stepmom", "sis", "bro",
]);
/** The noun a "my" at `i` belongs to, past the words that only describe a person ("my late husband"). */
function nextNoun(tokens: Token[], i: number): string {
  let j = i + 1;
  while (j < tokens.length && ["late", "poor", "old", "best", "dear", "older", "younger", "elderly", "little", "big"].includes(tokens[j].word)) j++;
  return tokens[j]?.word ?? "";
}
const THIRD_PERSON = new Set(["he", "she", "they", "hes", "shes", "theyre"]);
const PRESENT_VERBS = new Set(["is", "are", "has", "have", "can", "cant", "cannot", "still", "keeps", "says", "feels", "seems", "in", "not"]);
const TOLD_PAST = new Set(["had", "was", "were", "could", "couldnt", "went", "did", "operated", "died", "passed", "late", "used", "ended", "told", "said", "lost", "needed"]);
const TOLD_NOW = new Set(["now", "today", "tonight", "since", "currently", "still", "yesterday", "morning", "afternoon", "evening", "night", "day", "days", "hours", "week", "can", "cant", "is", "are"]);

const LIMITING = new Set(["only", "never", "not", "no", "just"]);
/** Adverbs that say when, before an onset verb ("only started today", "just began"). */
const TIME_ADVERBS = new Set(["only", "just", "first", "suddenly", "all", "also"]);
/** Words that, right after "mine", say it is fine: "mine is fine", "mine's ok". */
const FINE = new Set(["fine", "ok", "okay", "normal", "unaffected", "good"]);

/**
 * "mine is fine" denies rather than claims: a word of being fine within two words after the claim
 * word. Only there: "mine started yesterday, is that normal?" still claims it.
 */
function saidFine(tokens: Token[], i: number): boolean {
  for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) if (FINE.has(tokens[k].word)) return true;
  return false;
}

/** Words that date an onset by themselves ("started 2 days ago", "began on monday"); "this" and "last" date one with a part of the day. */
const ONSET_TIME = new Set(["ago", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
const DAY_PARTS = new Set(["morning", "afternoon", "evening", "night"]);
/** What may stand before "started" when it is the writer's own symptom that started: it, mine, or nothing. */
const OWN_ONSET_SUBJECTS = new Set(["it", "its", "mine", "mines", "that", "this", "which", "and", "i", "they", "", "numbness", "tingling", "leaking", "weakness"]);

const FEVER_CELSIUS = /^(3[7-9]|4[0-2])$/;
const FEVER_FAHRENHEIT = /^(99|10[0-6])$/;
const TEMPERATURE_WORDS = new Set(["temp", "temperature", "fever", "thermometer", "degrees", "celsius", "fahrenheit"]);

/**
 * "is it normal to have a fever with sciatica? 38.9 today": a temperature reading (37 to 42 with a
 * decimal or a unit, or 99 to 106 Fahrenheit, or a number beside "temp") is the writer's own fever.
 */
function temperatureReading(tokens: Token[], i: number): boolean {
  const w = tokens[i].word;
  const celsius = FEVER_CELSIUS.test(w);
  if (!celsius && !FEVER_FAHRENHEIT.test(w)) return false;
  const next = tokens[i + 1]?.word ?? "";
  const unit = celsius ? next === "c" : next === "f";
  // The tokenizer writes a decimal point as "point" ("38.9" -> 38 point 9), so "I am 40, 2 kids" is no reading.
  const decimal = next === "point" && /^\d$/.test(tokens[i + 2]?.word ?? "");
  const named = [1, 2, 3].some((k) => TEMPERATURE_WORDS.has(tokens[i - k]?.word ?? "")) || TEMPERATURE_WORDS.has(next);
  return unit || decimal || named;
}

/**
 * Verbs that tell an onset ("started", "came on") or an occurrence ("happened today"): dated, either
 * says the symptom is the writer's own. "came" only with "on" ("it came on this morning").
 */
const ONSET_VERBS = new Set(["started", "began", "begun", "happened"]);

/** "Started about 2 days ago", "happened today": an onset dated in time is the writer's own, whatever the question before it asked. */
function startedWhen(tokens: Token[], i: number): boolean {
  const verb = tokens[i].word;
  if (!ONSET_VERBS.has(verb) && !(verb === "came" && tokens[i + 1]?.word === "on")) return false;
  // Whose onset: "it started", "mine started", "Started 2 days ago" (no subject); not "my back pain
  // started" (another complaint), "it started for my neighbour" or "it happened to him today".
  // Past an adverb of time ("it only started today", "just started"): the subject is before it.
  let b = i - 1;
  while (b >= 0 && TIME_ADVERBS.has(tokens[b].word) && tokens[b].clause === tokens[i].clause) b--;
  const before = tokens[b] && tokens[b].clause === tokens[i].clause ? tokens[b].word : "";
  if (!OWN_ONSET_SUBJECTS.has(before)) return false;
  for (let k = i + 1; k <= i + 6 && k < tokens.length && tokens[k].clause === tokens[i].clause; k++) if ((tokens[k].word === "for" || tokens[k].word === "to") && ["my", "his", "her", "a", "the", "him", "them"].includes(tokens[k + 1]?.word ?? "")) return false;
  for (let k = i + 1; k <= i + 4 && k < tokens.length && tokens[k].clause === tokens[i].clause; k++) {
    const w = tokens[k].word;
    if (ONSET_TIME.has(w)) return true;
    if (DAY_PARTS.has(w) && (tokens[k - 1]?.word === "this" || tokens[k - 1]?.word === "last")) return true;
  }
  return false;
}
// "Is it normal to have a numb bottom? Started yesterday.": saying when it started claims it.
const SELF_CLAIM = ["mine", "me too", "same here", "i have that", "i have this", "i have it", "happening to me", "happened to me", "like me", "started yesterday", "started today", "started this morning", "started last night", "started tonight", "since yesterday", "since this morning", "since last night", "since today", "i did today", "i did this morning", "i did yesterday", "i did last night", "i did earlier", "i have today", "i have this morning", "i have since"].map((p) => p.split(" "));

/** Level, reasons and check from hits: only mentions happening now escalate. */
export function summarize(hits: RedFlagHit[], tokens: Token[]): RedFlagResult {
  const current = hits.filter((h) => h.status === "current" && h.via !== "check");
  // An urgent rule the writer is unsure of is still worth a doctor today.
  for (const h of hits) if (h.status === "uncertain" && h.tier === "urgent" && h.via !== "check") current.push(h);
  const top = current.reduce((m, h) => Math.max(m, TIER_RANK[h.tier]), 0);
  const level: EscalationLevel = top === 2 ? "emergency" : top === 1 ? "urgent" : "none";
  const reasons = [...new Set([...current].sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier]).map((h) => h.ruleId))];
  const asks = hits.filter(
    (h) => TIER_RANK[h.tier] > top && ((h.via === "check" && (h.status === "current" || h.status === "uncertain")) || (h.via !== "check" && h.status === "uncertain")),
  );
  const check = [...new Set(asks.map((h) => h.ruleId))];
  const informational = level === "none" && check.length === 0 && hits.some((h) => h.status === "hypothetical" && h.tier === "emergency" && h.via !== "check");
  return { level, reasons, informational, check, hits, tokens };
}
