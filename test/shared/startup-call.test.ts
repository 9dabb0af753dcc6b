import { describe, expect, it } from "vitest";
import { PlatformUnreachableError, startupCall, transportFailure } from "../../adapters/shared/startup-call.ts";

// The shared start-up call: a deadline, no retry, and one line naming the host and the variable.
// The real clients against fake servers are exercised in test/cli/startup-errors.test.ts.

const endpoint = { platform: "Slack", url: "https://slack.com/api/", variable: "SLACK_API_URL", timeoutMs: 50 };

describe("startupCall", () => {
  it("gives up at the deadline with one line, and aborts the request so it cannot keep the process alive", async () => {
    let signal: AbortSignal | undefined;
    const error = await startupCall(endpoint, (s) => {
      signal = s;
      return new Promise<never>((_, reject) => s.addEventListener("abort", () => reject(new Error("aborted"))));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toBe("Slack: slack.com did not answer within 0.1 s (SLACK_API_URL / network)");
    expect(signal?.aborted).toBe(true);
  });

  it("names the system error code however deep the client wrapped it", async () => {
    const undici = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    const slack = Object.assign(new Error("A request error occurred: fetch failed"), { code: "slack_webapi_request_error", original: undici });
    await expect(startupCall(endpoint, () => Promise.reject(slack))).rejects.toThrow("Slack: cannot reach slack.com (SLACK_API_URL / network): ECONNREFUSED");
    const happyEyeballs = Object.assign(new TypeError("fetch failed"), { cause: new AggregateError([Object.assign(new Error("x"), { code: "ENETUNREACH" })]) });
    expect(transportFailure(happyEyeballs)).toBe("ENETUNREACH");
    // No code, but no answer either (fetch refuses some ports outright): the innermost reason.
    expect(transportFailure(Object.assign(new TypeError("fetch failed"), { cause: new Error("bad port") }))).toBe("bad port");
  });

  it("reports a server error, and passes an answer that did arrive (a rejected token) through unchanged", async () => {
    await expect(startupCall(endpoint, () => Promise.reject(Object.assign(new Error("502"), { code: 502 })))).rejects.toThrow("Slack: slack.com answered with a server error (SLACK_API_URL / network): HTTP 502");
    const refused = Object.assign(new Error("An API error occurred: invalid_auth"), { code: "slack_webapi_platform_error", data: { ok: false, error: "invalid_auth" } });
    await expect(startupCall(endpoint, () => Promise.reject(refused))).rejects.toBe(refused);
    expect(transportFailure(refused)).toBeUndefined();
  });

  it("returns the result when the platform answers in time", async () => {
    await expect(startupCall(endpoint, async () => ({ ok: true }))).resolves.toEqual({ ok: true });
  });
});
