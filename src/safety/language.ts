import { franc } from "franc-min";
import { isEnglishWord } from "../text/english-words.ts";
import { normalizeText, words } from "../text/normalize.ts";

/** How much of a message the script check reads. */
const SCRIPT_SAMPLE = 4000;

/** The reason given for a check question asked because the message is mostly not in English. */
export const NOT_ENGLISH_CHECK = "message-not-in-english";

/**
 * Function words of the languages people most often mix with English in the UK and US (Spanish,
 * Portuguese, French, Tagalog, romanised Hindi/Urdu, Nigerian Pidgin). They are the sure sign of
 * another language: content words may be borrowed ("sciatica", "back pain"), these are not.
 */
const FOREIGN_FUNCTION_WORDS = new Set(
  (
    "y el la los las de del que en un una mi tengo es esta muy pero por para con sin ya ahora dice no-es " +
    "e os um uma meu minha tenho com sem mas muito agora " +
    "le les des je et est mon ma avec pas tres " +
    "ng ko ang sa mga ako siya ba lang naman kasi tapos hindi po yung " +
    "hai mein aur ka ki ke nahi kya bhi ho gaye mujhe tha hain raha karne " +
    "dey dem wetin abeg na im"
  ).split(/\s+/),
);

/** Most of the letters of a message's opening are of a script other than Latin (Korean, Cyrillic, Bengali...). */
export function inOtherScript(text: string): boolean {
  const head = text.slice(0, SCRIPT_SAMPLE);
  const letters = head.match(/\p{L}/gu)?.length ?? 0;
  const latin = head.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return letters >= 6 && latin / letters < 0.5;
}

/**
 * True when a message is mostly in another language ("Tengo un dolor de espalda, no puedo
 * orinar"): the red-flag rules cannot read it, so Lumbar asks the safety check question rather
 * than answer as if nothing were wrong.
 */
export function mostlyNotEnglish(text: string, knownWord: (word: string) => boolean = () => false): boolean {
  return readLanguage(text, knownWord).mostlyNotEnglish;
}

export interface LanguageSigns {
  /** Mostly in another language: the English rules cannot read it (see {@link mostlyNotEnglish}). */
  mostlyNotEnglish: boolean;
  /**
   * Enough of another language to be worth reading with the other languages' lexicon: mostly not
   * English, two or more foreign function words ("papa ko back pain hai"), or a short message
   * whose longer words are mostly not English ("drętwienie w kroczu"), too short for the guess.
   */
  otherLanguage: boolean;
}

/** What the opening of a message says of its language, read once for both questions above. */
export function readLanguage(text: string, knownWord: (word: string) => boolean = () => false): LanguageSigns {
  // Another script (Korean, Ukrainian, Bengali, Arabic...): the rules, written in English words,
  // cannot see a single symptom in it.
  // The first few thousand characters say which language a message is in; reading all of a 400 kB
  // paste (every letter matched, every word looked up) would cost a fifth of a second for nothing.
  const head = text.slice(0, SCRIPT_SAMPLE);
  if (inOtherScript(head)) return { mostlyNotEnglish: true, otherLanguage: false };
  const all = words(normalizeText(head));
  const long = all.filter((w) => w.length >= 4 && !/\d/.test(w));
  const markers = new Set(all.filter((w) => FOREIGN_FUNCTION_WORDS.has(w)));
  if (long.length === 0) return { mostlyNotEnglish: false, otherLanguage: markers.size >= 2 };
  // The corpus's own words count as English: "radiculopathy" or "spondylolisthesis" are not French.
  const foreignShare = long.filter((w) => !isEnglishWord(w) && !knownWord(w)).length / long.length;
  if (markers.size >= 3 && foreignShare >= 0.3) return { mostlyNotEnglish: true, otherLanguage: true };
  // Other languages in Latin script (Italian, French, German...): a trigram language guess (franc),
  // trusted only when most longer words are not English either, since it misreads short or
  // non-native English ("Me back pain long time..." reads as French to it).
  const guess = franc(head, { minLength: 20 });
  const guessedOther = guess !== "eng" && guess !== "und";
  // The lexicon of other languages may read more: it escalates only what its own words compose,
  // so a guess backed by a third of the words ("je n'arrive plus à uriner depuis ce matin") will do.
  const otherLanguage = markers.size >= 2 || foreignShare >= 0.5 || (guessedOther && foreignShare >= 0.3);
  return { mostlyNotEnglish: long.length >= 4 && guessedOther && foreignShare >= 0.5, otherLanguage };
}
