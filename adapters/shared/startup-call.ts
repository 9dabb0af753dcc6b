import { LumbarError } from "../../src/core/errors.ts";

/** How long each platform call at start may take unless LUMBAR_STARTUP_TIMEOUT_SECONDS says otherwise. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;

/** Which platform a start-up call goes to, and the setting that chose its address. */
export interface PlatformEndpoint {
  /** "Slack" or "Telegram", as the operator knows it. */
  platform: string;
  /** The base URL called; its host is named in the error. */
  url: string;
  /** The variable that sets `url` (SLACK_API_URL, TELEGRAM_API_ROOT), named in the error. */
  variable: string;
  timeoutMs: number;
}

/**
 * A platform could not be reached at start: no connection, no answer in time, or a server error.
 * Its message is the one line an operator needs: the platform, the host, the variable to check and
 * the cause, e.g. "Slack: cannot reach slack.com (SLACK_API_URL / network): ECONNREFUSED".
 */
export class PlatformUnreachableError extends LumbarError {
  readonly platform: string;
  readonly host: string;
  readonly variable: string;

  /** `problem` says what happened to "{host}"; `detail` (an error code) follows the variable. */
  constructor(endpoint: PlatformEndpoint, problem: string, detail?: string, cause?: unknown) {
    const host = hostOf(endpoint.url);
    super("PLATFORM_UNREACHABLE", `${endpoint.platform}: ${problem.replace("{host}", host)} (${endpoint.variable} / network)${detail ? `: ${detail}` : ""}`, { cause });
    this.name = "PlatformUnreachableError";
    this.platform = endpoint.platform;
    this.host = host;
    this.variable = endpoint.variable;
  }
}

/**
 * Runs one call to a platform during start-up with a deadline and no retry: the caller gets its
 * result, or a {@link PlatformUnreachableError} within `timeoutMs`. The signal handed to `call` is
 * aborted at the deadline, so the request does not keep the process alive after start-up gave up.
 * Answers that did arrive (a rejected token, a refused method) are rethrown unchanged for the
 * caller to explain.
 */
export async function startupCall<T>(endpoint: PlatformEndpoint, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = Math.round(endpoint.timeoutMs / 100) / 10;
      reject(new PlatformUnreachableError(endpoint, `{host} did not answer within ${seconds} s`));
      controller.abort();
    }, endpoint.timeoutMs);
  });
  const attempt = call(controller.signal);
  // The aborted request rejects after the deadline has already answered.
  attempt.catch(() => undefined);
  try {
    return await Promise.race([attempt, deadline]);
  } catch (error) {
    if (error instanceof PlatformUnreachableError) throw error;
    const failure = transportFailure(error);
    if (failure) throw new PlatformUnreachableError(endpoint, "cannot reach {host}", failure, error);
    const status = httpStatus(error);
    if (status !== undefined && status >= 500) throw new PlatformUnreachableError(endpoint, "{host} answered with a server error", `HTTP ${status}`, error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const NETWORK_CODE = /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+)$/;

/** The system error code (ECONNREFUSED, ENOTFOUND...) somewhere in an error's causes, as fetch, node-fetch and the Slack client wrap it. */
export function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const e = error as { code?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
  if (typeof e.code === "string" && NETWORK_CODE.test(e.code)) return e.code;
  for (const inner of [e.cause, e.original, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Marks of a request that never got an answer, as fetch, node-fetch and the Slack client report it. */
function isTransportError(e: { name?: unknown; code?: unknown; message?: unknown }): boolean {
  return e.name === "FetchError" || e.code === "slack_webapi_request_error" || e.message === "fetch failed";
}

/**
 * What went wrong on the way to the platform: a system error code, or else the innermost cause of
 * a request that got no answer (fetch's "bad port", a TLS failure). Undefined when an answer came.
 */
export function transportFailure(error: unknown): string | undefined {
  const code = networkCode(error);
  if (code) return code;
  let transport = false;
  let innermost: unknown = error;
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const x = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; original?: unknown };
    transport ||= isTransportError(x);
    innermost = e;
    e = x.cause ?? x.original;
  }
  if (!transport) return undefined;
  return innermost instanceof Error ? innermost.message.split("\n")[0] : String(innermost);
}

function httpStatus(error: unknown): number | undefined {
  if (!error || typeof error !== "object") return undefined;
  const e = error as { statusCode?: unknown; code?: unknown };
  if (typeof e.statusCode === "number") return e.statusCode;
  if (typeof e.code === "number") return e.code;
  return undefined;
}
