import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSlack, type SlackConfig } from "../../adapters/slack/index.ts";
import type { Lumbar } from "../../src/core/types.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { FakeSlackApi } from "./helpers/fake-slack-api.ts";

let lumbar: Lumbar;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ lumbar, cleanup } = await makeTestLumbar());
});
afterAll(async () => {
  await cleanup?.();
});

function configFor(api: FakeSlackApi, port: number): SlackConfig {
  return {
    botToken: "xoxb-test-token",
    transport: { kind: "http", signingSecret: "s", port, host: "127.0.0.1" },
    apiUrl: api.url,
    escalationChannel: "C0OPS",
    operatorIds: new Set(),
    retryConfig: { retries: 0 },
  };
}

describe("startSlack", () => {
  it("says in one line where it listens and as whom", async () => {
    const api = await FakeSlackApi.start();
    try {
      const slack = await startSlack(lumbar, configFor(api, 0), silentLogger);
      expect(slack.summary).toBe(`Slack: HTTP on 127.0.0.1:${slack.port} as @lumbar`);
      await slack.stop();
    } finally {
      await api.close();
    }
  });

  it("fails at startup when Slack rejects the bot token", async () => {
    const api = await FakeSlackApi.start();
    try {
      api.answerWith("auth.test", { ok: false, error: "invalid_auth" });
      await expect(startSlack(lumbar, configFor(api, 0), silentLogger)).rejects.toThrow(/invalid_auth/);
    } finally {
      await api.close();
    }
  });

  it("fails when the port is taken, and leaves no alert listener behind", async () => {
    const api = await FakeSlackApi.start();
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const unsubscribe = vi.fn();
    const subscribe = vi.spyOn(lumbar, "onEscalation").mockImplementation(() => unsubscribe);
    try {
      await expect(startSlack(lumbar, configFor(api, (busy.address() as AddressInfo).port), silentLogger)).rejects.toThrow(/EADDRINUSE/);
      expect(subscribe).toHaveBeenCalledTimes(1);
      expect(unsubscribe).toHaveBeenCalledTimes(1);
    } finally {
      subscribe.mockRestore();
      await new Promise<void>((resolve) => busy.close(() => resolve()));
      await api.close();
    }
  });
});
