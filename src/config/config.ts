import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { ConfigError } from "../core/errors.ts";
import type { LogLevel } from "../log/logger.ts";
import { MIN_PSEUDONYM_KEY_LENGTH } from "../log/pseudonym.ts";

/**
 * The project folder (corpus/, data/), so defaults work whatever the current directory is. Found as
 * the nearest folder above this module with a package.json, because the module runs from two
 * depths: src/config/ (tests, tsx) and dist/src/config/ (the compiled build production runs).
 */
export const PROJECT_ROOT = projectRoot(path.dirname(fileURLToPath(import.meta.url)));

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "../.."); // no package.json above: the layout of src/
  }
}

export type ProviderName = "openai" | "ollama";

export interface ProviderConfig {
  provider: ProviderName;
  baseUrl: string;
  model: string;
  apiKey?: string;
}

/** Everything the core reads from the environment. Adapters read their own variables. */
export interface LumbarConfig {
  corpusDir: string;
  dataDir: string;
  /** null means the offline default embedder. */
  embeddings: ProviderConfig | null;
  /** null means the extractive answerer (no LLM). */
  llm: ProviderConfig | null;
  logLevel: LogLevel;
  /** Store message text in escalation alerts and the audit log. Off by default: health data. */
  logMessageText: boolean;
  /** At most one operator alert per conversation and tier within this many minutes. */
  alertWindowMinutes: number;
  /** Waits between attempts to deliver an operator alert, in seconds; unset means the built-in schedule (about eight minutes). */
  alertRetrySeconds?: number[];
  memoryTurns: number;
  memoryTtlMinutes: number;
  /** Messages longer than this are checked for red flags in full but answered from their start. */
  maxMessageChars: number;
  /** Secret for the pseudonyms of ids in logs (LUMBAR_PSEUDONYM_KEY); null: a key file in the data folder. */
  pseudonymKey: string | null;
  /** How long each platform call at start (Slack auth.test, Telegram getMe...) may take, in ms. */
  startupTimeoutMs: number;
  /**
   * postgres:// URL of a database that several instances share (conversations, delivery dedupe,
   * alert windows). null, the default, keeps all of that inside this process.
   */
  databaseUrl: string | null;
  /** Port for /healthz and /readyz (LUMBAR_HEALTH_PORT); null, the default, serves none. */
  healthPort: number | null;
  /** Address the health port listens on (LUMBAR_HEALTH_HOST). Defaults to 0.0.0.0. */
  healthHost: string;
  /** Port of the operator console beside the bots (LUMBAR_CONSOLE_PORT); null, the default, serves none. */
  consolePort: number | null;
  /** Address the console listens on (LUMBAR_CONSOLE_HOST). Defaults to 127.0.0.1: this machine only. */
  consoleHost: string;
  /** The operators' shared secret to log in to the console with (LUMBAR_CONSOLE_TOKEN); the console refuses to start without it. */
  consoleToken: string | null;
}

/** Shortest LUMBAR_CONSOLE_TOKEN accepted: the console shows health data, so the secret must not be guessable. */
export const MIN_CONSOLE_TOKEN_LENGTH = 16;

/**
 * The console's token, or a ConfigError naming LUMBAR_CONSOLE_TOKEN: the console never serves
 * escalations without one.
 */
export function requireConsoleToken(config: Pick<LumbarConfig, "consoleToken">): string {
  if (!config.consoleToken) throw new ConfigError("LUMBAR_CONSOLE_TOKEN", "missing: the operator console needs a login secret; set LUMBAR_CONSOLE_TOKEN to the output of 'openssl rand -hex 32'");
  return config.consoleToken;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LumbarConfig {
  return {
    corpusDir: path.resolve(env.LUMBAR_CORPUS_DIR || path.join(PROJECT_ROOT, "corpus")),
    dataDir: path.resolve(env.LUMBAR_DATA_DIR || path.join(PROJECT_ROOT, "data")),
    embeddings: provider(env, "LUMBAR_EMBEDDINGS", "hashed", "EMBEDDING_MODEL", { openai: "text-embedding-3-small", ollama: "nomic-embed-text" }),
    llm: provider(env, "LUMBAR_LLM", "none", "CHAT_MODEL", { openai: "gpt-4o-mini", ollama: "llama3.1" }),
    logLevel: oneOf(env, "LUMBAR_LOG_LEVEL", ["debug", "info", "warn", "error", "silent"], "info") as LogLevel,
    logMessageText: bool(env, "LUMBAR_LOG_MESSAGE_TEXT", false),
    alertWindowMinutes: num(env, "LUMBAR_ALERT_WINDOW_MINUTES", 30, 0),
    ...numList(env, "LUMBAR_ALERT_RETRY_SECONDS", "alertRetrySeconds"),
    memoryTurns: num(env, "LUMBAR_MEMORY_TURNS", 6, 1),
    memoryTtlMinutes: num(env, "LUMBAR_MEMORY_TTL_MINUTES", 30, 1),
    maxMessageChars: num(env, "LUMBAR_MAX_MESSAGE_CHARS", 4000, 200),
    pseudonymKey: secret(env, "LUMBAR_PSEUDONYM_KEY", MIN_PSEUDONYM_KEY_LENGTH),
    startupTimeoutMs: num(env, "LUMBAR_STARTUP_TIMEOUT_SECONDS", 10, 1) * 1000,
    databaseUrl: databaseUrl(env, "LUMBAR_DATABASE_URL"),
    healthPort: port(env, "LUMBAR_HEALTH_PORT"),
    healthHost: (env.LUMBAR_HEALTH_HOST ?? "").trim() || "0.0.0.0",
    consolePort: port(env, "LUMBAR_CONSOLE_PORT"),
    consoleHost: (env.LUMBAR_CONSOLE_HOST ?? "").trim() || "127.0.0.1",
    consoleToken: secret(env, "LUMBAR_CONSOLE_TOKEN", MIN_CONSOLE_TOKEN_LENGTH),
  };
}

function provider(
  env: NodeJS.ProcessEnv,
  variable: string,
  offValue: string,
  modelSuffix: string,
  defaults: Record<ProviderName, string>,
): ProviderConfig | null {
  const choice = oneOf(env, variable, [offValue, "openai", "ollama"], offValue);
  if (choice === offValue) return null;
  if (choice === "openai") {
    const apiKey = env.OPENAI_API_KEY;
    const baseUrl = env.OPENAI_BASE_URL || "https://api.openai.com/v1";
    // A key is optional for self-hosted OpenAI-compatible servers, required for the real service.
    if (!apiKey && !env.OPENAI_BASE_URL) throw new ConfigError("OPENAI_API_KEY", `missing: set it, or set OPENAI_BASE_URL to a compatible server (needed because ${variable}=openai)`);
    return { provider: "openai", baseUrl: url(baseUrl, "OPENAI_BASE_URL"), model: env[`OPENAI_${modelSuffix}`] || defaults.openai, apiKey };
  }
  return {
    provider: "ollama",
    baseUrl: url(env.OLLAMA_BASE_URL || "http://127.0.0.1:11434", "OLLAMA_BASE_URL"),
    model: env[`OLLAMA_${modelSuffix}`] || defaults.ollama,
  };
}

function url(value: string, variable: string): string {
  try {
    return new URL(value).toString().replace(/\/+$/, "");
  } catch {
    throw new ConfigError(variable, `invalid URL '${value}'`);
  }
}

function databaseUrl(env: NodeJS.ProcessEnv, variable: string): string | null {
  const v = (env[variable] ?? "").trim();
  if (!v) return null;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    // The value may hold a password: name the variable, never echo it.
    throw new ConfigError(variable, "invalid URL; use postgres://user:password@host:5432/database");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new ConfigError(variable, `unsupported scheme '${parsed.protocol}'; use postgres://user:password@host:5432/database`);
  }
  return v;
}

function port(env: NodeJS.ProcessEnv, variable: string): number | null {
  const v = (env[variable] ?? "").trim();
  if (!v) return null;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new ConfigError(variable, `invalid value '${v}'; use a port number from 0 to 65535`);
  return n;
}

function oneOf(env: NodeJS.ProcessEnv, variable: string, allowed: string[], fallback: string): string {
  const v = (env[variable] ?? "").trim().toLowerCase();
  if (!v) return fallback;
  if (!allowed.includes(v)) throw new ConfigError(variable, `invalid value '${v}'; use one of ${allowed.join(", ")}`);
  return v;
}

function bool(env: NodeJS.ProcessEnv, variable: string, fallback: boolean): boolean {
  const v = (env[variable] ?? "").trim().toLowerCase();
  if (!v) return fallback;
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new ConfigError(variable, `invalid value '${v}'; use true or false`);
}

function secret(env: NodeJS.ProcessEnv, variable: string, minLength: number): string | null {
  const v = (env[variable] ?? "").trim();
  if (!v) return null;
  // Never echo the value: it is a secret.
  if (v.length < minLength) throw new ConfigError(variable, `too short (${v.length} characters); use at least ${minLength}, e.g. the output of 'openssl rand -hex 32'`);
  return v;
}

/** A comma-separated list of non-negative numbers, as `{ [key]: numbers }`, or nothing when unset. */
function numList<K extends string>(env: NodeJS.ProcessEnv, variable: string, key: K): { [P in K]?: number[] } {
  const v = (env[variable] ?? "").trim();
  if (!v) return {};
  const list = v.split(",").map((x) => Number(x.trim()));
  if (list.some((n) => !Number.isFinite(n) || n < 0)) throw new ConfigError(variable, `invalid value '${v}'; use comma-separated seconds, e.g. 1,5,15,30,60`);
  return { [key]: list } as { [P in K]?: number[] };
}

function num(env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number): number {
  const v = (env[variable] ?? "").trim();
  if (!v) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new ConfigError(variable, `invalid value '${v}'; use a number of at least ${min}`);
  return n;
}
