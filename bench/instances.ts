/**
 * `npm run bench:instances`: one instance without a database, one on PostgreSQL, and two on the
 * same PostgreSQL database, each instance a process of its own answering the same workload
 * (conversations of a question and a follow-up). Prints JSON: messages per second over the wall
 * time of the whole run, and answer latency percentiles across every instance.
 *
 * The database is LUMBAR_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test; the run works
 * in a schema of its own and drops it. Options: --messages N per instance (default 300),
 * --concurrency C conversations in flight per instance (default 4).
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { loadConfig, PROJECT_ROOT } from "../src/config/config.ts";
import { createLumbar } from "../src/core/create-lumbar.ts";
import { AuditLog } from "../src/safety/audit-log.ts";
import { createStores } from "../src/store/create-stores.ts";
import { EVAL_DIR, QUESTION_SETS, readJsonl, type QuestionCase } from "../src/eval/eval-sets.ts";

const FOLLOW_UPS = ["how is it treated?", "what causes it?", "is it serious?", "what does it feel like?"];

interface WorkerJob {
  dataDir: string;
  corpusDir: string;
  databaseUrl: string | null;
  instance: number;
  messages: number;
  concurrency: number;
}

interface WorkerResult {
  latenciesMs: number[];
}

// === Worker: one Lumbar instance answering its share of the workload.
async function runWorker(job: WorkerJob): Promise<WorkerResult> {
  const config = { ...loadConfig({}), dataDir: job.dataDir, corpusDir: job.corpusDir, databaseUrl: job.databaseUrl, logLevel: "silent" as const };
  const stores = await createStores(config);
  const auditDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-bench-audit-"));
  const lumbar = createLumbar({ config, stores, auditLog: new AuditLog(path.join(auditDir, "escalations.jsonl")) });
  await lumbar.status();
  await lumbar.handle({ channel: "bench", conversationId: `warm-${job.instance}`, userId: "bench", text: "what is sciatica" });
  const questions = (await readJsonl<QuestionCase>(path.join(EVAL_DIR, QUESTION_SETS.dev))).map((q) => q.text);
  const latenciesMs: number[] = [];
  let next = 0;
  // Ready; then wait for the parent's go, so every instance starts together.
  const go = new Promise<void>((resolve) => process.once("message", () => resolve()));
  process.send!("ready");
  await go;
  const lane = async () => {
    while (next < job.messages) {
      const i = next;
      next += 2;
      // A question, then its follow-up: the follow-up reads the turn just stored.
      const conversationId = `i${job.instance}-c${i}`;
      for (const text of [questions[(i / 2) % questions.length]!, FOLLOW_UPS[(i / 2) % FOLLOW_UPS.length]!]) {
        const s = performance.now();
        await lumbar.handle({ channel: "bench", conversationId, userId: "bench", text });
        latenciesMs.push(performance.now() - s);
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  await lumbar.close();
  await rm(auditDir, { recursive: true, force: true });
  return { latenciesMs };
}

// === Parent: the three set-ups, one after another.
async function runSetup(name: string, instances: number, databaseUrl: string | null, base: Omit<WorkerJob, "instance" | "databaseUrl">) {
  const children = Array.from({ length: instances }, (_, instance) => {
    const child = fork(fileURLToPath(import.meta.url), ["--worker"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = new Promise<void>((resolve) => child.once("message", () => resolve()));
    const done = new Promise<WorkerResult>((resolve, reject) => {
      child.on("message", (m: unknown) => {
        if (m && typeof m === "object" && "latenciesMs" in m) resolve(m as WorkerResult);
      });
      child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`instance ${instance} exited with ${code}`))));
    });
    child.send({ ...base, instance, databaseUrl } satisfies WorkerJob);
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  const started = performance.now();
  for (const c of children) c.child.send("go");
  const results = await Promise.all(children.map((c) => c.done));
  const wallMs = performance.now() - started;
  const all = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const at = (p: number) => round(all[Math.min(all.length - 1, Math.floor(p * all.length))] ?? 0);
  return { setup: name, instances, messages: all.length, messagesPerSecond: round((all.length / wallMs) * 1000), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(all.at(-1) ?? 0) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} needs a whole number of at least 1`);
  return v;
}

async function main(): Promise<void> {
  const url = process.env.LUMBAR_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const schema = `lumbar_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const root = await mkdtemp(path.join(os.tmpdir(), "lumbar-bench-instances-"));
  try {
    const corpusDir = path.join(root, "corpus");
    await cp(path.join(PROJECT_ROOT, "corpus"), corpusDir, { recursive: true });
    const dataDir = path.join(root, "data");
    // The index is built once, before any instance starts, as a deployment's shared folder would hold it.
    const builder = createLumbar({ config: { ...loadConfig({}), corpusDir, dataDir, logLevel: "silent" }, auditLog: new AuditLog(path.join(root, "audit.jsonl")) });
    await builder.status();
    await builder.close();
    const shared = new URL(url);
    shared.searchParams.set("options", `-c search_path=${schema}`);
    const base = { dataDir, corpusDir, messages: flag("messages", 300), concurrency: flag("concurrency", 4) };
    const results = [
      await runSetup("one instance, embedded", 1, null, base),
      await runSetup("one instance, PostgreSQL", 1, shared.toString(), base),
      await runSetup("two instances, one PostgreSQL", 2, shared.toString(), base),
    ];
    process.stdout.write(JSON.stringify({ cpus: os.cpus().length, node: process.version, messagesPerInstance: base.messages, concurrencyPerInstance: base.concurrency, results }, null, 2) + "\n");
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv.includes("--worker")) {
  process.once("message", (job: WorkerJob) => {
    runWorker(job)
      .then((result) => process.send!(result, () => process.exit(0)))
      .catch((err) => {
        process.stderr.write(`bench instance failed: ${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
      });
  });
} else {
  await main();
}
