import { chmod, mkdir, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type ServerResponse } from "node:http";
import { connect, createServer as createTcpServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCliSandbox, type CliResult, type CliSandbox } from "./cli-harness.ts";

// `lumbar start` (the real CLI in a child process) against platform APIs on 127.0.0.1 that refuse
// connections, accept and never answer, or answer only some calls. Each failure must be one line on
// stderr naming the host and the variable to check, a non-zero exit, and no stack trace.

let sandbox: CliSandbox;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  sandbox = await makeCliSandbox();
});
afterAll(async () => {
  for (const close of closers) await close();
  await sandbox?.cleanup();
});

/** A port nothing listens on: connections to it are refused. */
// A port below 1024 that nothing listens on: the tests here run concurrently, and a port freed after
// listening on port 0 can be handed straight to another test's stub server (seen: the "refused" port
// answered with the 502 stub). Ports given for port 0 come from the ephemeral range, never from here.
async function refusedPort(): Promise<number> {
  // Not 1, 7, 9...: fetch refuses those "bad ports" before it connects.
  for (const port of [47, 99, 199, 599, 999]) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
    });
    if (refused) return port;
  }
  throw new Error("no refusing port below 1024 on 127.0.0.1");
}

/** A server that accepts connections and never says a word. */
async function silentPort(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

/**
 * A Bot API stand-in: the methods in `answers` get their JSON (or an HTTP status), every method in
 * `hang` is accepted and never answered, anything else gets Telegram's 404.
 */
async function fakeBotApi(answers: Record<string, unknown>, hang: string[] = []): Promise<{ root: string; calls: string[] }> {
  const calls: string[] = [];
  const held = new Set<ServerResponse>();
  const server = createHttpServer((req, res) => {
    const method = (req.url ?? "").split("/").pop() ?? "";
    calls.push(method);
    req.resume();
    if (hang.includes(method)) {
      held.add(res);
      return;
    }
    const answer = answers[method];
    if (typeof answer === "number") {
      res.writeHead(answer).end();
      return;
    }
    res.writeHead(answer ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(answer ? { ok: true, result: answer } : { ok: false, error_code: 404, description: "Not Found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    for (const r of held) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

/** A Slack Web API stand-in: each method in `answers` gets its body, those in `hang` never an answer. */
async function fakeSlackApi(answers: Record<string, Record<string, unknown>>, hang: string[] = []): Promise<string> {
  const server = createHttpServer((req, res) => {
    req.resume();
    const method = (req.url ?? "").split("/").pop() ?? "";
    if (hang.includes(method)) return;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answers[method] ?? { ok: false, error: "unknown_method" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

const AUTH_OK = { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" };

const BOT = { id: 42, is_bot: true, first_name: "Lumbar", username: "lumbar_test_bot" };
const SLACK = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret", SLACK_PORT: "0", SLACK_HOST: "127.0.0.1", SLACK_ESCALATION_CHANNEL: "C0OPS" };
const TELEGRAM = { TELEGRAM_BOT_TOKEN: "123456:AAtest", TELEGRAM_ESCALATION_CHAT_ID: "-1001" };

async function start(env: Record<string, string>): Promise<CliResult> {
  // The kill after 60 s only catches a hang (the old behaviour waited 5 minutes or more); a start-up
  // failure takes about a second plus the CLI's own start, which is slow when several run at once.
  return sandbox.run(["start"], { env: { LUMBAR_STARTUP_TIMEOUT_SECONDS: "1", ...env }, timeoutMs: 60_000 });
}

/** Exactly one line on stderr (returned), a non-zero exit, no stack trace, nothing on stdout. */
function oneLineFailure(result: CliResult): string {
  expect(result.signal, `the CLI hung and was killed; stderr:\n${result.stderr}`).toBeNull();
  expect(result.code).not.toBe(0);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  const lines = result.stderr.split("\n").filter((l) => l.trim() !== "");
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stdout).toBe("");
  return lines[0]!;
}

describe.concurrent("lumbar start when a platform cannot be reached", { timeout: 90_000 }, () => {
  it("Slack API refusing connections: one line naming the host and SLACK_API_URL", async () => {
    const port = await refusedPort();
    const line = oneLineFailure(await start({ ...SLACK, SLACK_API_URL: `http://127.0.0.1:${port}/api/` }));
    expect(line).toBe(`lumbar: Slack: cannot reach 127.0.0.1:${port} (SLACK_API_URL / network): ECONNREFUSED`);
  });

  it("Slack API never answering auth.test: one line after the start-up timeout", async () => {
    const port = await silentPort();
    const line = oneLineFailure(await start({ ...SLACK, SLACK_API_URL: `http://127.0.0.1:${port}/api/` }));
    expect(line).toBe(`lumbar: Slack: 127.0.0.1:${port} did not answer within 1 s (SLACK_API_URL / network)`);
  });

  it("Slack rejecting the token: one line naming SLACK_BOT_TOKEN", async () => {
    const url = await fakeSlackApi({ "auth.test": { ok: false, error: "invalid_auth" } });
    const line = oneLineFailure(await start({ ...SLACK, SLACK_API_URL: url }));
    expect(line).toMatch(/^lumbar: SLACK_BOT_TOKEN: invalid: Slack rejected the token \(invalid_auth\)/);
  });

  it("Socket Mode: apps.connections.open never answered: one line, not a hundred retries", async () => {
    const url = await fakeSlackApi({ "auth.test": AUTH_OK }, ["apps.connections.open"]);
    const line = oneLineFailure(await start({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_ESCALATION_CHANNEL: "C0OPS", SLACK_API_URL: url }));
    expect(line).toBe(`lumbar: Slack: ${new URL(url).host} did not answer within 1 s (SLACK_API_URL / network)`);
  });

  it("Socket Mode: the app token rejected: one line naming SLACK_APP_TOKEN", async () => {
    const url = await fakeSlackApi({ "auth.test": AUTH_OK, "apps.connections.open": { ok: false, error: "invalid_auth" } });
    const line = oneLineFailure(await start({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_ESCALATION_CHANNEL: "C0OPS", SLACK_API_URL: url }));
    expect(line).toMatch(/^lumbar: SLACK_APP_TOKEN: invalid: Slack rejected the token \(invalid_auth\); copy an app-level token/);
  });

  it("Bot API refusing connections: one line naming the host and TELEGRAM_API_ROOT", async () => {
    const port = await refusedPort();
    const line = oneLineFailure(await start({ ...TELEGRAM, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` }));
    expect(line).toBe(`lumbar: Telegram: cannot reach 127.0.0.1:${port} (TELEGRAM_API_ROOT / network): ECONNREFUSED`);
  });

  it("Bot API never answering getMe: one line after the start-up timeout", async () => {
    const port = await silentPort();
    const line = oneLineFailure(await start({ ...TELEGRAM, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` }));
    expect(line).toBe(`lumbar: Telegram: 127.0.0.1:${port} did not answer within 1 s (TELEGRAM_API_ROOT / network)`);
  });

  it("Bot API answering getMe with a 502: one line, no retry loop", async () => {
    const api = await fakeBotApi({ getMe: 502 });
    const line = oneLineFailure(await start({ ...TELEGRAM, TELEGRAM_API_ROOT: api.root }));
    expect(line).toBe(`lumbar: Telegram: ${new URL(api.root).host} answered with a server error (TELEGRAM_API_ROOT / network): HTTP 502`);
    expect(api.calls).toEqual(["getMe"]);
  });

  it("polling: getMe answered, deleteWebhook never answered: one line", async () => {
    const api = await fakeBotApi({ getMe: BOT, setMyCommands: true }, ["deleteWebhook"]);
    const line = oneLineFailure(await start({ ...TELEGRAM, TELEGRAM_API_ROOT: api.root }));
    expect(line).toBe(`lumbar: Telegram: ${new URL(api.root).host} did not answer within 1 s (TELEGRAM_API_ROOT / network)`);
    expect(api.calls).toContain("deleteWebhook");
  });

  it("polling: the first getUpdates never answered: one line, not a silent hang", async () => {
    const api = await fakeBotApi({ getMe: BOT, setMyCommands: true, deleteWebhook: true }, ["getUpdates"]);
    const line = oneLineFailure(await start({ ...TELEGRAM, TELEGRAM_API_ROOT: api.root }));
    expect(line).toBe(`lumbar: Telegram: ${new URL(api.root).host} did not answer within 1 s (TELEGRAM_API_ROOT / network)`);
  });

  it("webhook: setWebhook never answered: one line", async () => {
    const api = await fakeBotApi({ getMe: BOT, setMyCommands: true }, ["setWebhook"]);
    const env = { ...TELEGRAM, TELEGRAM_API_ROOT: api.root, TELEGRAM_WEBHOOK_URL: "https://bot.example.com/tg", TELEGRAM_WEBHOOK_SECRET: "s3cret", TELEGRAM_PORT: "0", TELEGRAM_HOST: "127.0.0.1" };
    const line = oneLineFailure(await start(env));
    expect(line).toBe(`lumbar: Telegram: ${new URL(api.root).host} did not answer within 1 s (TELEGRAM_API_ROOT / network)`);
    expect(api.calls).toContain("setWebhook");
  });
});

describe("lumbar start with a data folder it cannot write", { timeout: 90_000 }, () => {
  it("names the path and LUMBAR_DATA_DIR in one line when part of the path is a file", async () => {
    const file = path.join(sandbox.root, "not-a-folder");
    await writeFile(file, "");
    const dataDir = path.join(file, "data");
    const line = oneLineFailure(await start({ LUMBAR_DATA_DIR: dataDir }));
    expect(line).toBe(`lumbar: LUMBAR_DATA_DIR: cannot write to the data folder '${dataDir}' (ENOTDIR: a part of the path is a file); make it writable for this user, or point LUMBAR_DATA_DIR at another folder`);
  });

  it("names --data when the folder came from the flag", async () => {
    const file = path.join(sandbox.root, "also-a-file");
    await writeFile(file, "");
    const result = await sandbox.run(["start", "--data", path.join(file, "d")], { timeoutMs: 60_000 });
    expect(oneLineFailure(result)).toMatch(/^lumbar: --data: cannot write to the data folder '.*also-a-file\/d' \(ENOTDIR/);
  });

  // Root ignores permission bits, so this runs only as an ordinary user.
  it.skipIf(process.getuid?.() === 0)("names the path and the permission problem when the folder is read-only", async () => {
    const dataDir = path.join(sandbox.root, "read-only");
    await mkdir(dataDir);
    await chmod(dataDir, 0o500);
    try {
      const line = oneLineFailure(await start({ LUMBAR_DATA_DIR: dataDir }));
      expect(line).toBe(`lumbar: LUMBAR_DATA_DIR: cannot write to the data folder '${dataDir}' (EACCES: permission denied); make it writable for this user, or point LUMBAR_DATA_DIR at another folder`);
    } finally {
      await chmod(dataDir, 0o700);
    }
  });
});
