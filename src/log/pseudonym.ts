import { createHmac, randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../core/errors.ts";

/** The key file created in the data folder when LUMBAR_PSEUDONYM_KEY is unset. */
export const PSEUDONYM_KEY_FILE = "pseudonym.key";

/** Shortest LUMBAR_PSEUDONYM_KEY accepted: a short key could be guessed and the ids recovered. */
export const MIN_PSEUDONYM_KEY_LENGTH = 16;

// Until a serving process installs its lasting key, a random one for this process only: pseudonyms
// then correlate within one run and can never be reversed, as an unkeyed hash of a numeric Telegram
// id could be by hashing every number.
let key = randomBytes(32).toString("hex");

/**
 * A stable short stand-in for a user, chat or conversation id in logs: an HMAC-SHA256 keyed by a
 * secret, so log lines correlate without saying who asked about their health. Every channel and
 * the core use this one function.
 */
export function pseudonym(id: string | number): string {
  return createHmac("sha256", key).update(String(id)).digest("hex").slice(0, 10);
}

/** Makes {@link pseudonym} use `secret` from now on (the serving process calls this once at start). */
export function usePseudonymKey(secret: string): void {
  if (secret.length < MIN_PSEUDONYM_KEY_LENGTH) throw new RangeError(`a pseudonym key needs at least ${MIN_PSEUDONYM_KEY_LENGTH} characters`);
  key = secret;
}

/** Where the key came from, for the start-up log (never the key itself). */
export type PseudonymKeySource = "LUMBAR_PSEUDONYM_KEY" | "file" | "generated";

/**
 * The lasting pseudonym key: LUMBAR_PSEUDONYM_KEY when set, else the key file in the data folder,
 * created on first start with a random key (mode 0600: only Lumbar's user may read it). Reusing it
 * keeps pseudonyms stable across restarts, so an operator can follow one person through the logs.
 *
 * @throws ConfigError naming LUMBAR_DATA_DIR and the file when it cannot be read or written.
 */
export async function loadPseudonymKey(dataDir: string, fromEnv: string | null): Promise<{ key: string; source: PseudonymKeySource; file?: string }> {
  if (fromEnv) return { key: fromEnv, source: "LUMBAR_PSEUDONYM_KEY" };
  const file = path.join(dataDir, PSEUDONYM_KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing !== null) return { key: existing, source: "file", file };
  const fresh = randomBytes(32).toString("hex");
  // Written whole to a file of this process's own, then linked into place: two processes starting
  // together never overwrite each other's key (a link to an existing name fails), and neither ever
  // reads the other's key file half written (created, not yet filled, it read as "damaged").
  const own = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(own, fresh + "\n", { mode: 0o600, flag: "wx" });
    // A file system without hard links (some network shares) gets the plain exclusive create.
    await link(own, file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "EEXIST") throw err;
      return writeFile(file, fresh + "\n", { mode: 0o600, flag: "wx" });
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") {
      const theirs = await readKeyFile(file);
      if (theirs !== null) return { key: theirs, source: "file", file };
    }
    throw fileError(file, "cannot create the pseudonym key file", err);
  } finally {
    await unlink(own).catch(() => undefined);
  }
  return { key: fresh, source: "generated", file };
}

async function readKeyFile(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw fileError(file, "cannot read the pseudonym key file", err);
  }
  const value = text.trim();
  if (value.length < MIN_PSEUDONYM_KEY_LENGTH) {
    throw new ConfigError("LUMBAR_DATA_DIR", `the pseudonym key file '${file}' is empty or damaged; delete it to generate a new key (pseudonyms in older logs will no longer match), or set LUMBAR_PSEUDONYM_KEY`);
  }
  // A key readable by others would let them reverse the pseudonyms: tighten it if it was loosened.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600).catch(() => undefined);
  return value;
}

function fileError(file: string, what: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
  return new ConfigError("LUMBAR_DATA_DIR", `${what} '${file}' (${code}); make the data folder writable, or set LUMBAR_PSEUDONYM_KEY`);
}

/** Loads (or creates) the lasting key and makes {@link pseudonym} use it; returns where it came from. */
export async function installPseudonymKey(dataDir: string, fromEnv: string | null): Promise<PseudonymKeySource> {
  const { key: loaded, source } = await loadPseudonymKey(dataDir, fromEnv);
  usePseudonymKey(loaded);
  return source;
}
