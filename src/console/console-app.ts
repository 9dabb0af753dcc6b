import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { Lumbar } from "../core/types.ts";
import { readLatestEval } from "../eval/latest-results.ts";
import { silentLogger, type Logger } from "../log/logger.ts";
import type { HourCounts } from "../metrics/hourly-counts.ts";
import { foldQueue } from "../safety/escalation-queue.ts";
import type { AuditStore } from "../store/types.ts";
import { clearSessionCookie, clientAddress, LOGIN_COOKIE, requireSession, safeBack, setSessionCookie, type ConsoleEnv } from "./auth.ts";
import type { IndexAdmin } from "./index-admin.ts";
import { evalCharts, liveCounters } from "./quality-data.ts";
import { escalationView, parseFilter, queueView } from "./queue-view.ts";
import { LoginLimit, randomToken, secretsMatch, SessionStore, type Session } from "./sessions.ts";
import { indexPage, jobLine } from "./views/index-page.ts";
import { loginPage } from "./views/login.ts";
import { qualityPage } from "./views/quality.ts";
import { escalationPage, queuePage } from "./views/queue.ts";

/** What the console reads and acts through. It knows no chat channel: only the core, its audit log and its index. */
export interface ConsoleDeps {
  lumbar: Lumbar;
  /** The audit log the core writes (file or database), read for the queue and counters. */
  audit: AuditStore;
  /** LUMBAR_CONSOLE_TOKEN. */
  token: string;
  /** LUMBAR_LOG_MESSAGE_TEXT: message text is shown only while it is on. */
  showText: boolean;
  index: IndexAdmin;
  /** Where `lumbar eval` keeps its latest results. */
  dataDir: string;
  /** This process's messages by hour, when the console runs beside the bots. */
  hourly?: () => HourCounts[];
  sessions?: SessionStore;
  loginLimit?: LoginLimit;
  logger?: Logger;
  now?: () => Date;
}

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "static");
/** Chart.js's browser build, served from node_modules (the machine may have no internet, and no CDN is trusted). */
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js");
const STATIC_FILES: Record<string, string> = {
  "chart.umd.min.js": CHART_JS,
  "index.js": path.join(STATIC_DIR, "index.js"),
  "quality.js": path.join(STATIC_DIR, "quality.js"),
};

/** The operator console as a Hono app: login, the escalation queue, the index and quality pages. */
export function createConsoleApp(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const sessions = deps.sessions ?? new SessionStore();
  const loginLimit = deps.loginLimit ?? new LoginLimit();
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  /** One notice per session, shown on the next page (after a redirect). */
  const notices = new WeakMap<Session, string>();
  const takeNotice = (s: Session) => {
    const n = notices.get(s);
    notices.delete(s);
    return n;
  };
  const app = new Hono<ConsoleEnv>();

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      // Not "no-referrer": with it Chromium sends its own forms with Origin: null, as from another site,
      // and leaves out SameSite=Strict cookies. Same-origin keeps the console's URLs from other sites.
      referrerPolicy: "same-origin",
    }),
  );
  app.use("*", async (c, next) => {
    await next();
    // Health data: no browser or proxy keeps a copy.
    c.header("cache-control", "no-store");
  });
  // Same-origin check on every form post (Origin / Sec-Fetch-Site), before the session's token is checked.
  app.use("*", csrf());

  // === Login (the only routes without a session)
  app.get("/login", (c) => {
    // One nonce per browser while it lasts, so two tabs on the login form both work.
    const nonce = getCookie(c, LOGIN_COOKIE) || randomToken();
    setCookie(c, LOGIN_COOKIE, nonce, { httpOnly: true, sameSite: "Strict", path: "/login", maxAge: 600 });
    return c.html(loginPage({ nonce, next: safeBack(c.req.query("next"), "/queue") }));
  });

  app.post("/login", async (c) => {
    const address = clientAddress(c);
    const form = await c.req.parseBody();
    const fresh = () => {
      const nonce = randomToken();
      setCookie(c, LOGIN_COOKIE, nonce, { httpOnly: true, sameSite: "Strict", path: "/login", maxAge: 600 });
      return nonce;
    };
    const next = safeBack(form["next"], "/queue");
    const wait = loginLimit.blockedFor(address);
    if (wait > 0) {
      logger.warn("console.login_limited", { address });
      return c.html(loginPage({ nonce: fresh(), next, error: `Too many failed sign-ins from this address; try again in ${Math.ceil(wait / 60)} minute(s).` }), 429);
    }
    const nonce = getCookie(c, LOGIN_COOKIE) ?? "";
    if (!nonce || !secretsMatch(String(form["_login"] ?? ""), nonce)) {
      return c.html(loginPage({ nonce: fresh(), next, error: "The sign-in form expired; please try again." }), 403);
    }
    const operator = String(form["operator"] ?? "").trim();
    if (!secretsMatch(String(form["token"] ?? ""), deps.token)) {
      loginLimit.fail(address);
      logger.warn("console.login_refused", { address });
      return c.html(loginPage({ nonce: fresh(), next, error: "Wrong console token." }), 401);
    }
    if (!/^[\p{L}\p{N} .'_@-]{1,60}$/u.test(operator)) {
      return c.html(loginPage({ nonce: fresh(), next, error: "Give your name (letters, digits, spaces, . ' _ @ -; up to 60 characters): it is recorded with every change you make." }), 400);
    }
    loginLimit.succeed(address);
    deleteCookie(c, LOGIN_COOKIE, { path: "/login" });
    const session = sessions.create(operator);
    setSessionCookie(c, session);
    logger.info("console.login", { address });
    return c.redirect(next, 303);
  });

  // === Everything else needs a session
  app.use("*", requireSession(sessions));

  app.post("/logout", (c) => {
    sessions.end(c.get("session").id);
    clearSessionCookie(c);
    return c.redirect("/login", 303);
  });

  app.get("/", (c) => c.redirect("/queue", 303));

  app.get("/static/:file", async (c) => {
    const file = STATIC_FILES[c.req.param("file")];
    if (!file) return c.notFound();
    return c.body(await readFile(file), 200, { "content-type": "text/javascript; charset=utf-8" });
  });

  // === Escalation queue
  const who = (s: Session) => ({ operator: s.operator, csrf: s.csrf });
  /** The rules' plain words, or none while no index can be loaded: the queue must show even then. */
  const rules = () =>
    deps.lumbar.redFlagRules().catch((err: unknown) => {
      logger.error("console.rules_unavailable", { error: err });
      return { rules: [], guidance: { emergency: "(the index is not loaded: see the Index page)", urgent: "(the index is not loaded: see the Index page)" } };
    });

  app.get("/queue", async (c) => {
    const session = c.get("session");
    const filter = parseFilter(c.req.query());
    const view = queueView(await deps.audit.read(), await rules(), filter, deps.showText);
    return c.html(queuePage(view, filter, who(session), c.req.url.slice(new URL(c.req.url).origin.length), takeNotice(session)));
  });

  app.get("/queue/:id", async (c) => {
    const session = c.get("session");
    const info = await rules();
    const entry = foldQueue(await deps.audit.read()).find((e) => e.record.id === c.req.param("id"));
    if (!entry) return c.html("<p>No such escalation. <a href=\"/queue\">Back to the queue</a></p>", 404);
    const view = escalationView(entry, new Map(info.rules.map((r) => [r.id, r.says])), info, deps.showText);
    return c.html(escalationPage(view, who(session), deps.showText, takeNotice(session)));
  });

  for (const [action, state] of [["acknowledge", "acknowledged"], ["resolve", "resolved"]] as const) {
    app.post(`/queue/:id/${action}`, async (c) => {
      const session = c.get("session");
      const form = await c.req.parseBody();
      const outcome = await deps.lumbar.changeEscalation({ escalationId: c.req.param("id"), state, by: session.operator, via: "console", from: `console:${clientAddress(c)}` });
      notices.set(
        session,
        outcome.kind === "changed"
          ? `Escalation ${state} by ${session.operator} at ${outcome.record.time}.`
          : outcome.kind === "unchanged"
            ? `Not changed: it is already ${outcome.state}${outcome.by ? ` (by ${outcome.by} at ${outcome.time})` : ""}.`
            : "No such escalation.",
      );
      return c.redirect(safeBack(form["back"], "/queue"), 303);
    });
  }

  // === Index
  app.get("/index", async (c) => {
    const session = c.get("session");
    return c.html(indexPage(await deps.index.status(), await deps.index.versions(), deps.index.progress(), who(session), takeNotice(session)));
  });

  app.get("/index/progress.json", (c) => {
    const job = deps.index.progress();
    return c.json({ ...job, line: jobLine(job) });
  });

  app.post("/index/reindex", (c) => {
    const session = c.get("session");
    const started = deps.index.startReindex();
    logger.info("console.reindex", { started });
    notices.set(session, started ? "Reindex started." : "A reindex started here is still running.");
    return c.redirect("/index", 303);
  });

  app.post("/index/rollback", async (c) => {
    const session = c.get("session");
    const form = await c.req.parseBody();
    const version = String(form["version"] ?? "");
    try {
      const result = await deps.index.rollback(version);
      logger.info("console.rollback", { version, unchanged: result.unchanged });
      notices.set(session, result.unchanged ? `${version} was already serving.` : `${version} is now serving (was ${result.from ?? "none"}); running bots switch within two seconds.`);
    } catch (err) {
      notices.set(session, `Rollback refused: ${err instanceof Error ? err.message : String(err)}`);
    }
    return c.redirect("/index", 303);
  });

  // === Quality
  app.get("/quality", (c) => c.html(qualityPage(who(c.get("session")))));

  app.get("/quality/data.json", async (c) => {
    const [latest, log] = await Promise.all([readLatestEval(deps.dataDir), deps.audit.read()]);
    return c.json({ eval: evalCharts(latest), counters: liveCounters(log, deps.hourly?.() ?? null, now()) });
  });

  app.notFound((c) => c.text("Not found.", 404));
  app.onError((err, c) => {
    // Refusals raised by middleware (hono's CSRF check answers 403 this way) keep their status.
    if (err instanceof HTTPException) return err.getResponse();
    logger.error("console.failed", { path: c.req.path, error: err });
    return c.text("The console could not do that; the log says why.", 500);
  });
  return app;
}
