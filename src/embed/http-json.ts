import { LumbarError, type LumbarErrorCode } from "../core/errors.ts";

/**
 * POSTs JSON to a provider and returns the parsed answer. Errors name the URL and status (never the
 * key or the text sent) so an operator can fix the configuration.
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { apiKey?: string; timeoutMs?: number; code: LumbarErrorCode; fetchImpl?: typeof fetch },
): Promise<unknown> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  let res: Response;
  try {
    res = await (options.fetchImpl ?? fetch)(url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (err) {
    throw LumbarError.fromError(options.code, `request to ${url} failed`, err);
  }
  if (!res.ok) {
    // Some servers echo the Authorization header in their error body: never let the key reach a log.
    const body = await res.text().catch(() => "");
    const detail = (options.apiKey ? body.split(options.apiKey).join("[redacted]") : body).slice(0, 200);
    throw new LumbarError(options.code, `${url} answered HTTP ${res.status}${detail ? `: ${detail}` : ""}`, { status: res.status });
  }
  try {
    return await res.json();
  } catch (err) {
    throw LumbarError.fromError(options.code, `${url} did not return JSON`, err);
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
