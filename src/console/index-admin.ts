import type { ProviderConfig } from "../config/config.ts";
import type { IndexStatus, Lumbar } from "../core/types.ts";
import { indexPaths } from "../index/index-paths.ts";
import { listKeptVersions } from "../index/kept-versions.ts";
import { rollbackIndex, type RollbackResult } from "../index/rollback.ts";

/** One kept index version as the console lists it. */
export interface VersionRow {
  version: string;
  builtAt: string | null;
  chunkCount: number | null;
  /** The corpus hash from a verified manifest; null for a damaged version. */
  corpusHash: string | null;
  verified: boolean;
  problem?: string;
  serving: boolean;
}

/** A reindex started from the console, as its progress bar shows it. */
export interface ReindexJob {
  state: "idle" | "running" | "finished" | "failed";
  done: number;
  total: number;
  startedAt?: string;
  finishedAt?: string;
  result?: IndexStatus;
  /** Why it failed, in the core's words (they name the file and line of a corpus problem). */
  error?: string;
}

export interface IndexAdminOptions {
  lumbar: Lumbar;
  dataDir: string;
  embeddings: ProviderConfig | null;
  /** Publishes a rolled-back version to every instance on a shared database. */
  publish?: (version: string) => Promise<void>;
  now?: () => Date;
}

/**
 * The index page's actions: the kept versions (each verified, as `lumbar rollback --list` does), a
 * reindex through the core with its progress kept for the page to poll, and rollback (the same
 * function as `lumbar rollback`, under the same lock).
 */
export class IndexAdmin {
  private job: ReindexJob = { state: "idle", done: 0, total: 0 };
  private readonly now: () => Date;

  constructor(private readonly options: IndexAdminOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async status(): Promise<IndexStatus | null> {
    return this.options.lumbar.status().catch(() => null);
  }

  async versions(): Promise<VersionRow[]> {
    const serving = (await this.status())?.version;
    const kept = await listKeptVersions(indexPaths(this.options.dataDir));
    return kept.map((k) => ({
      version: k.version,
      builtAt: k.builtAt,
      chunkCount: k.chunkCount,
      corpusHash: k.manifest?.corpusHash ?? null,
      verified: k.damage === null,
      ...(k.damage ? { problem: `${k.damage.file}: ${k.damage.problem}` } : {}),
      serving: k.version === serving,
    }));
  }

  progress(): ReindexJob {
    return { ...this.job };
  }

  /** Starts a reindex in the background; false when one started here is still running. */
  startReindex(): boolean {
    if (this.job.state === "running") return false;
    const job: ReindexJob = { state: "running", done: 0, total: 0, startedAt: this.now().toISOString() };
    this.job = job;
    void this.options.lumbar
      .reindex({
        onProgress: (done, total) => {
          job.done = done;
          job.total = total;
        },
      })
      .then(
        (result) => Object.assign(job, { state: "finished", result, finishedAt: this.now().toISOString() }),
        (err: unknown) => Object.assign(job, { state: "failed", error: err instanceof Error ? err.message : String(err), finishedAt: this.now().toISOString() }),
      );
    return true;
  }

  rollback(to: string): Promise<RollbackResult> {
    const { dataDir, embeddings, publish } = this.options;
    return rollbackIndex({ dataDir, embeddings, to, ...(publish ? { publish } : {}) });
  }
}
