import { describe, expect, it } from "vitest";
import { mostlyNotEnglish } from "../../src/safety/language.ts";

describe("messages mostly in another language", () => {
  it.each([
    "Tengo un dolor de espalda muy fuerte y ahora no puedo orinar, solo sale un poco",
    "Sobrang sakit ng likod ko tapos hindi ko na ma-feel pag umiihi ako",
    "Yaar mere back mein pain hai aur aaj subah se kuch nahi nikla, kya karu",
  ])("are recognised: %s", (text) => {
    expect(mostlyNotEnglish(text)).toBe(true);
  });

  it.each([
    "hw lng shud i rest my bak for sciatica or shud i keep movin",
    "my back is killing me and the pain goes down my leg, is ibuprofen ok",
    "Sorry my english. Since Monday I have problem with back pain very big.",
    "el paso texas here, what stretches help sciatica",
  ])("English with typos, chat forms or a foreign name is not: %s", (text) => {
    expect(mostlyNotEnglish(text)).toBe(false);
  });
});
