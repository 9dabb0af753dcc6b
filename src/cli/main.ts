import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig, type LumbarConfig } from "../config/config.ts";
import { requireWritableFolder } from "../config/data-dir.ts";
import { createLumbar, type LumbarOptions } from "../core/create-lumbar.ts";
import { ConfigError, LumbarError } from "../core/errors.ts";
import { buildIndex } from "../index/build-index.ts";
import { indexPaths } from "../index/index-paths.ts";
import { keptVersionNames } from "../index/kept-versions.ts";
import { currentVersion } from "../index/load-index.ts";
import { createLogger, type Logger, type LogLevel } from "../log/logger.ts";
import { installPseudonymKey } from "../log/pseudonym.ts";
import { AuditLog } from "../safety/audit-log.ts";
import { foldQueue } from "../safety/escalation-queue.ts";
import { createStores } from "../store/create-stores.ts";
import { COMMAND_OPTIONS, parseArgs, UsageError, type ParsedArgs } from "./args.ts";
import { askAuditLog, askJsonl, replyJson } from "./ask.ts";
import { createProgress } from "./progress.ts";

const USAGE = `Usage: lumbar <command> [options]

Commands:
  start                     Serve Slack and/or Telegram as configured; with neither, open the terminal chat
  chat                      Talk to Lumbar in the terminal
  ask "question"            Answer one question (add --json for the JSON reply)
  ask --jsonl               Answer {"id", "text", "conversationId"?} lines from stdin, one JSON line each
                            (ask records escalations in the audit log only with --audit)
  reindex [--corpus DIR]    Build a new index version from the corpus and switch to it
  status                    Show the index version that is serving
  rollback [VERSION]        Serve a kept index version again (default: the previous good one)
  rollback --list [--json]  List the kept index versions: build time, chunks, whether their files verify
  escalations [--json]      Show the escalation audit log
  eval [--json] [--sets a,b] Run the evaluation sets (or only the named ones) and print their scores
  lexicon [--json]          Count the red-flag lexicon entries and list those used by at most one evaluation message
  bench [--chunks N]        Measure speed and memory; prints JSON (--chunks: on a synthetic corpus of N chunks, beside LangChain baselines)
                            (with --keep DIR, that corpus and its index are kept in DIR and reused by the next run with the same N)
  console [--port N] [--host ADDR]
                            Serve the operator console (escalation queue, index, quality); needs LUMBAR_CONSOLE_TOKEN

Options for every command: --corpus DIR, --data DIR, -h/--help.
Configuration comes from environment variables: see README.md and .env.example.`;

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`lumbar: ${err.message}. Run 'lumbar --help' for the commands and options.\n`);
    return 2;
  }
  const [command, ...rest] = args.positionals;
  // "lumbar --help", "lumbar help" and "lumbar <command> --help" print the usage and succeed.
  if (args.flags.has("help") || command === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (command !== undefined && !(command in COMMAND_OPTIONS)) {
    process.stderr.write(`lumbar: unknown command '${command}'. Run 'lumbar --help' for the commands.\n`);
    return 2;
  }
  try {
    switch (command) {
      case "start":
        return await (await import("./start.ts")).start(configFrom(args, undefined, true));
      case "chat":
        return await chat(configFrom(args, undefined, true));
      case "ask":
        return await ask(configFrom(args, "warn", args.flags.has("audit")), args, rest);
      case "reindex":
        return await reindex(configFrom(args, undefined, true));
      case "status":
        return await status(configFrom(args, "warn"));
      case "rollback":
        return await (await import("./rollback-command.ts")).runRollback(configFrom(args, "warn"), args, rest);
      case "escalations":
        return await escalations(configFrom(args, "warn"), args);
      case "eval":
        return await (await import("./eval-command.ts")).runEval(configFrom(args, "warn"), args.flags.has("json"), setsFlag(args.flags.get("sets")));
      case "lexicon":
        return await (await import("./lexicon-command.ts")).runLexicon(configFrom(args, "warn"), args.flags.has("json"));
      case "bench":
        return await (await import("./bench.ts")).runBench(configFrom(args, "warn"), benchOptions(args));
      case "console":
        return await (await import("./console-command.ts")).runConsole(configFrom(args, undefined, true), args);
      default:
        // No command: the usage, on stderr, as a mistake (a script that forgot its command fails).
        process.stderr.write(USAGE + "\n");
        return 2;
    }
  } catch (err) {
    return reportError(err);
  }
}

/** `--sets a,b`: the evaluation sets to run, by name; every set when left out. */
function setsFlag(value: string | true | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value === true || value.trim() === "") throw new LumbarError("CONFIG_INVALID", "eval: --sets wants set names separated by commas, e.g. --sets dev,blind63");
  return value.split(",").map((n) => n.trim()).filter(Boolean);
}

/** `bench --chunks N [--keep DIR]` (a synthetic corpus of N chunks) and the internal `--serve`. */
function benchOptions(args: ParsedArgs): { chunks?: number; keep?: string; serve?: boolean } {
  const chunks = args.flags.get("chunks");
  const keep = args.flags.get("keep");
  if (chunks === undefined) {
    if (keep !== undefined) throw new LumbarError("CONFIG_INVALID", "bench: --keep only goes with --chunks N");
    return { serve: args.flags.has("serve") };
  }
  const n = Number(chunks);
  if (!Number.isInteger(n) || n < 1) throw new LumbarError("CONFIG_INVALID", `bench: --chunks wants a whole number of chunks, got '${String(chunks)}'`);
  if (keep === true) throw new LumbarError("CONFIG_INVALID", "bench: --keep wants a folder");
  return { chunks: n, ...(keep !== undefined ? { keep: path.resolve(keep) } : {}) };
}

export function reportError(err: unknown): number {
  if (err instanceof LumbarError) {
    process.stderr.write(`lumbar: ${err.message}\n`);
    return err.code === "REINDEX_RUNNING" ? 3 : 1;
  }
  // A file-system error names its path and cause in its message: one line says all an operator needs.
  const fsCode = (err as NodeJS.ErrnoException | null)?.code;
  if (err instanceof Error && typeof fsCode === "string" && typeof (err as NodeJS.ErrnoException).path === "string") {
    process.stderr.write(`lumbar: file system error: ${err.message.split("\n")[0]}\n`);
    return 1;
  }
  process.stderr.write(`lumbar: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  return 1;
}

/**
 * Configuration from the environment, with --corpus/--data overriding the folders. A command that
 * writes to the data folder (`writes`) checks first that it can, and stops with one line if not.
 */
function configFrom(args: ParsedArgs, quietLevel?: LogLevel, writes = false): LumbarConfig {
  const config = loadConfig(process.env);
  const corpus = args.flags.get("corpus");
  const data = args.flags.get("data");
  if (typeof corpus === "string") config.corpusDir = path.resolve(corpus);
  if (typeof data === "string") config.dataDir = path.resolve(data);
  // Commands whose stdout is data stay quiet on stderr unless the operator asked for logs.
  if (quietLevel && !process.env.LUMBAR_LOG_LEVEL) config.logLevel = quietLevel;
  requireFolder(config.dataDir, typeof data === "string" ? "--data" : "LUMBAR_DATA_DIR", false);
  requireFolder(config.corpusDir, typeof corpus === "string" ? "--corpus" : "LUMBAR_CORPUS_DIR", true);
  if (writes) requireWritableFolder(config.dataDir, typeof data === "string" ? "--data" : "LUMBAR_DATA_DIR");
  return config;
}

/** A folder setting that points at a file, or a corpus folder that is missing, is named in the error. */
function requireFolder(dir: string, variable: string, mustExist: boolean): void {
  let isDir: boolean | null = null;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = null;
  }
  if (isDir === false) throw new ConfigError(variable, `'${dir}' is a file, not a folder`);
  if (isDir === null && mustExist) throw new ConfigError(variable, `missing folder '${dir}'`);
}

export function loggerFor(config: LumbarConfig): Logger {
  return createLogger(config.logLevel);
}

async function chat(config: LumbarConfig): Promise<number> {
  const { runTerminalChat } = await import("../../adapters/terminal/terminal-chat.ts");
  await installPseudonymKey(config.dataDir, config.pseudonymKey);
  const logger = createLogger(process.env.LUMBAR_LOG_LEVEL ? config.logLevel : "error");
  const lumbar = createLumbar({ config, logger, stores: await createStores(config, { logger }) });
  await lumbar.status();
  await runTerminalChat(lumbar, { input: process.stdin, output: process.stdout });
  await lumbar.close();
  return 0;
}

async function ask(config: LumbarConfig, args: ParsedArgs, words: string[]): Promise<number> {
  const logger = loggerFor(config);
  const stores = await createStores(config, { logger });
  const lumbar = createLumbar({ config, logger, stores, auditLog: askAuditLog(args.flags.has("audit")) });
  try {
    if (args.flags.has("jsonl")) {
      // With a shared database, a conversationId names one conversation for every process on it.
      const failures = await askJsonl(lumbar, process.stdin, (line) => process.stdout.write(line + "\n"), { sharedIds: stores.kind === "postgres" });
      return failures > 0 ? 1 : 0;
    }
    const text = words.join(" ");
    if (text.trim() === "") {
      process.stderr.write('lumbar ask: give the question as an argument, e.g. lumbar ask --json "what is sciatica"\n');
      return 2;
    }
    const reply = await lumbar.handle({ channel: "cli", conversationId: `cli-${process.pid}`, userId: "cli", text });
    if (args.flags.has("json")) process.stdout.write(JSON.stringify(replyJson(reply)) + "\n");
    else {
      const { renderReplyForTerminal } = await import("../../adapters/terminal/render-reply.ts");
      process.stdout.write(renderReplyForTerminal(reply) + "\n");
    }
    return 0;
  } finally {
    await lumbar.close();
  }
}

async function reindex(config: LumbarConfig): Promise<number> {
  const before = await currentVersion(config.dataDir).catch(() => null);
  const progress = createProgress("reindex");
  // With a database, the new version is published to it: every instance on it switches.
  const stores = config.databaseUrl ? await createStores(config, { logger: loggerFor(config) }) : null;
  const publish = stores?.indexPointer ? (v: string) => stores.indexPointer!.publish(v) : undefined;
  try {
    const manifest = await buildIndex({ corpusDir: config.corpusDir, dataDir: config.dataDir, embeddings: config.embeddings, onProgress: progress.update, publish });
    progress.stop();
    process.stdout.write(`Index ${manifest.version} is now serving: ${manifest.chunkCount} chunks from ${manifest.articles.length} article(s), built ${manifest.builtAt} with ${manifest.embedder.name}.\n`);
    return 0;
  } catch (err) {
    progress.stop();
    const code = reportError(err);
    process.stderr.write(before ? `lumbar: the previous index ${before} is still serving.\n` : "lumbar: no index has been built yet.\n");
    return code;
  } finally {
    await stores?.close();
  }
}

async function status(config: LumbarConfig): Promise<number> {
  const version = await currentVersion(config.dataDir);
  // A missing CURRENT with kept versions is not "no index": serving falls back to the newest good one.
  if (!version && (await keptVersionNames(indexPaths(config.dataDir))).length === 0) {
    process.stdout.write(`No index yet in ${config.dataDir}; run 'lumbar reindex' (or 'npm start' builds one).\n`);
    return 1;
  }
  // With a database, the version every instance on it serves (which the database names).
  const stores = config.databaseUrl ? await createStores(config, { logger: loggerFor(config) }) : undefined;
  const lumbar = createLumbar({ config, logger: loggerFor(config), ...(stores ? { stores } : {}) });
  const s = await lumbar.status().finally(() => stores?.close());
  process.stdout.write(`version ${s.version}\nchunks ${s.chunkCount}\nbuilt ${s.builtAt}\nembedder ${s.embedder}\ncorpus ${s.corpusHash}\n`);
  return 0;
}

async function escalations(config: LumbarConfig, args: ParsedArgs): Promise<number> {
  // The file under the data folder, or with LUMBAR_DATABASE_URL the table every instance writes to.
  const stores = await createStores(config, { logger: loggerFor(config) });
  const audit = stores.audit;
  const log = await audit.read().finally(() => stores.close());
  const { records, deliveries, skipped } = log;
  // Where each escalation is in the operators' queue (acknowledged or resolved, by whom and when).
  const queue = new Map(foldQueue(log).map((e) => [e.record.id, e]));
  const queueState = (r: (typeof records)[number]) => {
    const entry = r.id ? queue.get(r.id) : undefined;
    const last = entry?.changes.at(-1);
    return last ? `${last.state} by ${last.by} via ${last.via} ${last.time}` : "new";
  };
  const file = audit.where;
  const alertState = (r: (typeof records)[number]) => {
    if (!r.alerted) return "no alert (throttled, or no operator channel)";
    const outcomes = deliveries.filter((d) => d.escalationId === r.id);
    if (outcomes.length === 0) return "alert pending (not yet delivered)";
    return outcomes.map((d) => (d.target ? `${d.target}: ` : "") + (d.outcome === "delivered" ? `alert delivered ${d.time} (attempt ${d.attempts})` : `alert FAILED after ${d.attempts} attempts: ${d.error ?? "unknown error"}`)).join("; ");
  };
  if (args.flags.has("json")) {
    process.stdout.write(JSON.stringify({ file, records: records.map((r) => ({ ...r, alert: alertState(r), state: queueState(r) })), deliveries, skipped }) + "\n");
    return 0;
  }
  if (records.length === 0) process.stdout.write(`No escalations recorded in ${file}.\n`);
  for (const r of records) {
    process.stdout.write(`${r.time}  ${r.tier.padEnd(9)} ${r.ruleIds.join(",")}  ${r.channel} conversation=${r.conversationId} user=${r.userId}  ${alertState(r)}  [${queueState(r)}]${r.text ? `\n    "${r.text}"` : ""}\n`);
  }
  if (skipped > 0) process.stdout.write(`(${skipped} incomplete line(s) skipped: a write was interrupted)\n`);
  return 0;
}

/** A core for evaluation and benchmarks: the real index, but escalations logged to a throwaway file. */
export async function scratchLumbar(config: LumbarConfig, options: Omit<LumbarOptions, "config" | "logger" | "auditLog"> = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-eval-"));
  const lumbar = createLumbar({ config, logger: loggerFor(config), auditLog: new AuditLog(path.join(dir, "escalations.jsonl")), ...options });
  return {
    lumbar,
    async dispose() {
      await lumbar.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
