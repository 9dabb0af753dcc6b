/** Error codes an operator or a handler can switch on. */
export type LumbarErrorCode =
  | "CONFIG_MISSING"
  | "CONFIG_INVALID"
  | "CORPUS_INVALID"
  | "RULES_INVALID"
  | "INDEX_MISSING"
  | "INDEX_INVALID"
  | "INDEX_DAMAGED"
  | "REINDEX_RUNNING"
  | "EMBEDDING_FAILED"
  | "LLM_FAILED"
  | "RETRIEVAL_FAILED"
  | "AUDIT_FAILED"
  | "ESCALATION_FAILED"
  | "INBOX_FAILED"
  | "PLATFORM_UNREACHABLE"
  | "STORE_UNAVAILABLE"
  | "MIGRATION_FAILED"
  | "POLLER_RUNNING";

/** Base error: a code to switch on, a message a person can act on, and the original error as `cause`. */
export class LumbarError extends Error {
  readonly code: LumbarErrorCode;
  /** HTTP status of a provider's refusal, so retry logic can tell 4xx (do not retry) from 5xx. */
  readonly status?: number;

  constructor(code: LumbarErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options);
    this.name = "LumbarError";
    this.code = code;
    if (options?.status !== undefined) this.status = options.status;
  }

  static fromError(code: LumbarErrorCode, message: string, cause: unknown): LumbarError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new LumbarError(code, `${message}: ${detail}`, { cause });
  }
}

/** A data file (article or rule file) is malformed; names the file and the 1-based line. */
export class DataFileError extends LumbarError {
  readonly file: string;
  readonly line: number;

  constructor(code: "CORPUS_INVALID" | "RULES_INVALID", file: string, line: number, problem: string) {
    super(code, `${file}:${line}: ${problem}`);
    this.name = "DataFileError";
    this.file = file;
    this.line = line;
  }
}

/** A required environment variable is missing or unusable; names it. */
export class ConfigError extends LumbarError {
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(problem.startsWith("missing") ? "CONFIG_MISSING" : "CONFIG_INVALID", `${variable}: ${problem}`);
    this.name = "ConfigError";
    this.variable = variable;
  }
}
