import { TelegramError } from "telegraf";

// Bot tokens look like 123456789:AAE…; node-fetch errors can carry the request URL, which holds one.
const TOKEN_IN_TEXT = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

/**
 * An error reduced to fields that are safe to log: name, Telegram's error code and description,
 * with anything shaped like a bot token removed. Never includes the payload (message text).
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof TelegramError) {
    return { name: "TelegramError", code: error.code, description: scrub(error.description ?? "") };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: scrub(error.message), ...(code !== undefined ? { code } : {}) };
  }
  return { message: scrub(String(error)) };
}

function scrub(text: string): string {
  return text.replace(TOKEN_IN_TEXT, "[token]");
}

/** Telegram logs use the core's pseudonym so lines from every channel correlate. */
export { pseudonym } from "../../src/log/pseudonym.ts";
