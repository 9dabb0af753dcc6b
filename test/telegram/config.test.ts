import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/core/errors.ts";
import { telegramConfigFromEnv } from "../../adapters/telegram/index.ts";

const TOKEN = "123456789:AAE-token_value";

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    telegramConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("telegramConfigFromEnv", () => {
  it("returns null without a bot token", () => {
    expect(telegramConfigFromEnv({})).toBeNull();
    expect(telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: "  " })).toBeNull();
  });

  it("defaults to long polling against Telegram's API", () => {
    const config = telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN })!;
    expect(config.token).toBe(TOKEN);
    expect(config.apiRoot).toBe("https://api.telegram.org");
    expect(config.webhook).toBeUndefined();
    expect(config.escalationChatId).toBeUndefined();
    expect([...config.operatorIds]).toEqual([]);
  });

  it("reads webhook, alert and operator settings", () => {
    const config = telegramConfigFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hooks/telegram",
      TELEGRAM_WEBHOOK_SECRET: "s3cret_-X",
      TELEGRAM_PORT: "3000",
      TELEGRAM_ESCALATION_CHAT_ID: "-1001234567890",
      TELEGRAM_OPERATOR_IDS: "111, 222,,",
    })!;
    expect(config.apiRoot).toBe("http://127.0.0.1:8081");
    expect(config.webhook).toEqual({
      url: "https://bot.example.org/hooks/telegram",
      path: "/hooks/telegram",
      secret: "s3cret_-X",
      port: 3000,
      host: "0.0.0.0",
    });
    expect(config.escalationChatId).toBe("-1001234567890");
    expect([...config.operatorIds]).toEqual(["111", "222"]);
  });

  it("names the variable when the webhook secret is missing or has bad characters", () => {
    const base = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook" };
    const missing = configError(base);
    expect(missing.variable).toBe("TELEGRAM_WEBHOOK_SECRET");
    expect(missing.code).toBe("CONFIG_MISSING");
    for (const secret of ["has space", "semi;colon", "ünïcode", "x".repeat(257)]) {
      const bad = configError({ ...base, TELEGRAM_WEBHOOK_SECRET: secret });
      expect(bad.variable).toBe("TELEGRAM_WEBHOOK_SECRET");
      expect(bad.code).toBe("CONFIG_INVALID");
    }
  });

  it("rejects unusable values, naming each variable and never echoing the token", () => {
    const cases: Array<[NodeJS.ProcessEnv, string]> = [
      [{ TELEGRAM_BOT_TOKEN: "https://api.telegram.org/bot123:abc" }, "TELEGRAM_BOT_TOKEN"],
      [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "api.telegram.org" }, "TELEGRAM_API_ROOT"],
      [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "http://bot.example.org/hook", TELEGRAM_WEBHOOK_SECRET: "s" }, "TELEGRAM_WEBHOOK_URL"],
      [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://x.org/h", TELEGRAM_WEBHOOK_SECRET: "s", TELEGRAM_PORT: "http" }, "TELEGRAM_PORT"],
      [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ESCALATION_CHAT_ID: "ops group" }, "TELEGRAM_ESCALATION_CHAT_ID"],
      [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_OPERATOR_IDS: "123,@alice" }, "TELEGRAM_OPERATOR_IDS"],
    ];
    for (const [env, variable] of cases) {
      const error = configError(env);
      expect(error.variable).toBe(variable);
      expect(error.message).toContain(variable);
      expect(error.message).not.toContain(TOKEN);
    }
  });
});
