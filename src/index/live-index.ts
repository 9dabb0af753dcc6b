import type { ProviderConfig } from "../config/config.ts";
import { DataFileError, LumbarError } from "../core/errors.ts";
import type { Logger } from "../log/logger.ts";
import type { IndexPointer } from "../store/types.ts";
import { buildIndex } from "./build-index.ts";
import { readCurrent, type CurrentPointer } from "./current-pointer.ts";
import { indexPaths, versionDir } from "./index-paths.ts";
import { fallbackOrder, keptVersionNames } from "./kept-versions.ts";
import { loadIndex } from "./load-index.ts";
import type { Manifest } from "./manifest.ts";
import type { IndexSnapshot } from "./snapshot.ts";
import { IndexDamagedError } from "./version-integrity.ts";

export interface LiveIndexOptions {
  dataDir: string;
  corpusDir: string;
  embeddings: ProviderConfig | null;
  logger: Logger;
  /** How often to look for a version switched by another process, in ms. Defaults to 2000. */
  checkEveryMs?: number;
  /**
   * The serving version shared by every instance on a database (LUMBAR_DATABASE_URL). When set, it
   * names the version to serve instead of CURRENT, and reindexing publishes to it. The version's
   * files are still read from `dataDir`, which those instances share. Unset: CURRENT alone decides.
   */
  pointer?: IndexPointer;
  now?: () => number;
  /** Readies a loaded version before it serves (the core builds its per-version tables here). */
  prepare?: (snapshot: IndexSnapshot) => void;
}

/**
 * The index a serving process answers from. It notices when CURRENT (or, with a database, the
 * shared pointer) names a new version (a reindex or rollback from the CLI or another instance) and
 * swaps to it without a restart.
 *
 * A version whose files do not match its manifest is never served. At start-up, when CURRENT is
 * missing, unreadable, or names such a version, the newest good kept version serves instead (older
 * than the one CURRENT names first, as a rollback would pick); only when none is good is the index
 * rebuilt from the corpus, as on a first start. Once serving, a version that cannot be loaded leaves
 * the current one serving.
 */
export class LiveIndex {
  private snapshot: IndexSnapshot | null = null;
  private lastCheck = 0;
  private loading: Promise<void> | null = null;
  /** Versions found damaged, with why: CURRENT naming one is not re-hashed at every check. */
  private readonly refused = new Map<string, string>();
  /** The last CURRENT problem logged while serving, so a bad pointer is logged once, not every check. */
  private reported: string | null = null;

  constructor(private readonly options: LiveIndexOptions) {}

  /** The serving snapshot, building the first index if there is none yet. */
  async get(): Promise<IndexSnapshot> {
    const now = (this.options.now ?? Date.now)();
    if (!this.snapshot || now - this.lastCheck >= (this.options.checkEveryMs ?? 2000)) {
      this.lastCheck = now;
      this.loading ??= this.refresh().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    if (!this.snapshot) throw new LumbarError("INDEX_MISSING", "no index is available; run 'lumbar reindex'");
    return this.snapshot;
  }

  /**
   * Loads a version and readies it (options.prepare) before it serves: work done once per version
   * (spelling index, vocabulary, heading index) then never lands on a person's message, not after a
   * start and not after a switch.
   */
  private async load(version: string): Promise<IndexSnapshot> {
    const snapshot = await loadIndex(this.options.dataDir, version, this.options.embeddings);
    this.options.prepare?.(snapshot);
    return snapshot;
  }

  /** Rebuilds from the corpus and switches to the result; on failure the old version keeps serving. */
  async reindex(onProgress?: (done: number, total: number) => void): Promise<Manifest> {
    const { dataDir, corpusDir, embeddings } = this.options;
    const publish = this.options.pointer ? (v: string) => this.options.pointer!.publish(v) : undefined;
    const manifest = await buildIndex({ dataDir, corpusDir, embeddings, onProgress, publish });
    this.snapshot = await this.load(manifest.version);
    this.options.logger.info("index.switched", { version: manifest.version, chunks: manifest.chunkCount });
    return manifest;
  }

  /**
   * What names the version to serve: the shared pointer when there is one and it names a version,
   * otherwise CURRENT. Polled (a one-row SELECT every check) rather than LISTEN/NOTIFY: no
   * connection to keep open and re-listen on after a database restart, and the 2 s check already
   * meets the 5 s switch. A database that cannot be read falls back to CURRENT, which the
   * reindexing instance wrote in the same shared folder before publishing.
   */
  private async readPointer(): Promise<CurrentPointer> {
    const shared = this.options.pointer;
    if (shared) {
      try {
        const version = await shared.read();
        if (version !== null) return { kind: "version", version };
      } catch (err) {
        this.options.logger.error("index.shared_pointer_unavailable", { error: err });
      }
    }
    return readCurrent(indexPaths(this.options.dataDir));
  }

  /** True when `err` says the version's folder does not exist here at all (not that its files are damaged). */
  private isAbsent(err: unknown, version: string): boolean {
    return err instanceof IndexDamagedError && err.problem === "missing" && err.file === versionDir(indexPaths(this.options.dataDir), version);
  }

  private async refresh(): Promise<void> {
    const { logger } = this.options;
    const pointer = await this.readPointer();
    const named = pointer.kind === "version" ? pointer.version : null;
    if (named !== null && this.snapshot?.manifest.version === named) {
      this.reported = null;
      return;
    }
    if (named !== null && !this.refused.has(named)) {
      try {
        this.snapshot = await this.load(named);
        this.reported = null;
        logger.info("index.loaded", { version: named, chunks: this.snapshot.manifest.chunkCount });
        return;
      } catch (err) {
        if (this.options.pointer && pointer.kind === "version" && this.isAbsent(err, named)) {
          // The database names a version this data folder does not have: the folder is not the
          // one the other instances share, or shared storage has not shown it yet. Never refused
          // for good (retried at every check), and never replaced by a build of this instance's own.
          const problem = `the database names index version ${named}, which is not in ${indexPaths(this.options.dataDir).versions}: every instance on LUMBAR_DATABASE_URL must share LUMBAR_DATA_DIR`;
          if (!this.snapshot) throw new LumbarError("INDEX_MISSING", problem, { cause: err });
          if (problem !== this.reported) logger.error("index.shared_version_absent_keeping_old", { version: named, serving: this.snapshot.manifest.version, problem });
          this.reported = problem;
          return;
        }
        if (!isDamage(err)) {
          if (!this.snapshot) throw err;
          logger.error("index.load_failed_keeping_old", { version: named, serving: this.snapshot.manifest.version, error: err });
          return;
        }
        this.refused.set(named, err.message);
        if (this.snapshot) {
          logger.warn("index.damaged_keeping_old", { refused: named, serving: this.snapshot.manifest.version, ...damageFields(err) });
          return;
        }
        logger.warn("index.damaged", { refused: named, ...damageFields(err) });
      }
    }
    if (this.snapshot) {
      // CURRENT went missing or bad under a serving process: keep serving, say so once.
      const problem = describe(pointer, this.refused);
      if (problem !== this.reported) logger.warn("index.current_unusable_keeping_old", { serving: this.snapshot.manifest.version, problem });
      this.reported = problem;
      return;
    }
    if (await this.serveNewestGood(named, pointer)) return;
    await this.buildFirst(pointer);
  }

  /** Start-up without a usable CURRENT: serves the newest kept version that verifies; false if none does. */
  private async serveNewestGood(named: string | null, pointer: CurrentPointer): Promise<boolean> {
    const { logger } = this.options;
    const names = await keptVersionNames(indexPaths(this.options.dataDir));
    for (const version of fallbackOrder(names, named)) {
      if (this.refused.has(version)) continue;
      try {
        this.snapshot = await this.load(version);
      } catch (err) {
        if (isDamage(err)) this.refused.set(version, err.message);
        logger.warn("index.fallback_candidate_refused", { version, ...damageFields(err) });
        continue;
      }
      logger.warn("index.fallback_serving", {
        serving: version,
        refused: named,
        problem: describe(pointer, this.refused),
        chunks: this.snapshot.manifest.chunkCount,
      });
      return true;
    }
    return false;
  }

  /** No good version at all: builds from the corpus, or waits for another process that is building. */
  private async buildFirst(pointer: CurrentPointer): Promise<void> {
    const { logger } = this.options;
    if (pointer.kind === "missing" && this.refused.size === 0) logger.info("index.first_build", { corpusDir: this.options.corpusDir });
    else logger.warn("index.no_good_version_rebuilding", { problem: describe(pointer, this.refused), refused: [...this.refused.keys()] });
    try {
      await this.reindex();
    } catch (err) {
      // Two processes started together on an empty data folder: one builds, the other waits for it.
      if (!(err instanceof LumbarError && err.code === "REINDEX_RUNNING")) throw err;
      await this.waitForGoodVersion();
    }
  }

  private async waitForGoodVersion(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const pointer = await readCurrent(indexPaths(this.options.dataDir));
      if (pointer.kind === "version" && !this.refused.has(pointer.version)) {
        try {
          this.snapshot = await this.load(pointer.version);
          return;
        } catch (err) {
          if (!isDamage(err)) throw err;
          this.refused.set(pointer.version, err.message);
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new LumbarError("INDEX_MISSING", "waited for another process to build the first index, but none appeared; run 'lumbar reindex'");
  }
}

/**
 * Damage a kept version cannot serve with: files that do not match the manifest, or copied rules or
 * lexicon this Lumbar cannot read (an older release's format). Anything else (an embedder that the
 * configuration no longer selects, a disk error) is reported as it is, not hidden by a fallback.
 */
function isDamage(err: unknown): err is LumbarError {
  return err instanceof IndexDamagedError || err instanceof DataFileError;
}

function damageFields(err: unknown): Record<string, unknown> {
  if (err instanceof IndexDamagedError) return { file: err.file, problem: err.problem };
  if (err instanceof DataFileError) return { file: err.file, problem: err.message };
  return { error: err };
}

function describe(pointer: CurrentPointer, refused: Map<string, string>): string {
  if (pointer.kind === "missing") return "CURRENT is missing";
  if (pointer.kind === "corrupt") return pointer.problem;
  const why = refused.get(pointer.version);
  return why ? `CURRENT names a damaged version: ${why}` : `CURRENT names ${pointer.version}`;
}
