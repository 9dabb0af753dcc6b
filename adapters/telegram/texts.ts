/** What the bot says besides Lumbar's answers. Sent as plain text, so nothing here needs escaping. */

const EMERGENCY_LINE = "If this is an emergency, call your local emergency number now (911, 999 or 112).";

/** /start: what Lumbar can and cannot do, and that it is not a doctor. */
export function welcomeText(username: string): string {
  return [
    "Hi, I'm Lumbar. I answer questions about back pain that spreads into the legs, such as sciatica, " +
      "a herniated disc or spinal stenosis. My answers come from a small library of reviewed articles, " +
      "and I list the article and section each answer is drawn from.",
    "I'm not a doctor. I can't examine or diagnose you, and I don't replace medical care.",
    "If you suddenly can't control your bladder or bowels, feel numb around your groin or inner thighs, " +
      "or your legs are getting weaker quickly, call your local emergency number now (911, 999 or 112).",
    `Ask me something like "What is sciatica?". In a group, mention me (@${username}) or reply to one of my messages.`,
  ].join("\n\n");
}

/** /help. */
export function helpText(username: string): string {
  return [
    "Send me a question about back pain that spreads into the legs and I'll answer from my articles, " +
      "with the sources. Tap a suggested question under an answer to ask it.",
    `In a group, mention me (@${username}) or reply to one of my messages.`,
    "I read text, and the caption you write under a photo, file or voice note, but not the picture or sound itself. I'm not a doctor. " +
      EMERGENCY_LINE,
    "Commands:\n/start - what I can and can't do\n/help - this message",
  ].join("\n\n");
}

/** Stickers, and photos, voice notes, documents and the like sent without a caption. */
export const TEXT_ONLY =
  "Sorry, I can only read text, so I couldn't read that. Please type your question (or write it as a caption). " + EMERGENCY_LINE;

/** A mention with no question after it. */
export const EMPTY_QUESTION = "Yes? Ask me a question about back pain that spreads into the legs.";

/** A command this bot does not have. */
export const UNKNOWN_COMMAND = "I don't know that command. Try /help.";

/** /reindex or /status from someone who is not an operator. */
export const OPERATORS_ONLY = "Sorry, only Lumbar's operators can use that command.";

/** Lumbar failed to answer (an internal error, not bad input). */
export const ANSWER_FAILED = "Sorry, I couldn't answer that just now. Please try again in a minute. " + EMERGENCY_LINE;

/** Shown in the button's popup when a suggestion is no longer remembered (e.g. after a restart). */
export const SUGGESTION_EXPIRED = "This suggestion has expired. Please type your question instead.";

/** Operators: a reindex has started. */
export const REINDEX_STARTED = "Rebuilding the index from the corpus. I'll post here when it's done.";

/** Operators: another reindex is already running. */
export const REINDEX_ALREADY_RUNNING = "A reindex is already running. Check /status in a few minutes.";
