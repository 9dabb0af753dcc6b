import type { Source } from "../core/types.ts";
import type { RetrievedPassage } from "../retrieve/hybrid-retriever.ts";
import type { ChatClient } from "./chat-client.ts";

export const NOT_IN_PASSAGES = "NOT_IN_PASSAGES";

const SYSTEM = [
  "You answer questions about back pain that spreads into the legs for a patient-information chatbot.",
  "Use ONLY the numbered passages given. Do not add facts, numbers, drug names or advice that are not in them.",
  "Cite every sentence with the passage number in square brackets, like [1].",
  "Never diagnose the person and never tell them what to take or how much; describe what the passages say in general.",
  `If the passages do not answer the question, reply with exactly ${NOT_IN_PASSAGES}.`,
  "Answer in at most 5 short sentences of plain language.",
].join(" ");

/**
 * The optional LLM answerer: same contract as the extractive one (only retrieved text, cited).
 * Returns null when the model says the passages do not answer, or when its answer cites nothing,
 * so the caller can fall back to quoting the passages.
 */
export async function llmAnswer(client: ChatClient, question: string, passages: RetrievedPassage[]): Promise<{ text: string; cited: Source[] } | null> {
  const used = passages.slice(0, 3);
  const context = used.map((p, i) => `[${i + 1}] (${p.chunk.section}, ${p.chunk.article})\n${p.chunk.text}`).join("\n\n");
  const raw = (await client.complete([
    { role: "system", content: SYSTEM },
    { role: "user", content: `Passages:\n\n${context}\n\nQuestion: ${question}` },
  ])).trim();
  if (raw.includes(NOT_IN_PASSAGES)) return null;
  const numbers = [...raw.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= used.length);
  if (numbers.length === 0) return null;
  const cited = [...new Set(numbers)].map((n) => used[n - 1]);
  const footer = cited.map((p) => `[${used.indexOf(p) + 1}] “${p.chunk.section}”, ${p.chunk.article}`).join("\n");
  return {
    text: `${raw}\n\n${footer}`,
    cited: cited.map((p) => ({ article: p.chunk.article, section: p.chunk.section, score: Math.round(p.score * 1000) / 1000 })),
  };
}
