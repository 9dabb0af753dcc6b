import { createHash, createHmac } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { redact } from "../../src/log/logger.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { loadPseudonymKey, PSEUDONYM_KEY_FILE, pseudonym, usePseudonymKey } from "../../src/log/pseudonym.ts";
import { makeCliSandbox, type CliSandbox } from "./cli-harness.ts";

// Pseudonyms in logs are an HMAC-SHA256 keyed by a secret: LUMBAR_PSEUDONYM_KEY, or a random key
// generated into the data folder (mode 0600) on first start and reused after.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-key-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hmac = (key: string, id: string) => createHmac("sha256", key).update(id).digest("hex").slice(0, 10);

describe("pseudonym", () => {
  it("is an HMAC of the id under the installed key, not a plain hash anyone can recompute", () => {
    usePseudonymKey("a-key-of-at-least-16-chars");
    expect(pseudonym(123456789)).toBe(hmac("a-key-of-at-least-16-chars", "123456789"));
    expect(pseudonym("123456789")).toBe(pseudonym(123456789));
    expect(pseudonym(123456789)).not.toBe(createHash("sha256").update("123456789").digest("hex").slice(0, 10));
    usePseudonymKey("another-key-of-16-chars!");
    expect(pseudonym(123456789)).not.toBe(hmac("a-key-of-at-least-16-chars", "123456789"));
  });

  it("is never logged: the logger redacts a key field", () => {
    expect(redact({ pseudonymKey: "k", key: "k", source: "file" })).toEqual({ pseudonymKey: "[redacted]", key: "[redacted]", source: "file" });
  });

  it("refuses a short key", () => {
    expect(() => usePseudonymKey("short")).toThrow(RangeError);
    expect(() => loadConfig({ LUMBAR_PSEUDONYM_KEY: "short" })).toThrow(ConfigError);
    expect(() => loadConfig({ LUMBAR_PSEUDONYM_KEY: "short" })).toThrow(/^LUMBAR_PSEUDONYM_KEY: too short \(5 characters\)/);
    expect(loadConfig({ LUMBAR_PSEUDONYM_KEY: "0123456789abcdef" }).pseudonymKey).toBe("0123456789abcdef");
    expect(loadConfig({}).pseudonymKey).toBeNull();
  });
});

describe("loadPseudonymKey", () => {
  it("generates a key file readable only by its owner on first use, and reuses it", async () => {
    const data = path.join(dir, "fresh", "data");
    const first = await loadPseudonymKey(data, null);
    expect(first.source).toBe("generated");
    const file = path.join(data, PSEUDONYM_KEY_FILE);
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe("600");
    expect((await readFile(file, "utf8")).trim()).toBe(first.key);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    const again = await loadPseudonymKey(data, null);
    expect(again).toMatchObject({ source: "file", key: first.key });
  });

  it("uses LUMBAR_PSEUDONYM_KEY when set and writes nothing", async () => {
    const data = path.join(dir, "from-env");
    expect(await loadPseudonymKey(data, "0123456789abcdef-secret")).toEqual({ key: "0123456789abcdef-secret", source: "LUMBAR_PSEUDONYM_KEY" });
    await expect(stat(data)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("tightens a key file others could read, and names a damaged one", async () => {
    const data = path.join(dir, "loose");
    await loadPseudonymKey(data, null);
    const file = path.join(data, PSEUDONYM_KEY_FILE);
    await chmod(file, 0o644);
    await loadPseudonymKey(data, null);
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe("600");
    await writeFile(file, "\n");
    await expect(loadPseudonymKey(data, null)).rejects.toThrow(`LUMBAR_DATA_DIR: the pseudonym key file '${file}' is empty or damaged`);
  });

  it("two processes starting together end up with one key", async () => {
    const data = path.join(dir, "race");
    const [a, b] = await Promise.all([loadPseudonymKey(data, null), loadPseudonymKey(data, null)]);
    expect(a.key).toBe(b.key);
  });

  it("many starting together never read a key file half written, and leave no temporary files", async () => {
    // A key file created but not yet filled read as "empty or damaged" to a process starting a moment
    // later (seen in CI as a failed start); the key is now written whole before it takes the name.
    for (let round = 0; round < 10; round++) {
      const data = path.join(dir, `crowd-${round}`);
      const keys = await Promise.all(Array.from({ length: 20 }, () => loadPseudonymKey(data, null)));
      expect(new Set(keys.map((k) => k.key)).size).toBe(1);
      expect(await readdir(data)).toEqual([PSEUDONYM_KEY_FILE]);
    }
  });
});

describe("the serving process's logs", () => {
  let sandbox: CliSandbox;
  beforeAll(async () => {
    sandbox = await makeCliSandbox();
  });
  afterAll(async () => {
    await sandbox?.cleanup();
  });

  /** The user pseudonym the core logged for the terminal chat's one message. */
  async function loggedUser(env: Record<string, string> = {}): Promise<string> {
    const result = await sandbox.run(["start"], { stdin: "what is sciatica\n/quit\n", env: { LUMBAR_LOG_LEVEL: "info", ...env } });
    expect(result.code, result.stderr).toBe(0);
    const handled = result.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)).find((r) => r.event === "message.handled");
    expect(handled, result.stderr).toBeDefined();
    return String(handled.user);
  }

  it("keys pseudonyms with the generated file, stable across restarts, or with LUMBAR_PSEUDONYM_KEY", async () => {
    const first = await loggedUser();
    const key = (await readFile(path.join(sandbox.dataDir, PSEUDONYM_KEY_FILE), "utf8")).trim();
    expect(first).toBe(hmac(key, "terminal-user"));
    expect(await loggedUser()).toBe(first);
    const secret = "operator-chosen-secret-0123456789";
    expect(await loggedUser({ LUMBAR_PSEUDONYM_KEY: secret })).toBe(hmac(secret, "terminal-user"));
  });
});
