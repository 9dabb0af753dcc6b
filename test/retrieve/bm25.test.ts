import { describe, expect, it } from "vitest";
import { Bm25 } from "../../src/retrieve/bm25.ts";

/** The document-at-a-time formula the postings replaced: the reference the sparse scores must equal to the bit. */
function reference(docs: string[][], query: string[], weight: (t: string) => number): number[] {
  const k1 = 1.2;
  const b = 0.75;
  const avg = docs.reduce((a, d) => a + d.length, 0) / docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => (df.has(t) ? Math.log(1 + (docs.length - df.get(t)! + 0.5) / (df.get(t)! + 0.5)) : 0);
  return docs.map((d) => {
    let s = 0;
    for (const t of new Set(query)) {
      const f = d.filter((x) => x === t).length;
      if (!f) continue;
      s += (idf(t) * weight(t) * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avg));
    }
    return s;
  });
}

describe("Bm25 over postings", () => {
  const docs = [
    ["sciatica", "leg", "pain", "pain"],
    ["disc", "c:herniated-disc", "c:herniated-disc", "pain"],
    ["stretch", "walk", "leg"],
    ["surgery", "disc", "fusion", "fusion", "fusion"],
  ];
  const weight = (t: string) => (t.startsWith("c:") ? 1 : 0.5);

  it("scores exactly as the document-at-a-time formula, touching only documents that hold a query term", () => {
    const bm = Bm25.fromDocuments(docs);
    const query = ["pain", "disc", "c:herniated-disc", "pain", "unknown"];
    const { docs: found, scores } = bm.match(query, weight);
    expect([...found].sort()).toEqual([0, 1, 3]);
    const want = reference(docs, query, weight);
    found.forEach((doc, j) => expect(scores[j]).toBe(want[doc]));
    expect(bm.scores(query, weight)).toEqual(want);
  });

  it("leaves its scratch space clean between queries", () => {
    const bm = Bm25.fromDocuments(docs);
    const first = bm.scores(["leg"]);
    bm.scores(["fusion", "disc"]);
    expect(bm.scores(["leg"])).toEqual(first);
  });
});
