import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { ScopeRules } from "../answer/scope.ts";
import type { VocabularyData } from "../answer/domain-vocabulary.ts";
import type { Chunk } from "../corpus/chunk.ts";
import type { NamedEmbeddings } from "../embed/create-embeddings.ts";
import type { Bm25 } from "../retrieve/bm25.ts";
import type { SavedHeadings } from "../retrieve/heading-index.ts";
import type { PassageTerms } from "../retrieve/passage-terms.ts";
import type { RuleSet } from "../safety/rules.ts";
import type { Analyzer } from "../text/analyzer.ts";
import type { Manifest } from "./manifest.ts";
import type { VectorIndex } from "./vector-index.ts";

/** Everything one index version serves with, loaded together so a swap is one assignment. */
export interface IndexSnapshot {
  manifest: Manifest;
  dir: string;
  chunks: Chunk[];
  analyzer: Analyzer;
  bm25: Bm25;
  /** Which passages hold which merged tokens, from the postings (follow-ups weigh the carried topic by it). */
  passageTerms: PassageTerms;
  /** The domain vocabulary's data as saved with the version; absent for versions built before it was saved. */
  vocabulary?: VocabularyData;
  /** The chunks' vectors (label = chunk index), ef already set. */
  vectors: VectorIndex;
  embeddings: NamedEmbeddings;
  rules: RuleSet;
  scope: ScopeRules;
  /** The saved spelling indexes the analyzer adopted (spelling.bin), shared with red-flag workers; absent when built in memory. */
  spellingBytes?: SharedArrayBuffer;
  /** Each heading's tokens as saved with the version (headings.json); absent for versions built before it was saved. */
  savedHeadings?: SavedHeadings;
  /** Red-flag example phrases, for the semantic back-up; metadata holds the rule id. */
  exemplars: HNSWLib;
}
