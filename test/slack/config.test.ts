import { describe, expect, it } from "vitest";
import { slackConfigFromEnv } from "../../adapters/slack/index.ts";
import { ConfigError } from "../../src/core/errors.ts";

const http = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret" };

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    slackConfigFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("slackConfigFromEnv", () => {
  it("returns null when SLACK_BOT_TOKEN is unset or blank", () => {
    expect(slackConfigFromEnv({})).toBeNull();
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: "  ", SLACK_SIGNING_SECRET: "x" })).toBeNull();
  });

  it("names SLACK_SIGNING_SECRET when it is missing in HTTP mode", () => {
    const error = configError({ SLACK_BOT_TOKEN: "xoxb-1" });
    expect(error.variable).toBe("SLACK_SIGNING_SECRET");
    expect(error.code).toBe("CONFIG_MISSING");
    expect(error.message).toContain("SLACK_SIGNING_SECRET");
  });

  it("reads HTTP mode with defaults", () => {
    const config = slackConfigFromEnv(http);
    expect(config).toMatchObject({ botToken: "xoxb-1", transport: { kind: "http", signingSecret: "secret", port: 3000, host: "0.0.0.0" } });
    expect(config?.apiUrl).toBeUndefined();
    expect(config?.escalationChannel).toBeUndefined();
    expect(config?.operatorIds.size).toBe(0);
  });

  it("reads every variable", () => {
    const config = slackConfigFromEnv({
      ...http,
      SLACK_PORT: "0",
      SLACK_HOST: "127.0.0.1",
      SLACK_API_URL: "http://127.0.0.1:9999/api",
      SLACK_ESCALATION_CHANNEL: "C0OPS",
      SLACK_OPERATOR_IDS: " U1, U2 ,,",
    });
    expect(config).toMatchObject({ transport: { kind: "http", port: 0, host: "127.0.0.1" }, apiUrl: "http://127.0.0.1:9999/api/", escalationChannel: "C0OPS" });
    expect([...(config?.operatorIds ?? [])]).toEqual(["U1", "U2"]);
  });

  it("uses Socket Mode when SLACK_APP_TOKEN is set, without needing a signing secret", () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })?.transport).toEqual({ kind: "socket", appToken: "xapp-1" });
  });

  it("rejects unusable values, naming the variable", () => {
    expect(configError({ ...http, SLACK_PORT: "http" }).variable).toBe("SLACK_PORT");
    expect(configError({ ...http, SLACK_PORT: "70000" }).variable).toBe("SLACK_PORT");
    expect(configError({ ...http, SLACK_API_URL: "slack.com/api" }).variable).toBe("SLACK_API_URL");
    expect(configError({ ...http, SLACK_BOT_TOKEN: "xapp-1" }).variable).toBe("SLACK_BOT_TOKEN");
    expect(configError({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }).variable).toBe("SLACK_APP_TOKEN");
  });
});
