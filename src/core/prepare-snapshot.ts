import { domainVocabulary } from "../answer/domain-vocabulary.ts";
import { chunkGroups } from "../index/chunk-groups.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { headingIndex } from "../retrieve/heading-index.ts";

/**
 * Builds what the answer path computes once per index version, before the version serves: the
 * domain vocabulary (it analyses every passage), the heading index, the chunk groups, and the
 * spelling index when the version was saved without it (saved ones are adopted by the load, or,
 * when a serving load deferred them, by its background read or the first correction that needs
 * them). Left to the first messages, these cost one person seconds at 100,000 chunks.
 */
export function prepareSnapshot(snapshot: IndexSnapshot): void {
  domainVocabulary(snapshot);
  headingIndex(snapshot);
  chunkGroups(snapshot);
  // Saved tables a serving load deferred are adopted by its background read (or the first
  // correction), not here: only a version saved without them builds them now.
  if (!snapshot.analyzer.spellingDeferred) snapshot.analyzer.correct("qzvkwxjq");
}
