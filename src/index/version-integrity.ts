import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
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
export async function verifyVersion(dir: string, version: string): Promise<Manifest> {
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
  for (const [rel, expected] of Object.entries(manifest.checksums)) {
    if (rel.split("/").some((part) => part === ".." || part === "") || path.isAbsolute(rel)) {
      throw new IndexDamagedError(version, manifestFile, `records a file outside the version folder ('${rel}')`);
    }
    const file = path.join(dir, ...rel.split("/"));
    const size = await stat(file).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new IndexDamagedError(version, file, "missing");
    if (size !== expected.size) {
      throw new IndexDamagedError(version, file, `${size} bytes where the manifest recorded ${expected.size}${size < expected.size ? " (truncated)" : ""}`);
    }
    if ((await sha256File(file)) !== expected.sha256) throw new IndexDamagedError(version, file, "contents changed since the build (sha256 differs from the manifest)");
  }
  return manifest;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  // Streamed: an HNSW index file can be hundreds of megabytes.
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
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
