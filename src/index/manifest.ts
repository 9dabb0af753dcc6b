/** Written last into every index version: what was built, from what, with which embedder. */
export interface Manifest {
  version: string;
  builtAt: string;
  corpusHash: string;
  embedder: { name: string; dimensions: number };
  chunkCount: number;
  articles: string[];
  /** Corpus files the build read (paths relative to the corpus folder). */
  files: string[];
  /** HNSW search breadth set after every load (LangChain's wrapper leaves hnswlib's default of 10). */
  efSearch: number;
}

export const MANIFEST_FILE = "manifest.json";
export const CHUNKS_FILE = "chunks.json";
export const EXEMPLARS_DIR = "red-flag-exemplars";
