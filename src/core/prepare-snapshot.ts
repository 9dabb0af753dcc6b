import { domainVocabulary } from "../answer/domain-vocabulary.ts";
import { chunkGroups } from "../index/chunk-groups.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { headingIndex } from "../retrieve/heading-index.ts";

/**
 * Builds what the answer path computes once per index version, before the version serves: the
 * domain vocabulary (it analyses every passage), the heading index, the chunk groups, and the
 * spelling index (adopted from the version when it was saved there, else built by the first
 * correction of a word nobody knows). Left to the first messages, these cost one person seconds
 * at 100,000 chunks.
 */
export function prepareSnapshot(snapshot: IndexSnapshot): void {
  domainVocabulary(snapshot);
  headingIndex(snapshot);
  chunkGroups(snapshot);
  snapshot.analyzer.correct("qzvkwxjq");
}
