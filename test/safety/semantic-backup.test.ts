import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { Embeddings } from "@langchain/core/embeddings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT } from "../../src/config/config.ts";
import type { NamedEmbeddings } from "../../src/embed/create-embeddings.ts";
import { EVAL_DIR, readJsonl, RED_FLAG_SETS, type RedFlagCase } from "../../src/eval/eval-sets.ts";
import { buildIndex } from "../../src/index/build-index.ts";
import { currentVersion, loadIndex } from "../../src/index/load-index.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { tokenize } from "../../src/safety/context.ts";
import { semanticHits } from "../../src/safety/semantic-backup.ts";

let dataDir: string;
let snapshot: IndexSnapshot;

beforeAll(async () => {
  const embeddings = loadConfig({}).embeddings;
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lumbar-semantic-"));
  await buildIndex({ corpusDir: path.join(PROJECT_ROOT, "corpus"), dataDir, embeddings });
  snapshot = await loadIndex(dataDir, (await currentVersion(dataDir))!, embeddings);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The same embedder behind another face, so the back-up takes the general path: embed, then search the store. */
class Disguised extends Embeddings {
  readonly name: string;
  constructor(private readonly inner: NamedEmbeddings) {
    super({});
    this.name = inner.name;
  }
  embedDocuments(texts: string[]) {
    return this.inner.embedDocuments(texts);
  }
  embedQuery(text: string) {
    return this.inner.embedQuery(text);
  }
}

const rank = (tier: string) => (tier === "emergency" ? 2 : 1);

describe("semantic back-up", () => {
  it("finds with the offline embedder's sparse vectors what the vector store's search finds", async () => {
    const general = { ...snapshot, embeddings: new Disguised(snapshot.embeddings) };
    const cases = await readJsonl<RedFlagCase>(path.join(EVAL_DIR, RED_FLAG_SETS.dev));
    let compared = 0;
    for (const c of cases) {
      const tokens = tokenize(c.text, (w) => snapshot.analyzer.correct(w), snapshot.rules.context.terminators);
      const fast = await semanticHits(snapshot, tokens, 0.5);
      const slow = await semanticHits(general, tokens, 0.5);
      expect(fast.map((h) => [h.span.start, h.span.end])).toEqual(slow.map((h) => [h.span.start, h.span.end]));
      fast.forEach((h, k) => {
        expect(h.similarity).toBeCloseTo(slow[k].similarity!, 5);
        // Two rules sharing an example phrase tie: the direct comparison then takes the higher
        // tier, the store either; otherwise both name the same rule.
        if (h.ruleId !== slow[k].ruleId) expect(rank(h.tier)).toBeGreaterThanOrEqual(rank(slow[k].tier));
      });
      compared += fast.length;
    }
    // With a low threshold most messages have a close clause: the comparison is not vacuous.
    expect(compared).toBeGreaterThan(50);
  });

  it("compares a clause repeated many times once, and skips clauses with no red-flag word", async () => {
    let embedded = 0;
    const counting = new Disguised(snapshot.embeddings);
    const inner = counting.embedQuery.bind(counting);
    counting.embedQuery = (text: string) => {
      embedded++;
      return inner(text);
    };
    const example = snapshot.rules.rules.find((r) => r.exemplars.length > 0)!.exemplars[0];
    const text = `${example}. `.repeat(200) + "the weather is lovely today. ".repeat(200);
    const tokens = tokenize(text, (w) => snapshot.analyzer.correct(w), snapshot.rules.context.terminators);
    const hits = await semanticHits({ ...snapshot, embeddings: counting }, tokens);
    expect(hits.length).toBeGreaterThan(0);
    expect(embedded).toBeLessThanOrEqual(2);
  });
});
