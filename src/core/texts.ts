/** Fixed wording of the replies, in one place so it can be reviewed together. */
export const DISCLAIMER = "Lumbar shares general information from its articles; it is not medical advice and cannot examine or diagnose you.";

export const OUT_OF_SCOPE =
  "I don't have information about that in my articles, so I won't guess. I can answer questions about back pain that spreads into the legs: its causes, symptoms, treatments, prevention and when to see a doctor.";

export const EMPTY_MESSAGE = "I didn't get any text. Ask me a question about back pain that spreads into your legs, for example one of these:";

export const LONG_MESSAGE = (chars: number) =>
  `Your message was long, so I answered from its first ${chars} characters. I checked all of it for urgent symptoms.`;
