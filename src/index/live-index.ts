import type { ProviderConfig } from "../config/config.ts";
import { DataFileError, LumbarError } from "../core/errors.ts";
import type { Logger } from "../log/logger.ts";
import { buildIndex } from "./build-index.ts";
import { currentVersion, loadIndex } from "./load-index.ts";
import type { Manifest } from "./manifest.ts";
import type { IndexSnapshot } from "./snapshot.ts";

export interface LiveIndexOptions {
  dataDir: string;
  corpusDir: string;
  embeddings: ProviderConfig | null;
  logger: Logger;
  /** How often to look for a version switched by another process, in ms. Defaults to 2000. */
  checkEveryMs?: number;
  now?: () => number;
}

/**
 * The index a serving process answers from. It notices when CURRENT names a new version (a reindex
 * from the CLI or another bot) and swaps to it without a restart; if the new version cannot be
 * loaded it keeps serving the old one and logs why.
 */
export class LiveIndex {
  private snapshot: IndexSnapshot | null = null;
  private lastCheck = 0;
  private loading: Promise<void> | null = null;

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

  /** Rebuilds from the corpus and switches to the result; on failure the old version keeps serving. */
  async reindex(onProgress?: (done: number, total: number) => void): Promise<Manifest> {
    const { dataDir, corpusDir, embeddings } = this.options;
    const manifest = await buildIndex({ dataDir, corpusDir, embeddings, onProgress });
    this.snapshot = await loadIndex(this.options.dataDir, manifest.version, this.options.embeddings);
    this.options.logger.info("index.switched", { version: manifest.version, chunks: manifest.chunkCount });
    return manifest;
  }

  private async waitForFirstVersion(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const version = await currentVersion(this.options.dataDir);
      if (version) {
        this.snapshot = await loadIndex(this.options.dataDir, version, this.options.embeddings);
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new LumbarError("INDEX_MISSING", "waited for another process to build the first index, but none appeared; run 'lumbar reindex'");
  }

  private async refresh(): Promise<void> {
    const version = await currentVersion(this.options.dataDir);
    if (version === null) {
      if (this.snapshot) return;
      this.options.logger.info("index.first_build", { corpusDir: this.options.corpusDir });
      try {
        await this.reindex();
      } catch (err) {
        // Two processes started together on an empty data folder: one builds, the other waits for it.
        if (!(err instanceof LumbarError && err.code === "REINDEX_RUNNING")) throw err;
        await this.waitForFirstVersion();
      }
      return;
    }
    if (this.snapshot?.manifest.version === version) return;
    try {
      this.snapshot = await loadIndex(this.options.dataDir, version, this.options.embeddings);
      this.options.logger.info("index.loaded", { version, chunks: this.snapshot.manifest.chunkCount });
    } catch (err) {
      if (!this.snapshot) {
        // A version whose copied rules or lexicon this Lumbar cannot read (built by an older release,
        // or damaged) is never served: the index is rebuilt from the corpus instead.
        if (!(err instanceof DataFileError)) throw err;
        this.options.logger.warn("index.unreadable_rebuilding", { version, error: err });
        await this.reindex();
        return;
      }
      this.options.logger.error("index.load_failed_keeping_old", { version, serving: this.snapshot.manifest.version, error: err });
    }
  }
}
