import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Session, SessionStore } from "./sessions.ts";
import { secretsMatch } from "./sessions.ts";

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Path=/. */
export const SESSION_COOKIE = "lumbar_console";
/** The login form's nonce cookie, so a login cannot be forged from another site either. */
export const LOGIN_COOKIE = "lumbar_login";

export type ConsoleEnv = { Variables: { session: Session } };

/** The client's address as the socket gives it ("unknown" when not served by node). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function setSessionCookie(c: Context, session: Session): void {
  setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: "Strict", path: "/", secure: new URL(c.req.url).protocol === "https:" });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/**
 * Every route but the login form passes here. Without a live session nothing is answered: a page
 * (GET) redirects to the login, anything else is 401; no escalation data is ever sent. A POST must
 * also carry the session's CSRF token (form field `_csrf` or header `x-csrf-token`).
 */
export function requireSession(sessions: SessionStore): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = sessions.get(getCookie(c, SESSION_COOKIE));
    if (!session) {
      if (c.req.method === "GET" && isPage(c.req.path)) {
        const next = c.req.path === "/" ? "/queue" : c.req.path;
        return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      }
      return c.text("Sign in first.", 401, { "cache-control": "no-store" });
    }
    if (c.req.method === "POST") {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const given = String(form["_csrf"] ?? c.req.header("x-csrf-token") ?? "");
      if (!secretsMatch(given, session.csrf)) return c.text("The form has expired or did not come from the console; reload the page and try again.", 403);
    }
    c.set("session", session);
    await next();
  };
}

/**
 * The console's pages, which send a browser without a session to the login. Anything else (scripts,
 * JSON, the favicon a browser asks for on its own) is a plain 401: a redirect there would only
 * render another login form behind the operator's back.
 */
function isPage(p: string): boolean {
  return p === "/" || p === "/queue" || p === "/index" || p === "/quality" || /^\/queue\/[\w-]+$/.test(p);
}

/** A path inside the console to go back to after a form, or the fallback (never another site). */
export function safeBack(value: unknown, fallback: string): string {
  const s = typeof value === "string" ? value : "";
  return /^\/(?![/\\])[\w\-./?=&%]*$/.test(s) ? s : fallback;
}
