import { openConsole } from "../../src/console/open-console.ts";
import type { RunningConsole } from "../../src/console/start-console.ts";
import type { LumbarConfig } from "../../src/config/config.ts";
import { writeLatestEval } from "../../src/eval/latest-results.ts";
import { createLogger } from "../../src/log/logger.ts";
import { AuditLog, auditLogPath } from "../../src/safety/audit-log.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

export const CONSOLE_TOKEN = "console-test-token-0123456789";
export const RED_FLAG = "I've just wet myself and can't feel my bum";

/** A real core with one escalation recorded through it, and the console over its data folder. */
export interface ConsoleFixture {
  t: TestLumbar;
  console: RunningConsole;
  base: string;
  escalationId: string;
  ruleIds: string[];
  logs: string[];
  close(): Promise<void>;
}

/**
 * Starts the real core (over a copy of the corpus), registers a stand-in "slack" operator channel
 * (the outside world: it accepts every alert), sends a red-flag message through the core so the
 * audit log holds a real escalation, writes evaluation results, and starts the console.
 */
export async function startConsoleFixture(overrides: Partial<LumbarConfig> = {}): Promise<ConsoleFixture> {
  const t = await makeTestLumbar({ consoleToken: CONSOLE_TOKEN, ...overrides });
  t.lumbar.onEscalation(async () => {}, "slack");
  const reply = await t.lumbar.handle({ channel: "slack", conversationId: "D0CONSOLE", userId: "UPATIENT", text: RED_FLAG });
  if (reply.escalation.level === "none") throw new Error("the red-flag message did not escalate");
  const audit = new AuditLog(auditLogPath(t.dataDir));
  // The alert's delivery is recorded in the background: wait for it, so the queue shows it.
  let log = await audit.read();
  for (let i = 0; i < 100 && log.deliveries.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    log = await audit.read();
  }
  const escalationId = log.records.at(-1)!.id!;
  await writeLatestEval(t.dataDir, {
    finishedAt: "2026-11-27T12:00:00.000Z",
    indexVersion: (await t.lumbar.status()).version,
    report: {
      questions: {
        dev: { inScope: 60, outOfScope: 25, hitAt1: 0.88, hitAt3: 0.97, outOfScopeAccuracy: 0.92, inScopeRefused: 0, misses: 7, p50Ms: 4, p95Ms: 9 },
        holdout: { inScope: 40, outOfScope: 10, hitAt1: 0.85, hitAt3: 0.95, outOfScopeAccuracy: 0.9, inScopeRefused: 0.02, misses: 6, p50Ms: 4, p95Ms: 8 },
      },
      followUps: { followups: { conversations: 25, turns: 50, hitAt1: 0.8, hitAt3: 0.9, refused: 0.02, outOfScopeTurns: 0, outOfScopeRefused: 0, misses: 10 } },
      redFlags: {
        "red-flags": {
          confusion: { emergency: { emergency: 50, urgent: 2, check: 3, none: 1 }, urgent: { emergency: 1, urgent: 30, check: 0, none: 2 }, none: { emergency: 1, urgent: 1, check: 2, none: 60 } },
          emergencyRecall: 0.89, emergencyEscalatedOrChecked: 0.95, checkOnNoneRate: 0.03, urgentRecall: 0.94, falseEscalationRate: 0.03, semanticAdded: 0, errors: 12,
        },
      },
      semanticThreshold: 0.8,
    },
  });
  const logs: string[] = [];
  const running = await openConsole(t.lumbar, { audit, indexPointer: null }, t.config, createLogger("debug", (line) => logs.push(line)), { port: 0, host: "127.0.0.1" });
  return {
    t,
    console: running,
    base: running.url,
    escalationId,
    ruleIds: reply.escalation.reasons,
    logs,
    async close() {
      await running.close();
      await audit.close();
      await t.cleanup();
    },
  };
}
