import { describe, expect, it } from "vitest";
import { mostlyNotEnglish } from "../../src/safety/language.ts";

describe("messages mostly in another language", () => {
  it.each([
    "Tengo un dolor de espalda muy fuerte y ahora no puedo orinar, solo sale un poco",
    "Sobrang sakit ng likod ko tapos hindi ko na ma-feel pag umiihi ako",
    "Yaar mere back mein pain hai aur aaj subah se kuch nahi nikla, kya karu",
    // Another script: the rules cannot see a word of it.
    "허리가 아프고 오늘 아침부터 소변이 안 나와요",
    "Мій тато не може ходити, ноги слабкі",
    // Latin script without the Spanish, Tagalog or Hindi function words: the trigram guess decides.
    "Mio padre non riesce più a stare in piedi da stamattina, che cosa devo fare",
  ])("are recognised: %s", (text) => {
    expect(mostlyNotEnglish(text)).toBe(true);
  });

  it.each([
    "hw lng shud i rest my bak for sciatica or shud i keep movin",
    "my back is killing me and the pain goes down my leg, is ibuprofen ok",
    "Sorry my english. Since Monday I have problem with back pain very big.",
    "el paso texas here, what stretches help sciatica",
    "me back pain long time, what exercise good for me",
    "bak is sor frm gardning, nuthin els",
  ])("English with typos, chat forms or a foreign name is not: %s", (text) => {
    expect(mostlyNotEnglish(text)).toBe(false);
  });

  it("counts the corpus's own words as English, so a string of clinical terms is not another language", () => {
    const corpusWords = new Set(["spondylolisthesis", "laminectomy", "discectomy", "sciatica", "radiculopathy"]);
    expect(mostlyNotEnglish("sciatica radiculopathy spondylolisthesis laminectomy discectomy ok?", (w) => corpusWords.has(w))).toBe(false);
  });
});
