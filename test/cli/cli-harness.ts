import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config/config.ts";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Prefixes of variables the CLI (or an adapter) reads; stripped so the developer's shell cannot leak in. */
const OWN_PREFIXES = ["LUMBAR_", "OPENAI_", "OLLAMA_", "SLACK_", "TELEGRAM_"];

/** A temporary corpus copy and an empty data folder for one group of CLI runs. */
export interface CliSandbox {
  root: string;
  corpusDir: string;
  dataDir: string;
  /** The environment a run gets: the parent's minus Lumbar's own variables, plus the folders and `extra`. */
  env(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
  run(args: string[], options?: RunOptions): Promise<CliResult>;
  cleanup(): Promise<void>;
}

export interface RunOptions {
  stdin?: string;
  /** Leave stdin open after writing `stdin` (as a person at a terminal would), until the process exits. */
  keepStdinOpen?: boolean;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

export async function makeCliSandbox(): Promise<CliSandbox> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lumbar-cli-test-"));
  const corpusDir = path.join(root, "corpus");
  const dataDir = path.join(root, "data");
  await cp(path.join(PROJECT_ROOT, "corpus"), corpusDir, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => {
    const out: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!OWN_PREFIXES.some((p) => k.startsWith(p))) out[k] = v;
    // Kept: vitest.config.ts sets it so bin/lumbar.js runs the sources under test, not dist/.
    if (process.env.LUMBAR_RUN_SOURCE !== undefined) out.LUMBAR_RUN_SOURCE = process.env.LUMBAR_RUN_SOURCE;
    out.LUMBAR_DATA_DIR = dataDir;
    out.LUMBAR_CORPUS_DIR = corpusDir;
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  return {
    root,
    corpusDir,
    dataDir,
    env,
    run: (args, options = {}) => runCli(args, { ...options, env: env(options.env) }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Runs `node bin/lumbar.js ...args` from the repository root, as `npm start` / `npx lumbar` would. */
export function runCli(args: string[], options: Omit<RunOptions, "env"> & { env: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join("bin", "lumbar.js"), ...args], {
      cwd: PROJECT_ROOT,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    // A hung CLI fails its test with what it printed, instead of hanging the suite.
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on("error", () => undefined);
    if (options.keepStdinOpen) child.stdin.write(options.stdin ?? "");
    else child.stdin.end(options.stdin ?? "");
  });
}

/** The one JSON object a `--json` command printed; fails loudly if stdout holds anything else. */
export function parseSingleJson(result: CliResult): Record<string, unknown> {
  const lines = result.stdout.split("\n").filter((l) => l.trim() !== "");
  if (lines.length !== 1) throw new Error(`expected exactly one line of JSON on stdout, got ${lines.length}:\n${result.stdout}\nstderr:\n${result.stderr}`);
  const value: unknown = JSON.parse(lines[0]);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`expected a JSON object, got ${lines[0]}`);
  return value as Record<string, unknown>;
}

/** The keys `ask --json` prints, sorted: the public contract for scripts. */
export const REPLY_KEYS = ["check", "escalation", "outOfScope", "sources", "suggestions", "text"];

export interface ReplyJson {
  text: string;
  sources: Array<{ article: string; section: string; score: number }>;
  escalation: { level: string; reasons: string[] };
  outOfScope: boolean;
  suggestions: string[];
  check: null | { question: string; options: string[]; reasons: string[] };
}
