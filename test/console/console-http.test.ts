// The console over HTTP (no browser): nothing without a session, the login's refusals and limits,
// the cookie's attributes, and CSRF on state changes. The core and its audit log are real.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/core/errors.ts";
import { loadConfig, requireConsoleToken } from "../../src/config/config.ts";
import { readAuditLog, auditLogPath } from "../../src/safety/audit-log.ts";
import { makeCliSandbox } from "../cli/cli-harness.ts";
import { CONSOLE_TOKEN, startConsoleFixture, type ConsoleFixture } from "./console-fixture.ts";

let f: ConsoleFixture;
beforeAll(async () => {
  f = await startConsoleFixture();
});
afterAll(async () => {
  await f?.close();
});

/** GETs the login form and returns its nonce cookie and field. */
async function loginForm(): Promise<{ cookie: string; nonce: string }> {
  const res = await fetch(`${f.base}/login`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lumbar_login="))!.split(";")[0]!;
  const nonce = /name="_login" value="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie, nonce };
}

async function postLogin(token: string, operator = "Nurse Ada") {
  const { cookie, nonce } = await loginForm();
  return fetch(`${f.base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: f.base },
    body: new URLSearchParams({ _login: nonce, operator, token, next: "/queue" }),
  });
}

async function session(): Promise<{ cookie: string; csrf: string }> {
  const res = await postLogin(CONSOLE_TOKEN);
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lumbar_console="))!.split(";")[0]!;
  const page = await (await fetch(`${f.base}/queue`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}

describe("the console without a session", () => {
  it("answers every URL with 401 or a redirect to the login, and sends no escalation data", async () => {
    const id = f.escalationId;
    const gets = ["/", "/queue", `/queue/${id}`, "/queue?tier=emergency", "/index", "/index/progress.json", "/quality", "/quality/data.json", "/static/quality.js", "/static/chart.umd.min.js", "/nothing-here"];
    const posts = [`/queue/${id}/acknowledge`, `/queue/${id}/resolve`, "/index/reindex", "/index/rollback", "/logout"];
    for (const [method, url] of [...gets.map((u) => ["GET", u]), ...posts.map((u) => ["POST", u])] as const) {
      const res = await fetch(`${f.base}${url}`, { method, redirect: "manual", headers: { origin: f.base, "content-type": "application/x-www-form-urlencoded" }, ...(method === "POST" ? { body: "_csrf=x" } : {}) });
      const body = await res.text();
      expect([303, 401], `${method} ${url}`).toContain(res.status);
      if (res.status === 303) expect(res.headers.get("location"), url).toMatch(/^\/login/);
      expect(body).not.toContain(id);
      for (const rule of f.ruleIds) expect(body).not.toContain(rule);
    }
  });

  it("refuses a wrong token and sets no session cookie", async () => {
    const res = await postLogin("not-the-token-at-all");
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Wrong console token");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("lumbar_console="))).toBe(false);
    expect(f.logs.some((l) => l.includes("console.login_refused"))).toBe(true);
  });

  it("refuses a login post that did not come from its own form (no nonce)", async () => {
    const res = await fetch(`${f.base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: f.base },
      body: new URLSearchParams({ operator: "Mallory", token: CONSOLE_TOKEN }),
    });
    expect(res.status).toBe(403);
  });
});

describe("the console with a session", () => {
  it("sets an HttpOnly, SameSite=Strict session cookie on Path=/", async () => {
    const res = await postLogin(CONSOLE_TOKEN);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lumbar_console="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
  });

  it("refuses a state change without the session's CSRF token, or from another origin", async () => {
    const { cookie, csrf } = await session();
    const post = (body: Record<string, string>, origin = f.base) =>
      fetch(`${f.base}/queue/${f.escalationId}/acknowledge`, { method: "POST", redirect: "manual", headers: { cookie, origin, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body) });
    expect((await post({ _csrf: "wrong" })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ _csrf: csrf }, "http://evil.example")).status).toBe(403);
    expect((await readAuditLog(auditLogPath(f.t.dataDir))).states).toEqual([]);
    // The same request with the token goes through, and is audited with who, how and from where.
    const ok = await post({ _csrf: csrf, back: "/queue" });
    expect(ok.status).toBe(303);
    const [state] = (await readAuditLog(auditLogPath(f.t.dataDir))).states;
    expect(state).toMatchObject({ escalationId: f.escalationId, state: "acknowledged", by: "Nurse Ada", via: "console", from: "console:127.0.0.1" });
  });

  it("serves the evaluation results and counters as counts only, never message text", async () => {
    const { cookie } = await session();
    const data = (await (await fetch(`${f.base}/quality/data.json`, { headers: { cookie } })).json()) as { eval: { questionSets: unknown[] }; counters: { escalations24h: Record<string, number> } };
    expect(data.eval.questionSets).toHaveLength(2);
    expect(data.counters.escalations24h.emergency + data.counters.escalations24h.urgent).toBe(1);
    expect(JSON.stringify(data)).not.toMatch(/wet myself/);
  });

  it("reindexes with progress, lists the versions with build time, chunks and corpus hash, and rolls back", async () => {
    const { cookie, csrf } = await session();
    const before = (await f.t.lumbar.status()).version;
    const post = (url: string, body: Record<string, string>) =>
      fetch(`${f.base}${url}`, { method: "POST", redirect: "manual", headers: { cookie, origin: f.base, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: csrf, ...body }) });
    expect((await post("/index/reindex", {})).status).toBe(303);
    let job: { state: string; done: number; total: number; line: string; result?: { version: string } } = { state: "running", done: 0, total: 0, line: "" };
    for (let i = 0; i < 300 && job.state === "running"; i++) {
      job = await (await fetch(`${f.base}/index/progress.json`, { headers: { cookie } })).json();
      if (job.state === "running") await new Promise((r) => setTimeout(r, 20));
    }
    expect(job.state, job.line).toBe("finished");
    expect(job.done).toBe(job.total);
    expect(job.total).toBeGreaterThan(0);
    const after = job.result!.version;
    expect(after).not.toBe(before);
    const page = await (await fetch(`${f.base}/index`, { headers: { cookie } })).text();
    expect(page).toContain(`<strong data-testid="serving">${after}</strong>`);
    const status = await f.t.lumbar.status();
    expect(page).toContain(status.corpusHash.slice(0, 16));
    expect(page).toContain(`${status.chunkCount} chunks`);
    expect(page).toContain(before);

    expect((await post("/index/rollback", { version: before })).status).toBe(303);
    const notice = await (await fetch(`${f.base}/index`, { headers: { cookie } })).text();
    expect(notice).toContain(`${before} is now serving (was ${after})`);
    // The serving core notices CURRENT within its two-second check.
    for (let i = 0; i < 60 && (await f.t.lumbar.status()).version !== before; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await f.t.lumbar.status()).version).toBe(before);
    // A version that does not exist is refused with the reason, and nothing changes.
    await post("/index/rollback", { version: "v-nothing" });
    expect(await (await fetch(`${f.base}/index`, { headers: { cookie } })).text()).toContain("Rollback refused: no kept index version");
  });

  it("limits failed sign-ins from one address: after five within 15 minutes, even the right token is refused with 429", async () => {
    for (let i = 0; i < 5; i++) expect((await postLogin("wrong-token-again")).status).toBe(401);
    const limited = await postLogin(CONSOLE_TOKEN);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Too many failed sign-ins");
  });
});

describe("starting the console", () => {
  it("refuses to start without LUMBAR_CONSOLE_TOKEN and names the variable", async () => {
    expect(() => requireConsoleToken(loadConfig({}))).toThrow(ConfigError);
    expect(() => requireConsoleToken(loadConfig({}))).toThrow(/LUMBAR_CONSOLE_TOKEN/);
    expect(() => loadConfig({ LUMBAR_CONSOLE_TOKEN: "short" })).toThrow(/LUMBAR_CONSOLE_TOKEN: too short/);
    const sandbox = await makeCliSandbox();
    try {
      const run = await sandbox.run(["console", "--port", "0"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/LUMBAR_CONSOLE_TOKEN: missing/);
      const withBots = await sandbox.run(["start"], { env: { LUMBAR_CONSOLE_PORT: "0" } });
      expect(withBots.code).toBe(1);
      expect(withBots.stderr).toMatch(/LUMBAR_CONSOLE_TOKEN: missing/);
    } finally {
      await sandbox.cleanup();
    }
  });
});

describe("message text in the console", () => {
  it("shows an escalation's text only while LUMBAR_LOG_MESSAGE_TEXT is on", async () => {
    const withText = await startConsoleFixture({ logMessageText: true });
    try {
      const res = await fetch(`${withText.base}/login`);
      const login = res.headers.getSetCookie().find((c) => c.startsWith("lumbar_login="))!.split(";")[0]!;
      const nonce = /name="_login" value="([^"]+)"/.exec(await res.text())![1]!;
      const signed = await fetch(`${withText.base}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: login, origin: withText.base },
        body: new URLSearchParams({ _login: nonce, operator: "Nurse Ada", token: CONSOLE_TOKEN }),
      });
      const cookie = signed.headers.getSetCookie().find((c) => c.startsWith("lumbar_console="))!.split(";")[0]!;
      const page = await (await fetch(`${withText.base}/queue/${withText.escalationId}`, { headers: { cookie } })).text();
      expect(page).toContain("I&#39;ve just wet myself");
      // With it off, the browser test sees "Hidden: ..." in the text's place.
    } finally {
      await withText.close();
    }
  });
});
