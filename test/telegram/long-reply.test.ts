// A reply over 5,000 characters, rendered and sent through the real telegraf client to
// telegram-test-api: several parts, each within Telegram's limit, the keyboard on the last only.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Telegram } from "telegraf";
import type { Reply } from "../../src/core/types.ts";
import { renderReply } from "../../adapters/telegram/render-reply.ts";
import { sendParts } from "../../adapters/telegram/send.ts";
import { SuggestionStore, suggestionKeyboard } from "../../adapters/telegram/suggestions.ts";
import { captureLogger } from "./support/capture-logger.ts";
import { startEmulator, type Emulator } from "./support/emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

it("sends a 5,000+ character answer as valid parts with the keyboard on the last part", async () => {
  const answer = Array.from({ length: 40 }, (_, i) => `Part ${i}: a herniated disc <L5/S1> can press on a nerve root & cause leg pain. `.repeat(2).trim()).join("\n\n");
  const reply: Reply = {
    text: answer,
    guidance: "If your legs get weaker quickly, seek urgent care.",
    answer,
    disclaimer: "General information, not medical advice.",
    sources: [{ article: "Back Pain Leads to Leg Pain", section: "2. Herniated Disc", score: 0.7 }],
    escalation: { level: "urgent", reasons: ["progressive-weakness"] },
    outOfScope: false,
    suggestions: ["What is sciatica?", "How is a herniated disc treated?"],
    indexVersion: "v1",
    check: null,
  };
  expect(answer.length).toBeGreaterThan(5000);

  const parts = renderReply(reply);
  const keyboard = suggestionKeyboard(reply.suggestions, new SuggestionStore());
  const since = emulator.mark();
  const telegram = new Telegram(emulator.token, { apiRoot: emulator.apiRoot });
  await sendParts(telegram, { chatId: 301 }, parts, { keyboard, logger: captureLogger().logger });

  const sent = emulator.sentTo(301, since);
  expect(sent.length).toBe(parts.length);
  expect(sent.length).toBeGreaterThan(1);
  for (const [i, message] of sent.entries()) {
    expect(message.text.length).toBeLessThanOrEqual(4096);
    expect(message.parse_mode).toBe("HTML");
    expect(message.text).toBe(parts[i]!.html);
    if (i < sent.length - 1) expect(message.reply_markup).toBeUndefined();
  }
  expect(sent[0]!.text.startsWith("<b>If your legs get weaker")).toBe(true);
  expect(sent[sent.length - 1]!.reply_markup?.inline_keyboard?.flat()).toHaveLength(2);
  expect(sent.map((m) => m.text).join("\n\n")).toBe(renderReply(reply, 1_000_000)[0]!.html);
});
