/** Fixed wording of the replies, in one place so it can be reviewed together. */
export const DISCLAIMER = "Lumbar shares general information from its articles; it is not medical advice and cannot examine or diagnose you.";

export const OUT_OF_SCOPE =
  "I don't have information about that in my articles, so I won't guess. I can answer questions about back pain that spreads into the legs: its causes, symptoms, treatments, prevention and when to see a doctor.";

export const EMPTY_MESSAGE = "I didn't get any text. Ask me a question about back pain that spreads into your legs, for example one of these:";

export const NOT_ENGLISH =
  "I can only read English for now. If this is an emergency (for example you cannot control your bladder or bowels, you are numb between your legs, or your legs are giving way), call your local emergency number now: 911, 999 or 112.";

/** Replies to small talk, in kind: a greeting is greeted, thanks are welcomed. */
export const SMALL_TALK = {
  greeting: "Hello! I answer questions about back pain that spreads into the legs, from my articles. You could ask one of these:",
  thanks: "You're welcome. If anything else about your back or legs is on your mind, just ask.",
  acknowledgement: "Okay. Is there anything else you'd like to know about your back or legs?",
  goodbye:
    "Take care. If you lose control of your bladder or bowels, feel numb between your legs, or both legs get weak, call your local emergency number (911, 999 or 112) straight away.",
} as const;

export const STILL_EMERGENCY =
  "Earlier in this conversation you told me of something that needs help now. If you have not yet, please get help now: call your local emergency number (911, 999 or 112) or go to the nearest emergency department.";

export const LONG_MESSAGE = (chars: number) =>
  `Your message was long, so I answered from its first ${chars} characters. I checked all of it for urgent symptoms.`;

/** After a "no" to the safety check question whose message was already answered beside it. */
export const CHECK_ANSWERED_NO =
  "Thank you, that's reassuring. If it does start to happen, get urgent medical help straight away. Is there anything else you'd like to know?";
