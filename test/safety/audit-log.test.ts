import { spawn } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuditLog, readAuditLog } from "../../src/safety/audit-log.ts";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-audit-"));
  dirs.push(dir);
  return path.join(dir, "escalations.jsonl");
}

const record = (i: number) => ({
  tier: "urgent" as const,
  ruleIds: ["leg-numbness"],
  channel: "test",
  conversationId: `c${i}`,
  userId: "u",
  time: new Date().toISOString(),
  alerted: true,
  indexVersion: "v",
});

describe("escalation audit log", () => {
  it("survives a writer killed mid-append: earlier records intact, the log readable whole", async () => {
    const file = await tempFile();
    const writer = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fixtures/audit-writer.ts"), file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let completed = -1;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("writer never reported 30 appends")), 15_000);
      writer.stdout.on("data", (chunk: Buffer) => {
        const last = chunk.toString().trim().split("\n").pop();
        completed = Number(last);
        if (completed >= 30) {
          clearTimeout(timer);
          // SIGKILL gives the writer no chance to finish what it is doing.
          writer.kill("SIGKILL");
          resolve();
        }
      });
    });
    await new Promise((r) => writer.once("exit", r));

    const { records, skipped } = await readAuditLog(file);
    // Every append the writer reported as done is on disk, in order, and parses.
    expect(records.length).toBeGreaterThanOrEqual(completed + 1);
    records.forEach((r, i) => expect(r.conversationId).toBe(`c${i}`));
    expect(skipped).toBeLessThanOrEqual(1);

    // Force a torn tail too, in case the kill landed between appends, then append again. If the
    // kill already tore the last line, the fragment joins it: still one broken line, not two.
    const endedWhole = (await readFile(file, "utf8")).endsWith("\n");
    await appendFile(file, '{"tier":"emergency","ruleIds":["torn');
    const log = new AuditLog(file);
    await log.append(record(999));
    await log.close();
    const after = await readAuditLog(file);
    expect(after.records.slice(0, records.length)).toEqual(records);
    expect(after.records[after.records.length - 1].conversationId).toBe("c999");
    expect(after.skipped).toBe(endedWhole ? skipped + 1 : skipped);
  }, 30_000);

  it("serialises concurrent appends into whole lines", async () => {
    const file = await tempFile();
    const log = new AuditLog(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(record(i))));
    await log.close();
    const text = await readFile(file, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const { records, skipped } = await readAuditLog(file);
    expect(skipped).toBe(0);
    expect(records.map((r) => r.conversationId).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `c${i}`).sort());
  });

  it("an unwritable log fails loudly with AUDIT_FAILED rather than losing the record silently", async () => {
    const notADir = await tempFile();
    await appendFile(notADir, "a plain file where a folder should be");
    const log = new AuditLog(path.join(notADir, "sub", "escalations.jsonl"));
    await expect(log.append(record(1))).rejects.toMatchObject({ code: "AUDIT_FAILED" });
  });
});
