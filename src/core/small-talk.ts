import { normalizeText, words } from "../text/normalize.ts";

/** What a message of greetings, thanks or goodbyes on its own says, so it is answered in kind. */
export type SmallTalk = "greeting" | "thanks" | "goodbye" | "acknowledgement";

const KINDS: Record<SmallTalk, string[]> = {
  thanks: ["thanks", "thank", "thx", "ta", "cheers", "appreciate", "appreciated"],
  goodbye: ["bye", "goodbye", "cya", "later", "night", "goodnight"],
  greeting: ["hi", "hello", "hey", "hiya", "yo", "morning", "evening", "afternoon"],
  acknowledgement: ["ok", "okay", "great", "cool", "nice", "good", "lol", "got", "alright"],
};
/** Words that only fill such a message out ("thank you so much", "see ya"). */
const FILLER = new Set(["it", "you", "lumbar", "there", "much", "so", "again", "see", "ya", "very", "a", "lot", "for", "that", "the", "info", "help", "i", "all", "oh"]);

/**
 * The kind of small talk a short message is, or null when it says something else. Thanks win over
 * a greeting in the same message ("hi, thanks!"), and a goodbye over both.
 */
export function smallTalkKind(text: string): SmallTalk | null {
  // Eight short words fit in far fewer characters: a long message is not read again here.
  if (text.length > 200) return null;
  const ws = words(normalizeText(text));
  if (ws.length === 0 || ws.length > 8) return null;
  const found = new Set<SmallTalk>();
  for (const w of ws) {
    const kind = (Object.keys(KINDS) as SmallTalk[]).find((k) => KINDS[k].includes(w));
    if (kind) found.add(kind);
    else if (!FILLER.has(w)) return null;
  }
  for (const kind of ["goodbye", "thanks", "greeting", "acknowledgement"] as const) if (found.has(kind)) return kind;
  return null;
}
