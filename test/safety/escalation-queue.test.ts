// The operators' queue folded from the real file audit log: states only move forward, the first
// of two racing acknowledgements counts, and the log is only ever appended to.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditLog } from "../../src/safety/audit-log.ts";
import { foldQueue } from "../../src/safety/escalation-queue.ts";
import { createStateChanger } from "../../src/safety/escalation-state.ts";

let dir: string;
let audit: AuditLog;
const ID = "0b9f2a56-0a8e-4f55-9d0c-5d1a3c1e7a10";

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-queue-"));
  audit = new AuditLog(path.join(dir, "escalations.jsonl"));
  await audit.append({ id: ID, tier: "emergency", ruleIds: ["cauda-equina"], channel: "slack", conversationId: "D1", userId: "U1", time: "2026-11-27T10:00:00.000Z", alerted: true, indexVersion: "v1" });
});
afterEach(async () => {
  await audit.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the escalation queue", () => {
  it("moves new → acknowledged → resolved, appending who, when and from where, and refuses going back", async () => {
    let t = Date.parse("2026-11-27T10:05:00.000Z");
    const change = createStateChanger(audit, () => new Date((t += 1000)));
    const by = { by: "Nurse Ada", via: "console", from: "console:127.0.0.1" };
    expect(foldQueue(await audit.read())[0]!.state).toBe("new");
    expect((await change({ escalationId: ID, state: "acknowledged", ...by })).kind).toBe("changed");
    expect(await change({ escalationId: ID, state: "acknowledged", by: "slack:U9", via: "slack", from: "slack:C1" })).toEqual({ kind: "unchanged", state: "acknowledged", by: "Nurse Ada", time: "2026-11-27T10:05:01.000Z" });
    expect((await change({ escalationId: ID, state: "resolved", ...by })).kind).toBe("changed");
    expect((await change({ escalationId: ID, state: "acknowledged", ...by })).kind).toBe("unchanged");
    expect(await change({ escalationId: "no-such-id", state: "acknowledged", ...by })).toEqual({ kind: "unknown" });
    const [entry] = foldQueue(await audit.read());
    expect(entry!.state).toBe("resolved");
    expect(entry!.changes.map((c) => [c.state, c.by, c.via, c.from])).toEqual([
      ["acknowledged", "Nurse Ada", "console", "console:127.0.0.1"],
      ["resolved", "Nurse Ada", "console", "console:127.0.0.1"],
    ]);
    // Appended, never rewritten: the escalation's own line is still the first, unchanged.
    const lines = (await readFile(audit.file, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).not.toHaveProperty("state");
  });

  it("serialises a double click: two acknowledgements at once append one record", async () => {
    const change = createStateChanger(audit);
    const both = await Promise.all([1, 2].map((n) => change({ escalationId: ID, state: "acknowledged", by: `op${n}`, via: "console", from: "console:x" })));
    expect(both.map((o) => o.kind).sort()).toEqual(["changed", "unchanged"]);
    expect((await audit.read()).states).toHaveLength(1);
  });

  it("keeps the first of two records that raced in from different instances", async () => {
    const at = "2026-11-27T10:06:00.000Z";
    await audit.append({ kind: "escalation-state", escalationId: ID, state: "acknowledged", by: "a", via: "slack", from: "slack:C1", time: at });
    await audit.append({ kind: "escalation-state", escalationId: ID, state: "acknowledged", by: "b", via: "telegram", from: "telegram:-1", time: at });
    const [entry] = foldQueue(await audit.read());
    expect(entry!.changes.map((c) => c.by)).toEqual(["a"]);
  });
});
