import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { LiveIndex } from "../../src/index/live-index.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { retrieve } from "../../src/retrieve/hybrid-retriever.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

let t: TestLumbar;
let snapshot: IndexSnapshot;
beforeAll(async () => {
  t = await makeTestLumbar();
  snapshot = await new LiveIndex({ dataDir: t.dataDir, corpusDir: t.corpusDir, embeddings: null, logger: silentLogger }).get();
}, 120_000);
afterAll(async () => t.cleanup());

const STORY = "my mum was told at the hospital she has a slipped disc in her lower back and the doctor said rest. what is a slipped disc exactly";
const score = async (askingFocus: boolean, section: string) => {
  const r = await retrieve(snapshot, STORY, 12, { askingFocus });
  return r.passages.find((p) => p.chunk.section === section);
};

describe("a question that tells a story before it asks", () => {
  it("matches headings on what is asked and the conditions named, not on the story's doctor", async () => {
    expect((await score(false, "When to See a Doctor"))?.heading).toBeGreaterThan(0);
    expect((await score(true, "When to See a Doctor"))?.heading ?? 0).toBe(0);
    expect((await score(true, "2. Herniated Disc"))?.heading).toBeGreaterThan(0);
  });

  it("weighs the story's words less than the asking clause's", async () => {
    const gap = async (focus: boolean) => ((await score(focus, "When to See a Doctor"))?.score ?? 0) - ((await score(focus, "2. Herniated Disc"))?.score ?? 0);
    expect(await gap(true)).toBeLessThan(await gap(false));
  });

  it("changes nothing for a question that only asks", async () => {
    const plain = "what is a slipped disc exactly";
    const a = await retrieve(snapshot, plain, 5, { askingFocus: true });
    const b = await retrieve(snapshot, plain, 5);
    expect(a.passages.map((p) => [p.chunk.id, p.score])).toEqual(b.passages.map((p) => [p.chunk.id, p.score]));
  });
});

describe("a clause that names the subject before the question", () => {
  it("counts as asked: 'going back to the opioids, why are doctors so careful with them'", async () => {
    const { subjectClauses } = await import("../../src/answer/asking-clauses.ts");
    expect(subjectClauses("going back to the opioid thing, why are doctors so funny about giving them out")).toEqual(["going back to the opioid thing"]);
    expect(subjectClauses("my back hurts, why are doctors so funny about opioids")).toEqual([]);
    const r = await retrieve(snapshot, "going back to the opioid thing, why are doctors so funny about giving them out", 5, { askingFocus: true });
    expect(r.passages[0].chunk.section).toBe("Medications");
  });
});
