// A 429 from the Web API is waited out (Retry-After) and retried with the production retry policy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PRODUCTION_RETRY_CONFIG, slackConfigFromEnv } from "../../adapters/slack/index.ts";
import type { Lumbar } from "../../src/core/types.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { waitFor } from "./helpers/fake-slack-api.ts";
import { startHarness, type SlackHarness } from "./helpers/harness.ts";

let lumbar: Lumbar;
let cleanup: () => Promise<void>;
let h: SlackHarness | undefined;

beforeAll(async () => {
  ({ lumbar, cleanup } = await makeTestLumbar());
});
afterAll(async () => {
  await cleanup?.();
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("Web API rate limits", () => {
  it("uses a retry policy in production that retries a 429", () => {
    const config = slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" });
    expect(config?.retryConfig).toBe(PRODUCTION_RETRY_CONFIG);
    expect(PRODUCTION_RETRY_CONFIG.retries).toBeGreaterThan(0);
  });

  it("delivers the answer after a 429 with Retry-After: 1", async () => {
    h = await startHarness(lumbar, { retryConfig: PRODUCTION_RETRY_CONFIG });
    h.api.rateLimitNext("chat.postMessage", 1);
    await h.sendEvent(h.dm("UKIM", "D0KIM", "what is sciatica?"));

    const [post] = await waitFor(() => h!.api.posts("D0KIM").length > 0 && h!.api.posts("D0KIM"), "the answer after the 429", 10_000);
    const attempts = h.api.calls.filter((c) => c.method === "chat.postMessage");
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(post.at - attempts[0].at).toBeGreaterThanOrEqual(1000);
    expect(attempts[1].params.text).toBe(attempts[0].params.text);
  });
});
