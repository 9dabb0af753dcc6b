import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RED_FLAGS_FILE } from "../../src/corpus/load-corpus.ts";
import { loadRules } from "../../src/safety/rules.ts";
import { makeCliSandbox, parseSingleJson, REPLY_KEYS, type CliSandbox, type ReplyJson } from "./cli-harness.ts";

// A red-flag message through `lumbar ask --audit`, then the audit log through `lumbar escalations`:
// real child processes over a temporary corpus copy and data folder. Without --audit, ask records nothing.

interface AuditJson {
  file: string;
  records: Array<Record<string, unknown>>;
  skipped: number;
}

let sandbox: CliSandbox;

beforeAll(async () => {
  sandbox = await makeCliSandbox();
});

afterAll(async () => {
  await sandbox?.cleanup();
});

async function askJson(question: string, env?: Record<string, string>, audit = true): Promise<ReplyJson> {
  const result = await sandbox.run(["ask", "--json", ...(audit ? ["--audit"] : []), question], { env });
  expect(result.code, result.stderr).toBe(0);
  const reply = parseSingleJson(result);
  expect(Object.keys(reply).sort()).toEqual(REPLY_KEYS);
  return reply as unknown as ReplyJson;
}

async function auditLog(): Promise<AuditJson> {
  const result = await sandbox.run(["escalations", "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return parseSingleJson(result) as unknown as AuditJson;
}

describe("lumbar ask with a red flag, then lumbar escalations", () => {
  it("writes nothing to the audit log without --audit, though the reply still escalates", async () => {
    const reply = await askJson("I wet myself this morning and my back is agony", undefined, false);
    expect(reply.escalation.level).toBe("emergency");
    expect(reply.text).toMatch(/999|911/);
    const jsonl = await sandbox.run(["ask", "--jsonl"], { stdin: JSON.stringify({ id: 1, text: "both my legs gave way and I can't feel my bum" }) + "\n" });
    expect(jsonl.code, jsonl.stderr).toBe(0);
    expect(JSON.parse(jsonl.stdout.trim()).escalation.level).toBe("emergency");
    await expect(readdir(sandbox.dataDir)).resolves.not.toContain("escalations.jsonl");
    expect((await auditLog()).records).toEqual([]);
  });

  it("puts the emergency guidance first and records the escalation, without the text unless text logging is on", async () => {
    const guidance = (await loadRules(path.join(sandbox.corpusDir, RED_FLAGS_FILE))).guidance.emergency;
    expect(guidance).toMatch(/999|911/);
    const message = "I wet myself this morning and my back is agony";

    const reply = await askJson(message);
    expect(reply.escalation.level).toBe("emergency");
    expect(reply.escalation.reasons).toContain("bladder-control-loss");
    expect(reply.text.startsWith(guidance)).toBe(true);
    expect(reply.suggestions).toEqual([]);

    const first = await auditLog();
    expect(first.file).toBe(path.join(sandbox.dataDir, "escalations.jsonl"));
    expect(first.skipped).toBe(0);
    expect(first.records).toHaveLength(1);
    // Recorded as channel "cli"; the CLI has no operator channel, so the record says no alert went out.
    expect(first.records[0]).toMatchObject({ tier: "emergency", channel: "cli", userId: "cli", alerted: false });
    expect(first.records[0].ruleIds).toContain("bladder-control-loss");
    expect(Date.parse(String(first.records[0].time))).not.toBeNaN();
    // Text logging is off by default: health data stays out of the log.
    expect(first.records[0]).not.toHaveProperty("text");
    expect(JSON.stringify(first)).not.toContain("wet myself");

    const again = await askJson(message, { LUMBAR_LOG_MESSAGE_TEXT: "true" });
    expect(again.escalation.level).toBe("emergency");
    const second = await auditLog();
    expect(second.records).toHaveLength(2);
    expect(second.records[0]).toEqual(first.records[0]);
    expect(second.records[1]).toMatchObject({ tier: "emergency", text: message });
    expect(second.records[1].ruleIds).toContain("bladder-control-loss");
  });
});
