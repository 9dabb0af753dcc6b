import type { VectorIndexInfo } from "./vector-index.ts";

/** Written last into every index version: what was built, from what, with which embedder. */
export interface Manifest {
  version: string;
  builtAt: string;
  corpusHash: string;
  embedder: { name: string; dimensions: number };
  chunkCount: number;
  /** Red-flag rules in the version's copy of red-flags.yml, checked again after it is parsed. */
  ruleCount: number;
  /** Concepts in the version's copy of lay-terms.yml, checked again after it is parsed. */
  conceptCount: number;
  articles: string[];
  /** Corpus files the build read (paths relative to the corpus folder). */
  files: string[];
  /** HNSW search breadth set after every load (LangChain's wrapper leaves hnswlib's default of 10). */
  efSearch: number;
  /** HNSW settings and shard sizes; absent in versions built before shards (one LangChain-saved index). */
  vectorIndex?: VectorIndexInfo;
  /**
   * Every file of the version except this manifest (paths relative to the version folder, with
   * `/`), with its size in bytes and sha256: a version is only served if all of them match.
   */
  checksums: Record<string, FileChecksum>;
}

export interface FileChecksum {
  size: number;
  sha256: string;
}

export const MANIFEST_FILE = "manifest.json";
/** The chunks of versions built before chunks.bin (see chunks-file.ts), still loaded. */
export const CHUNKS_FILE = "chunks.json";
export const EXEMPLARS_DIR = "red-flag-exemplars";

/** The domain vocabulary's data, saved at reindex (see src/answer/domain-vocabulary.ts). */
export const VOCABULARY_FILE = "vocabulary.json";
/** Each distinct heading's tokens, so a load need not analyse every heading again (see heading-index.ts). */
export const HEADINGS_FILE = "headings.json";
