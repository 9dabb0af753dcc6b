// The shared store against a real PostgreSQL (127.0.0.1:5432, database `test`, trust auth on the
// project's machines). Each run works in a schema of its own and drops it. Nothing of Lumbar is
// faked; only Telegram's servers are (telegram-test-api). Without PostgreSQL the file skips with
// one line saying so.
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { access, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryDedupe } from "../../adapters/shared/delivery-dedupe.ts";
import { FloodLimit } from "../../adapters/shared/flood-limit.ts";
import { PgFloodCounts } from "../../src/store/pg-flood-counts.ts";
import { startTelegram, telegramConfigFromEnv, type TelegramHandle } from "../../adapters/telegram/index.ts";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { LiveIndex } from "../../src/index/live-index.ts";
import { takePgLease } from "../../src/store/pg-lease.ts";
import { foldQueue } from "../../src/safety/escalation-queue.ts";
import { auditLogPath, createLumbar } from "../../src/core/create-lumbar.ts";
import type { EscalationEvent, Lumbar } from "../../src/core/types.ts";
import type { Turn } from "../../src/memory/conversation-memory.ts";
import { startHealthServer } from "../../src/health/health-server.ts";
import { createStores } from "../../src/store/create-stores.ts";
import type { Stores } from "../../src/store/types.ts";
import { PgAlertWindows } from "../../src/store/pg-alert-windows.ts";
import { PgConversationStore } from "../../src/store/pg-conversation-store.ts";
import { PgDeliveryClaims } from "../../src/store/pg-delivery-claims.ts";
import { MIGRATIONS, runMigrations, type Migration } from "../../src/store/pg-migrations.ts";
import { createPgPool, type Pool } from "../../src/store/pg-pool.ts";
import { makeCliSandbox, type CliSandbox } from "../cli/cli-harness.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { waitFor as slackWaitFor } from "../slack/helpers/fake-slack-api.ts";
import { startHarness } from "../slack/helpers/harness.ts";
import { newEventId } from "../slack/helpers/slack-requests.ts";
import { captureLogger } from "../telegram/support/capture-logger.ts";
import { pause, startEmulator, userMessage, waitFor, type Emulator } from "../telegram/support/emulator.ts";
import { createTestSchema, probePostgres, TEST_DATABASE_URL, type TestSchema } from "./pg-test-db.ts";

const probe = await probePostgres();
if (!probe.ok) console.warn(`PostgreSQL tests skipped: no PostgreSQL at ${new URL(TEST_DATABASE_URL).host} (${probe.reason})`);

/** A pool in the run's schema, closed with the others in afterAll. */
function poolsFor(schema: () => TestSchema) {
  const pools: Pool[] = [];
  return {
    open: () => {
      const pool = createPgPool({ connectionString: TEST_DATABASE_URL, schema: schema().name });
      pools.push(pool);
      return pool;
    },
    closeAll: () => Promise.all(pools.splice(0).map((p) => p.end())),
  };
}

/** Polls an async condition every 50 ms; fails naming `what` after `timeoutMs`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(50);
  }
}

function turn(query: string, at: number): Turn {
  return { query, sections: [`section of ${query}`], topic: { conditions: [query], treatments: [] }, at };
}

describe.skipIf(!probe.ok)("shared store on PostgreSQL", () => {
  let schema: TestSchema;
  const pools = poolsFor(() => schema);

  beforeAll(async () => {
    schema = await createTestSchema();
    await runMigrations(pools.open());
  });
  afterAll(async () => {
    await pools.closeAll();
    await schema?.drop();
  });

  describe("migrations", () => {
    it("four instances migrating at once all succeed, and each migration is applied exactly once", async () => {
      const own = await createTestSchema();
      const racing = Array.from({ length: 4 }, () => createPgPool({ connectionString: TEST_DATABASE_URL, schema: own.name }));
      try {
        await raceMigrations(own, racing);
      } finally {
        await Promise.all(racing.map((p) => p.end()));
        await own.drop();
      }
    });

    async function raceMigrations(schema: TestSchema, racing: Pool[]) {
      const results = await Promise.all(racing.map((p) => runMigrations(p)));
      const newest = Math.max(...MIGRATIONS.map((m) => m.version));
      expect(results.map((r) => r.version)).toEqual([newest, newest, newest, newest]);
      // One of them did the work; the others found it done.
      expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version).sort());
      const recorded = await schema.query(`SELECT version FROM ${schema.name}.schema_migrations ORDER BY version`);
      expect(recorded.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const tables = await schema.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema.name]);
      expect(tables.rows.map((r) => r.table_name)).toEqual(["alert_windows", "audit_log", "conversation_turns", "delivery_claims", "flood_counts", "index_serving", "schema_migrations"]);
      // A later start applies nothing.
      expect((await runMigrations(racing[0]!)).applied).toEqual([]);
    }

    it("rolls back a failing migration, names it, and keeps the versions before it", async () => {
      const own = await createTestSchema();
      const pool = createPgPool({ connectionString: TEST_DATABASE_URL, schema: own.name });
      try {
        const broken: Migration[] = [
          { version: 1, name: "first", sql: "CREATE TABLE first_table (id int)" },
          { version: 2, name: "second", sql: "CREATE TABLE second_table (id int); SELECT no_such_column FROM first_table" },
        ];
        await expect(runMigrations(pool, broken)).rejects.toMatchObject({ code: "MIGRATION_FAILED", message: expect.stringMatching(/migration 2 \(second\) failed and was rolled back.*no_such_column/) });
        const recorded = await own.query(`SELECT version FROM ${own.name}.schema_migrations`);
        expect(recorded.rows.map((r) => r.version)).toEqual([1]);
        const second = await own.query(`SELECT to_regclass('${own.name}.second_table') AS t`);
        expect(second.rows[0].t).toBeNull();
        // A database migrated by a newer Lumbar is refused, not misread.
        await own.query(`INSERT INTO ${own.name}.schema_migrations (version, name) VALUES (99, 'from the future')`);
        await expect(runMigrations(pool, broken.slice(0, 1))).rejects.toMatchObject({ code: "MIGRATION_FAILED", message: expect.stringMatching(/version 99, newer than this Lumbar knows \(1\)/) });
      } finally {
        await pool.end();
        await own.drop();
      }
    });
  });

  describe("conversations", () => {
    it("keeps the newest turns of each conversation, in order, visible from another instance, and forgets them after the TTL", async () => {
      let clock = 1_000_000;
      const now = () => clock;
      const a = new PgConversationStore(pools.open(), { maxTurns: 3, ttlMs: 60_000, now });
      const b = new PgConversationStore(pools.open(), { maxTurns: 3, ttlMs: 60_000, now });
      for (const q of ["one", "two", "three", "four"]) {
        await a.remember("conv-1", turn(q, clock));
        clock += 1_000;
      }
      await b.remember("conv-2", turn("other", clock));
      expect((await b.recent("conv-1")).map((t) => t.query)).toEqual(["two", "three", "four"]);
      expect(await b.recent("conv-1")).toEqual(await a.recent("conv-1"));
      expect((await a.recent("conv-1"))[2]).toEqual(turn("four", 1_003_000));
      expect((await a.recent("conv-2")).map((t) => t.query)).toEqual(["other"]);
      // The trim is stored, not only read: the table holds three turns of conv-1.
      const stored = await schema.query(`SELECT count(*)::int AS n FROM ${schema.name}.conversation_turns WHERE conversation_id = 'conv-1'`);
      expect(stored.rows[0].n).toBe(3);
      clock = 1_003_000 + 60_000;
      expect(await b.recent("conv-1")).toEqual([]);
      // A sweep (due after a minute) deletes every expired turn, not only this conversation's.
      clock = 1_004_000 + 60_000;
      await a.remember("conv-3", turn("later", clock));
      const left = await schema.query(`SELECT conversation_id FROM ${schema.name}.conversation_turns WHERE conversation_id IN ('conv-1', 'conv-2', 'conv-3')`);
      expect(left.rows.map((r) => r.conversation_id)).toEqual(["conv-3"]);
    });
  });

  describe("delivery claims", () => {
    it("lets exactly one of many racing claims of one id win, across instances, until it expires", async () => {
      let clock = 5_000_000;
      const now = () => clock;
      const a = new PgDeliveryClaims(pools.open(), 60_000, now);
      const b = new PgDeliveryClaims(pools.open(), 60_000, now);
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim("telegram:1:42", 10_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await a.claim("telegram:1:43", 10_000)).toBe(true);
      clock += 9_999;
      expect(await b.claim("telegram:1:42", 10_000)).toBe(false);
      clock += 1;
      expect(await b.claim("telegram:1:42", 10_000)).toBe(true);
      expect(await a.claim("telegram:1:42", 10_000)).toBe(false);
    });
  });

  describe("flood limits across instances", () => {
    it("counts one person's messages on two instances together: the limit, one warning, then drops, until the window passes", async () => {
      let clock = 9_000_000;
      const now = () => clock;
      const a = new FloodLimit({ limit: 3, windowMs: 60_000 }, new PgFloodCounts(pools.open(), 60_000, now), "slack");
      const b = new FloodLimit({ limit: 3, windowMs: 60_000 }, new PgFloodCounts(pools.open(), 60_000, now), "slack");
      // Six messages, alternating instances, two of them racing.
      const first = await Promise.all([a.check("U1"), b.check("U1")]);
      const rest = [await a.check("U1"), await b.check("U1"), await a.check("U1"), await b.check("U1")];
      const decisions = [...first, ...rest];
      expect(decisions.filter((d) => d === "allow")).toHaveLength(3);
      expect(decisions.slice(3)).toEqual(["warn", "drop", "drop"]);
      // Another person, and the same id on another channel, have counts of their own.
      expect(await a.check("U2")).toBe("allow");
      const telegram = new FloodLimit({ limit: 3, windowMs: 60_000 }, new PgFloodCounts(pools.open(), 60_000, now), "telegram:1");
      expect(await telegram.check("U1")).toBe("allow");
      clock += 60_000;
      expect(await b.check("U1")).toBe("allow");
    });
  });

  describe("channel dedupe across instances", () => {
    it("gives a message with several ids to exactly one of two racing instances, never to neither", async () => {
      const claims = new PgDeliveryClaims(pools.open());
      const other = new PgDeliveryClaims(pools.open());
      const { logger } = captureLogger();
      const a = new DeliveryDedupe("slack", 60_000, claims, logger);
      const b = new DeliveryDedupe("slack", 60_000, other, logger);
      for (let round = 0; round < 30; round++) {
        const keys = [`msg:D1:${round}.000`, `event:Ev${round}`, `client:cm-${round}`];
        const wins = await Promise.all([a.claim(keys), b.claim([...keys])]);
        expect(wins.filter(Boolean), `round ${round}`).toHaveLength(1);
      }
    });
  });

  describe("alert windows", () => {
    it("lets one instance send per conversation and tier; the window starts on delivery; a failed delivery releases it", async () => {
      let clock = 9_000_000;
      const now = () => clock;
      const a = new PgAlertWindows(pools.open(), 30_000, now);
      const b = new PgAlertWindows(pools.open(), 30_000, now);
      const racing = await Promise.all([a.begin("slack:C1", "emergency"), b.begin("slack:C1", "emergency"), a.begin("slack:C1", "emergency"), b.begin("slack:C1", "emergency")]);
      expect(racing.filter(Boolean)).toHaveLength(1);
      // Another tier, or another conversation, has its own window.
      expect(await b.begin("slack:C1", "urgent")).toBe(true);
      expect(await b.begin("slack:C2", "emergency")).toBe(true);

      const sender = racing[0] || racing[2] ? a : b;
      const other = sender === a ? b : a;
      // The other instance cannot end a claim it does not hold.
      await other.finish("slack:C1", "emergency", false);
      expect(await other.begin("slack:C1", "emergency")).toBe(false);
      clock += 5_000;
      await sender.finish("slack:C1", "emergency", true);
      clock += 29_999;
      expect(await other.begin("slack:C1", "emergency")).toBe(false);
      clock += 1;
      expect(await other.begin("slack:C1", "emergency")).toBe(true);

      // A failed delivery must never silence the next alert.
      await b.finish("slack:C2", "emergency", false);
      expect(await a.begin("slack:C2", "emergency")).toBe(true);
    });

    it("frees a claim whose instance died while sending once its lease runs out", async () => {
      let clock = 20_000_000;
      const now = () => clock;
      const dead = new PgAlertWindows(pools.open(), 30_000, now, 60_000);
      const live = new PgAlertWindows(pools.open(), 30_000, now, 60_000);
      expect(await dead.begin("telegram:7", "urgent")).toBe(true);
      clock += 59_999;
      expect(await live.begin("telegram:7", "urgent")).toBe(false);
      clock += 1;
      expect(await live.begin("telegram:7", "urgent")).toBe(true);
    });
  });

  describe("two Lumbar instances on one database", () => {
    let first: TestLumbar;
    let second: Lumbar;
    let secondStores: Stores;
    const alerts: Array<{ instance: string; event: EscalationEvent }> = [];
    const { logger, lines } = captureLogger();

    beforeAll(async () => {
      const config = { databaseUrl: schema.url };
      first = await makeTestLumbar(config, { stores: await createStores({ ...loadConfig({}), ...config }, { logger }) });
      // The second core serves the same index folder, as a second instance of one deployment would.
      secondStores = await createStores(first.config, { logger });
      second = createLumbar({ config: first.config, logger, stores: secondStores });
      first.lumbar.onEscalation(async (event) => void alerts.push({ instance: "first", event }));
      second.onEscalation(async (event) => void alerts.push({ instance: "second", event }));
    });
    afterAll(async () => {
      await second?.close();
      await first?.cleanup();
    });

    it("continues on one a conversation started on the other", async () => {
      await first.lumbar.handle({ channel: "slack", conversationId: "D1", userId: "U1", text: "what is spinal stenosis?" });
      const followUp = await second.handle({ channel: "slack", conversationId: "D1", userId: "U1", text: "how is it treated?" });
      expect(followUp.text.toLowerCase()).toContain("stenosis");
      const elsewhere = await second.handle({ channel: "slack", conversationId: "D2", userId: "U1", text: "how is it treated?" });
      expect(elsewhere.text.toLowerCase()).not.toContain("stenosis");
    });

    it("alerts operators once per conversation and tier per window, whichever instance gets the message", async () => {
      const emergency = "I've lost control of my bladder and my back is killing me";
      const r1 = await first.lumbar.handle({ channel: "slack", conversationId: "E1", userId: "U2", text: emergency });
      const r2 = await second.handle({ channel: "slack", conversationId: "E1", userId: "U2", text: emergency });
      const r3 = await first.lumbar.handle({ channel: "slack", conversationId: "E1", userId: "U2", text: emergency });
      // The person gets the guidance every time.
      for (const r of [r1, r2, r3]) expect(r.escalation.level).toBe("emergency");
      // Another conversation alerts on its own, on whichever instance.
      await second.handle({ channel: "slack", conversationId: "E2", userId: "U3", text: emergency });
      await pause(200);
      const byConversation = alerts.filter((a) => a.event.tier === "emergency").map((a) => `${a.instance}:${a.event.conversationId}`);
      expect(byConversation).toEqual(["first:E1", "second:E2"]);
      const windows = await schema.query(`SELECT conversation_key, state FROM ${schema.name}.alert_windows WHERE tier = 'emergency' AND conversation_key LIKE 'slack:E%' ORDER BY conversation_key`);
      expect(windows.rows).toEqual([
        { conversation_key: "slack:E1", state: "delivered" },
        { conversation_key: "slack:E2", state: "delivered" },
      ]);
      expect(lines.some((l) => l.includes("escalation.window_unavailable"))).toBe(false);
    });

    it("keeps one audit log for both: `lumbar escalations` lists either instance's records and alert outcomes", async () => {
      // The escalations and alert outcomes of the test above, written by two instances.
      await until(async () => (await secondStores.audit.read()).deliveries.length >= 2, "both delivery records");
      const { records, deliveries } = await secondStores.audit.read();
      const emergencies = records.filter((r) => r.tier === "emergency").map((r) => `${r.conversationId}:${r.alerted}`);
      expect(emergencies).toEqual(["E1:true", "E1:false", "E1:false", "E2:true"]);
      const alerted = records.filter((r) => r.alerted);
      expect(deliveries.map((d) => [d.escalationId, d.outcome]).sort()).toEqual(alerted.map((r) => [r.id, "delivered"]).sort());
      // Nothing went to either instance's file log.
      await expect(access(auditLogPath(first.config.dataDir))).rejects.toThrow(/ENOENT/);
      // Append-only: the database itself refuses to rewrite a record.
      await expect(schema.query(`UPDATE ${schema.name}.audit_log SET line = '{}'::jsonb`)).rejects.toThrow(/append-only/);
      await expect(schema.query(`DELETE FROM ${schema.name}.audit_log`)).rejects.toThrow(/append-only/);

      const cli = await makeCliSandbox();
      try {
        const r = await cli.run(["escalations", "--json"], { env: { LUMBAR_DATABASE_URL: schema.url }, timeoutMs: 30_000 });
        expect(r.code, r.stderr).toBe(0);
        const listed = JSON.parse(r.stdout) as { file: string; records: Array<{ conversationId: string; tier: string; alert: string }> };
        expect(listed.file).toMatch(/audit_log/);
        const rows = listed.records.filter((x) => x.tier === "emergency").map((x) => `${x.conversationId}: ${x.alert.replace(/ \d{4}-.*$/, "")}`);
        expect(rows).toEqual([
          "E1: operator-1: alert delivered",
          "E1: no alert (throttled, or no operator channel)",
          "E1: no alert (throttled, or no operator channel)",
          "E2: operator-1: alert delivered",
        ]);
        // Without the database the same command reads the (empty) file under its own data folder.
        const alone = await cli.run(["escalations"], { timeoutMs: 30_000 });
        expect(alone.stdout).toMatch(/No escalations recorded in .*escalations\.jsonl/);
      } finally {
        await cli.cleanup();
      }
    });

    it("shares the operators' queue: an escalation acknowledged through one instance is acknowledged for the other", async () => {
      const { records } = await secondStores.audit.read();
      const target = records.find((r) => r.tier === "emergency" && r.alerted && r.conversationId === "E2")!;
      const first_ = await first.lumbar.changeEscalation({ escalationId: target.id!, state: "acknowledged", by: "Nurse Ada", via: "console", from: "console:127.0.0.1" });
      expect(first_.kind).toBe("changed");
      // The other instance sees it in the shared table, and a second acknowledgement changes nothing.
      const again = await second.changeEscalation({ escalationId: target.id!, state: "acknowledged", by: "slack:UOPS", via: "slack", from: "slack:C0OPS" });
      expect(again).toMatchObject({ kind: "unchanged", state: "acknowledged", by: "Nurse Ada" });
      const log = await secondStores.audit.read();
      expect(log.states).toEqual([expect.objectContaining({ escalationId: target.id, state: "acknowledged", by: "Nurse Ada", via: "console" })]);
      expect(foldQueue(log).find((e) => e.record.id === target.id)!.state).toBe("acknowledged");
      expect((await second.changeEscalation({ escalationId: target.id!, state: "resolved", by: "slack:UOPS", via: "slack", from: "slack:C0OPS" })).kind).toBe("changed");
    });

    it("resends an alert left owed in the shared log once, however many instances start together", async () => {
      // As an instance that crashed mid-delivery leaves it: alerted, no outcome, its claim expired.
      const id = randomUUID();
      await secondStores.audit.append({ tier: "emergency", ruleIds: ["cauda-equina"], channel: "slack", conversationId: "R1", userId: "U9", time: new Date().toISOString(), id, alerted: true, indexVersion: "v1" });
      const resent = await Promise.all([first.lumbar.resumePendingAlerts(), second.resumePendingAlerts()]);
      expect(resent.sort()).toEqual([0, 1]);
      await until(async () => (await secondStores.audit.read()).deliveries.some((d) => d.escalationId === id), "the resent alert's outcome");
      await pause(300);
      expect(alerts.filter((a) => a.event.conversationId === "R1")).toHaveLength(1);
      expect((await secondStores.audit.read()).deliveries.filter((d) => d.escalationId === id).map((d) => d.outcome)).toEqual(["delivered"]);
    });

    it("reports the database on /readyz", async () => {
      const health = await startHealthServer({ index: () => second.status(), storeKind: secondStores.kind, pingStore: () => secondStores.ping() }, { port: 0, host: "127.0.0.1" });
      try {
        const res = await fetch(`http://127.0.0.1:${health.port}/readyz`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ status: "ready", database: { status: "ok", kind: "postgres" } });
      } finally {
        await health.close();
      }
    });

    it("answers a Slack event delivered to both instances once (the retry landed on the other instance)", async () => {
      const [one, two] = [await startHarness(first.lumbar), await startHarness(second)];
      try {
        const eventId = newEventId();
        const event = one.dm("UPG", "D0PG", "what is sciatica");
        const [a, b] = await Promise.all([one.sendEvent(event, { eventId }), two.sendEvent(event, { eventId, headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } })]);
        expect([a.status, b.status]).toEqual([200, 200]);
        await slackWaitFor(() => one.api.posts("D0PG").length + two.api.posts("D0PG").length > 0, "the answer");
        await pause(800);
        expect(one.api.posts("D0PG").length + two.api.posts("D0PG").length).toBe(1);
        expect([...one.logs, ...two.logs].filter((l) => l.includes("slack.duplicate_ignored") && l.includes(eventId))).toHaveLength(1);
      } finally {
        await one.stop();
        await two.stop();
      }
    });

    describe("behind one Telegram webhook URL", () => {
      let emulator: Emulator;
      const handles: TelegramHandle[] = [];
      const hooks: string[] = [];
      const SECRET = "shared_Secret-1";

      beforeAll(async () => {
        emulator = await startEmulator();
        for (const lumbar of [first.lumbar, second]) {
          const config = telegramConfigFromEnv({
            TELEGRAM_BOT_TOKEN: emulator.token,
            TELEGRAM_API_ROOT: emulator.apiRoot,
            TELEGRAM_WEBHOOK_URL: "https://lumbar.example.invalid/telegram/hook",
            TELEGRAM_WEBHOOK_SECRET: SECRET,
            TELEGRAM_PORT: "0",
            TELEGRAM_HOST: "127.0.0.1",
          });
          const handle = await startTelegram(lumbar, config!, logger);
          handles.push(handle);
          hooks.push(`http://127.0.0.1:${handle.port}/telegram/hook`);
        }
      });
      afterAll(async () => {
        for (const h of handles) await h.stop("test over");
        await emulator?.stop();
      });

      const post = (url: string, body: unknown) =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(body) });

      it("answers an update delivered to both instances once", async () => {
        const since = emulator.mark();
        const update = { update_id: 70_001, message: { message_id: 70_001, date: Math.floor(Date.now() / 1000), ...userMessage({ chatId: 701, text: "what is sciatica" }) } };
        const statuses = await Promise.all(hooks.map((hook) => post(hook, update).then((r) => r.status)));
        expect(statuses).toEqual([200, 200]);
        await emulator.waitForSent(701, since);
        await pause(800);
        expect(emulator.sentTo(701, since)).toHaveLength(1);
        expect(lines.filter((l) => l.includes("telegram.duplicate_update") && l.includes("70001"))).toHaveLength(1);

        // A different update reaching the other instance is answered: the claim is per update.
        const next = { ...update, update_id: 70_002, message: { ...update.message, message_id: 70_002 } };
        await post(hooks[1]!, next);
        await emulator.waitForSent(701, since, 2);
      });
    });
  });

  describe("the serving index version, shared", () => {
    let own: TestSchema;
    let first: TestLumbar;
    let second: Lumbar;
    const opened: Stores[] = [];

    beforeAll(async () => {
      own = await createTestSchema();
      const config = { databaseUrl: own.url };
      const stores = () => createStores({ ...loadConfig({}), ...config }).then((s) => (opened.push(s), s));
      first = await makeTestLumbar(config, { stores: await stores() });
      // The second instance reads the same data folder (shared storage in production).
      second = createLumbar({ config: first.config, stores: await stores() });
    });
    afterAll(async () => {
      await second?.close();
      await first?.cleanup();
      await own?.drop();
    });

    /** Asks the second instance every 100 ms until it serves `version`; the time it took, in ms. */
    async function servedBySecond(version: string): Promise<number> {
      const started = Date.now();
      for (;;) {
        const reply = await second.handle({ channel: "slack", conversationId: "IX", userId: "U1", text: "what is sciatica" });
        if (reply.indexVersion === version) return Date.now() - started;
        if (Date.now() - started > 10_000) throw new Error(`the second instance still serves ${reply.indexVersion}, not ${version}, after 10 s`);
        await pause(100);
      }
    }

    it("serves a reindex run on the other instance within 5 seconds", async () => {
      const before = (await second.status()).version;
      expect((await first.lumbar.status()).version).toBe(before);
      const published = await own.query<{ version: string }>(`SELECT version FROM ${own.name}.index_serving`);
      expect(published.rows.map((r) => r.version)).toEqual([before]);

      const rebuilt = await first.lumbar.reindex();
      expect(rebuilt.version).not.toBe(before);
      expect(await servedBySecond(rebuilt.version)).toBeLessThan(5_000);
    });

    it("follows the database, not CURRENT: a version published there is served, and so is a reindex from the CLI", async () => {
      const serving = (await second.status()).version;
      const kept = (await readdir(path.join(first.dataDir, "index", "versions"))).filter((v) => v !== serving).sort();
      const older = kept.at(-1)!;
      // Published to the database only; CURRENT in the shared folder still names the newer one.
      await opened[0]!.indexPointer!.publish(older);
      expect(await servedBySecond(older)).toBeLessThan(5_000);
      expect((await readFile(path.join(first.dataDir, "index", "CURRENT"), "utf8")).trim()).toBe(serving);

      const cli = await makeCliSandbox();
      try {
        const env = { LUMBAR_DATABASE_URL: own.url, LUMBAR_DATA_DIR: first.dataDir, LUMBAR_CORPUS_DIR: first.corpusDir };
        // `lumbar status` with the database names what the instances serve, not what CURRENT says.
        const status = await cli.run(["status"], { env, timeoutMs: 30_000 });
        expect(status.code, status.stderr).toBe(0);
        expect(status.stdout).toContain(`version ${older}\n`);
        const r = await cli.run(["reindex"], { env, timeoutMs: 60_000 });
        expect(r.code, r.stderr).toBe(0);
        const built = /Index (v\S+) is now serving/.exec(r.stdout)![1]!;
        expect(await servedBySecond(built)).toBeLessThan(5_000);
        expect((await first.lumbar.status()).version).toBe(built);
      } finally {
        await cli.cleanup();
      }
    });
    it("never serves, nor builds over, a version the database names that its data folder lacks", async () => {
      const serving = (await second.status()).version;
      const pointer = opened[0]!.indexPointer!;
      // An instance whose data folder is not the shared one refuses to start, saying why.
      const elsewhere = await mkdtemp(path.join(os.tmpdir(), "lumbar-unshared-"));
      try {
        const lone = new LiveIndex({ dataDir: elsewhere, corpusDir: first.corpusDir, embeddings: null, logger: silentLogger, pointer });
        await expect(lone.get()).rejects.toThrow(new RegExp(`names index version ${serving}, which is not in .*must share LUMBAR_DATA_DIR`));
        expect(await readdir(elsewhere)).toEqual([]);
      } finally {
        await rm(elsewhere, { recursive: true, force: true });
      }
      // A serving instance keeps its version while the named one is absent, and switches once it appears.
      await pointer.publish("vNotHereYet");
      await pause(2_500);
      const reply = await second.handle({ channel: "slack", conversationId: "IX", userId: "U1", text: "what is sciatica" });
      expect(reply.indexVersion).toBe(serving);
      await pointer.publish(serving);
    });
  });

  describe("Telegram polling", () => {
    let own: TestSchema;
    let emulator: Emulator;
    let sandbox: CliSandbox;

    beforeAll(async () => {
      own = await createTestSchema();
      emulator = await startEmulator();
      sandbox = await makeCliSandbox();
      // Built once up front, so the pollers below start in seconds.
      const built = await sandbox.run(["reindex"], { timeoutMs: 60_000 });
      expect(built.code, built.stderr).toBe(0);
    });
    afterAll(async () => {
      await emulator?.stop();
      await sandbox?.cleanup();
      await own?.drop();
    });

    it("refuses a second poller of the same bot on the database in one line, and a killed poller frees the bot", async () => {
      const env = sandbox.env({ LUMBAR_DATABASE_URL: own.url, TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot });
      const poller = spawn(process.execPath, [path.join("bin", "lumbar.js"), "start"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      poller.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
      poller.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
      const exited = new Promise<void>((resolve) => poller.once("exit", () => resolve()));
      try {
        await waitFor(() => output.includes('"telegram.started"') || poller.exitCode !== null, 60_000, "the first poller");
        expect(poller.exitCode, output).toBeNull();

        const second = await sandbox.run(["start"], { env: { LUMBAR_DATABASE_URL: own.url, TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot }, timeoutMs: 30_000 });
        expect(second.code).toBe(1);
        // Besides the JSON log lines (the store connecting), one line of prose: the reason.
        const lines = second.stderr.trim().split("\n").filter((l) => !l.startsWith("{"));
        expect(lines, second.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/^lumbar: another Lumbar instance on this database is already polling Telegram bot 123456789; .*webhook mode/);
        expect(second.stderr).not.toContain(emulator.token.split(":")[1]);
        // The first poller was not disturbed.
        expect(poller.exitCode).toBeNull();
      } finally {
        // A crash, not a clean stop: the lock must go with the connection.
        poller.kill("SIGKILL");
        await exited;
      }
      const pool = createPgPool({ connectionString: TEST_DATABASE_URL, schema: own.name });
      try {
        // The server ends a killed client's session (and its lock) once it sees the socket close,
        // which on a loaded machine can take a moment: wait for it, up to 15 s.
        let lease: Awaited<ReturnType<typeof takePgLease>> = null;
        for (const until = Date.now() + 15_000; lease === null && Date.now() < until; ) {
          lease = await takePgLease(pool, `telegram-polling:${emulator.token.split(":")[0]}`, silentLogger);
          if (lease === null) await new Promise((r) => setTimeout(r, 200));
        }
        expect(lease).not.toBeNull();
        // Held: nobody else gets it until released.
        expect(await takePgLease(pool, `telegram-polling:${emulator.token.split(":")[0]}`, silentLogger)).toBeNull();
        await lease!.release();
        const again = await takePgLease(pool, `telegram-polling:${emulator.token.split(":")[0]}`, silentLogger);
        expect(again).not.toBeNull();
        await again!.release();
      } finally {
        await pool.end();
      }
    });
  });

  describe("two `lumbar ask --jsonl` processes on one database", () => {
    let sandbox: CliSandbox;
    let own: TestSchema;

    beforeAll(async () => {
      sandbox = await makeCliSandbox();
      own = await createTestSchema();
      // The index is built once, without the database, so the two processes below only race on the schema.
      const built = await sandbox.run(["ask", "--json", "what is sciatica"], { timeoutMs: 60_000 });
      expect(built.code, built.stderr).toBe(0);
    });
    afterAll(async () => {
      await own?.drop();
      await sandbox?.cleanup();
    });

    const jsonl = (lines: object[]) => lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
    const answers = (stdout: string) => stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: string; text: string; sources: Array<{ section: string }> });

    it("start together (migrating the new schema once), and a conversation begun on one continues on the other", async () => {
      const env = { LUMBAR_DATABASE_URL: own.url };
      const [a, b] = await Promise.all([
        sandbox.run(["ask", "--jsonl"], { env, stdin: jsonl([{ id: "a1", conversationId: "c1", text: "what is spinal stenosis?" }]), timeoutMs: 30_000 }),
        sandbox.run(["ask", "--jsonl"], { env, stdin: jsonl([{ id: "b1", conversationId: "c2", text: "what is sciatica" }]), timeoutMs: 30_000 }),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const recorded = await own.query(`SELECT count(*)::int AS n FROM ${own.name}.schema_migrations`);
      expect(recorded.rows[0].n).toBe(MIGRATIONS.length);

      // The follow-up goes to a third process: only the database can know what c1 was about.
      const c = await sandbox.run(["ask", "--jsonl"], {
        env,
        stdin: jsonl([
          { id: "c1-follow-up", conversationId: "c1", text: "how is it treated?" },
          { id: "c2-follow-up", conversationId: "c2", text: "how is it treated?" },
        ]),
        timeoutMs: 30_000,
      });
      expect(c.code, c.stderr).toBe(0);
      const [onStenosis, onSciatica] = answers(c.stdout);
      expect(onStenosis!.text.toLowerCase()).toContain("stenosis");
      // c2 was about sciatica: its treatments, led by a section that names it.
      expect(onSciatica!.sources[0]!.section).not.toBe(onStenosis!.sources[0]!.section);
      expect(onSciatica!.text.toLowerCase()).toContain("sciatica");

      // Without the database the same follow-up has nothing to go on.
      const alone = await sandbox.run(["ask", "--jsonl"], { stdin: jsonl([{ id: "x", conversationId: "c1", text: "how is it treated?" }]), timeoutMs: 30_000 });
      expect(answers(alone.stdout)[0]!.text.toLowerCase()).not.toContain("stenosis");
    });

    it("refuses to start with a database it cannot reach, saying which variable to fix and without echoing the password", async () => {
      const r = await sandbox.run(["ask", "--json", "what is sciatica"], { env: { LUMBAR_DATABASE_URL: "postgres://lumbar:s3cret-pw@127.0.0.1:1/none" }, timeoutMs: 30_000 });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/cannot reach the database in LUMBAR_DATABASE_URL/);
      expect(r.stderr).not.toContain("s3cret-pw");
    });
  });
});
