import { createHash } from "node:crypto";
import { open, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { LumbarError } from "../core/errors.ts";
import { MANIFEST_FILE, type FileChecksum, type Manifest } from "./manifest.ts";

/**
 * A version whose files do not match its manifest (truncated, changed, missing) or whose manifest
 * cannot be read. It is never served; `file` names what is wrong so an operator can look.
 */
export class IndexDamagedError extends LumbarError {
  readonly version: string;
  readonly file: string;
  readonly problem: string;

  constructor(version: string, file: string, problem: string, options?: { cause?: unknown }) {
    super("INDEX_DAMAGED", `index version ${version} is damaged: ${file}: ${problem}`, options);
    this.name = "IndexDamagedError";
    this.version = version;
    this.file = file;
    this.problem = problem;
  }
}

/** Size and sha256 of every file under a version folder but the manifest, keyed by `/`-separated relative path. */
export async function checksumVersion(dir: string): Promise<Record<string, FileChecksum>> {
  const out: Record<string, FileChecksum> = {};
  for (const rel of (await listFiles(dir)).sort()) {
    if (rel === MANIFEST_FILE) continue;
    const file = path.join(dir, ...rel.split("/"));
    out[rel] = { size: (await stat(file)).size, sha256: await sha256File(file) };
  }
  return out;
}

/**
 * Reads a version's manifest and checks every file it records against its size and sha256.
 * Throws IndexDamagedError naming the first file that does not match.
 */
export async function verifyVersion(dir: string, version: string, options: VerifyOptions = {}): Promise<Manifest> {
  const { manifest, verified } = await startVerifyingVersion(dir, version, { ...options, backgroundFrom: Infinity });
  await verified;
  return manifest;
}

export interface VerifyOptions {
  /** Files (relative paths) the caller never reads, given the manifest: only their size is checked (a red-flag worker's copy of the chunks and vectors). */
  unread?: (manifest: Manifest) => ReadonlySet<string>;
  /** Files of at least this many bytes are hashed on a worker thread (default 16 MB). */
  backgroundFrom?: number;
}

/** Files of at least this many bytes are hashed on a worker thread while the load reads them. */
const BACKGROUND_FROM = 16 << 20;

/**
 * {@link verifyVersion} in two steps: the manifest, every file's presence and size (throwing at
 * once), then `verified`, which settles when every file's sha256 has been checked and rejects with
 * IndexDamagedError naming the first file, in the manifest's order, that does not match. The large
 * files (the chunks and vectors, hundreds of MB at 100,000 chunks) are hashed on a worker thread,
 * so a load reads and parses them meanwhile; it must not serve before `verified` settles.
 */
export async function startVerifyingVersion(dir: string, version: string, options: VerifyOptions = {}): Promise<{ manifest: Manifest; verified: Promise<void> }> {
  const manifestFile = path.join(dir, MANIFEST_FILE);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, "utf8")) as Manifest;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === "ENOENT" ? "missing" : code ? `cannot be read (${code})` : `is not valid JSON (${(err as Error).message})`;
    throw new IndexDamagedError(version, code === "ENOENT" && !(await exists(dir)) ? dir : manifestFile, problem, { cause: err });
  }
  if (typeof manifest !== "object" || manifest === null || manifest.version !== version) {
    throw new IndexDamagedError(version, manifestFile, `names version '${(manifest as Partial<Manifest> | null)?.version}', not the folder it is in`);
  }
  if (typeof manifest.checksums !== "object" || manifest.checksums === null || Object.keys(manifest.checksums).length === 0) {
    throw new IndexDamagedError(version, manifestFile, "records no checksums (built by an older Lumbar), so its files cannot be verified; run 'lumbar reindex'");
  }
  const entries = Object.entries(manifest.checksums).map(([rel, expected]) => {
    if (rel.split("/").some((part) => part === ".." || part === "") || path.isAbsolute(rel)) {
      throw new IndexDamagedError(version, manifestFile, `records a file outside the version folder ('${rel}')`);
    }
    return { rel, expected, file: path.join(dir, ...rel.split("/")) };
  });
  const unread = options.unread?.(manifest) ?? new Set<string>();
  const sizes = await Promise.all(entries.map(({ file }) => stat(file).then((s) => s.size, () => null)));
  const changed = (file: string) => new IndexDamagedError(version, file, "contents changed since the build (sha256 differs from the manifest)");
  const firstWrongSize = entries.findIndex(({ expected }, i) => sizes[i] !== expected.size);
  if (firstWrongSize >= 0) {
    // Named in the manifest's order: a file before it whose contents changed comes first.
    for (const { rel, expected, file } of entries.slice(0, firstWrongSize)) {
      if (!unread.has(rel) && (await sha256File(file)) !== expected.sha256) throw changed(file);
    }
    const { expected, file } = entries[firstWrongSize];
    const size = sizes[firstWrongSize];
    if (size === null) throw new IndexDamagedError(version, file, "missing");
    throw new IndexDamagedError(version, file, `${size} bytes where the manifest recorded ${expected.size}${size < expected.size ? " (truncated)" : ""}`);
  }
  const hashed = entries.filter(({ rel }) => !unread.has(rel));
  const from = options.backgroundFrom ?? BACKGROUND_FROM;
  const large = hashed.filter(({ expected }) => expected.size >= from);
  const background = large.length > 0 ? hashOnWorker(large.map((e) => e.file)) : Promise.resolve([]);
  const verified = (async () => {
    const digests = new Map<string, string>();
    for (const { file, expected } of hashed) if (expected.size < from) digests.set(file, await sha256File(file));
    (await background).forEach((digest, i) => digests.set(large[i].file, digest));
    const wrong = hashed.find(({ file, expected }) => digests.get(file) !== expected.sha256);
    if (wrong) throw changed(wrong.file);
  })();
  // Awaited by the caller before it serves; a load that fails first must not leave it unhandled.
  verified.catch(() => undefined);
  return { manifest, verified };
}

/** sha256 of each file, streamed on a worker thread (hash-worker.mjs). */
function hashOnWorker(files: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./hash-worker.mjs", import.meta.url), { workerData: { files } });
    worker.once("message", (reply: { digests: string[]; error?: string }) => {
      void worker.terminate();
      if (reply.error !== undefined) reject(new LumbarError("INDEX_INVALID", `hashing the index files failed: ${reply.error}`));
      else resolve(reply.digests);
    });
    worker.once("error", reject);
    // A worker that stops without a reply (killed, out of memory) must not leave the load waiting forever.
    worker.once("exit", (code) => reject(new LumbarError("INDEX_INVALID", `hashing the index files stopped (worker exit code ${code}) before it finished`)));
  });
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  // Read piece by piece into one buffer (a vectors file is hundreds of megabytes): a read stream's
  // new buffer per piece made hashing 226 MB take 0.5 s instead of 0.15 s (page faults).
  const piece = Buffer.allocUnsafe(1 << 20);
  const fh = await open(file, "r");
  try {
    for (let n; (n = (await fh.read(piece, 0, piece.length, null)).bytesRead) > 0; ) hash.update(piece.subarray(0, n));
  } finally {
    await fh.close();
  }
  return hash.digest("hex");
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
