import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** One logged-in operator. */
export interface Session {
  id: string;
  /** The name the operator gave at login: recorded as who in the audit log. */
  operator: string;
  /** Sent back with every form, checked on every POST. */
  csrf: string;
  /** Epoch ms of the last request, for the idle timeout. */
  seenAt: number;
}

/**
 * Constant-time comparison of a secret someone typed with the one expected. Both sides are hashed
 * first, so neither the content nor the length of the secret leaks through timing.
 */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** A random token for session ids and CSRF tokens: 32 bytes, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Console sessions in this process's memory: a restart logs everyone out, which is acceptable for
 * a small clinic's console and keeps no session secret on disk. Sessions end after `idleMs` without
 * a request (default 8 hours, a working day).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly idleMs = 8 * 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  create(operator: string): Session {
    const session: Session = { id: randomToken(), operator, csrf: randomToken(), seenAt: this.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id (touched), or undefined; looked up by map key, then compared in constant time. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session || !secretsMatch(id, session.id)) return undefined;
    if (this.now() - session.seenAt > this.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.seenAt = this.now();
    return session;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }
}

/**
 * Failed logins per client address in fixed windows: after `max` failures within `windowMs` the
 * address is refused until the window ends, so the token cannot be guessed at speed. Written here
 * (a map and a count) rather than taken from a library: the console is one process with one route
 * to protect.
 */
export class LoginLimit {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until this address may try again, or 0 when it may now. */
  blockedFor(address: string): number {
    const entry = this.failures.get(address);
    if (!entry || entry.until <= this.now()) return 0;
    return entry.count >= this.max ? Math.ceil((entry.until - this.now()) / 1000) : 0;
  }

  fail(address: string): void {
    const t = this.now();
    for (const [k, v] of this.failures) if (v.until <= t) this.failures.delete(k);
    const entry = this.failures.get(address);
    if (entry && entry.until > t) entry.count++;
    else this.failures.set(address, { count: 1, until: t + this.windowMs });
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }
}
