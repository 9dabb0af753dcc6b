import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import { Document } from "@langchain/core/documents";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { retrieve } from "../retrieve/hybrid-retriever.ts";
import { percentiles } from "./bench-long-messages.ts";

/** Queries timed against each baseline: enough for a median, bounded at 100k chunks (MemoryVectorStore ~0.8 s a query). */
const BASELINE_QUERIES = 20;

/**
 * HNSW recall@10 against an exact scan of the same stored vectors, and the query cost of the
 * index, the exact scan, LangChain's MemoryVectorStore and BM25Retriever over the same chunks.
 */
export async function measureVectorsAndBaselines(snapshot: IndexSnapshot, queries: string[]) {
  const n = snapshot.chunks.length;
  const index = snapshot.vectors;
  const dims = snapshot.manifest.embedder.dimensions;
  // The stored vectors, read back from the index: what it searches is exactly what is scanned.
  const matrix = await index.allVectors(n);
  const vectors = await snapshot.embeddings.embedDocuments(queries);

  let hits = 0;
  const exactSets: Array<Set<number>> = [];
  const hnswMs: number[] = [];
  const exactMs: number[] = [];
  for (const q of vectors) {
    let s = performance.now();
    const found = (await index.search(q, Math.min(10, n))).map(([label]) => label);
    hnswMs.push(performance.now() - s);
    s = performance.now();
    const exact = exactTop(matrix, dims, n, q, Math.min(10, n));
    exactMs.push(performance.now() - s);
    const want = new Set(exact);
    exactSets.push(want);
    hits += found.filter((l) => want.has(l)).length / want.size;
  }

  // Recall and cost at other search breadths, to choose ef by measurement (then back to the version's).
  const byEf: Record<string, { recallAt10: number; p50Ms: number }> = {};
  // An exact index has no breadth to choose.
  for (const ef of index.exact ? [] : [64, 128, 256, 512]) {
    await index.setEf(ef);
    let found = 0;
    const ms: number[] = [];
    for (const [j, q] of vectors.entries()) {
      const s = performance.now();
      const got = (await index.search(q, Math.min(10, n))).map(([label]) => label);
      ms.push(performance.now() - s);
      found += got.filter((l) => exactSets[j].has(l)).length / exactSets[j].size;
    }
    byEf[ef] = { recallAt10: Math.round((found / vectors.length) * 1000) / 1000, p50Ms: percentiles(ms).p50Ms };
  }
  await index.setEf(snapshot.manifest.efSearch);

  const retrieveMs: number[] = [];
  for (const q of queries.slice(0, 100)) {
    const s = performance.now();
    await retrieve(snapshot, q, 6);
    retrieveMs.push(performance.now() - s);
  }

  const sample = queries.slice(0, BASELINE_QUERIES);
  const memory = new MemoryVectorStore(snapshot.embeddings);
  await memory.addVectors(
    Array.from({ length: n }, (_, i) => Array.from(matrix.subarray(i * dims, (i + 1) * dims))),
    snapshot.chunks.map((c) => new Document({ pageContent: c.text, metadata: { chunkId: c.id } })),
  );
  const memoryMs: number[] = [];
  for (const q of vectors.slice(0, BASELINE_QUERIES)) {
    const s = performance.now();
    await memory.similaritySearchVectorWithScore(q, 10);
    memoryMs.push(performance.now() - s);
  }
  // Lower-cased: BM25Retriever matches document text case-sensitively against a lower-cased query (stack notes).
  const bm25 = BM25Retriever.fromDocuments(snapshot.chunks.map((c) => new Document({ pageContent: `${c.section} ${c.text}`.toLowerCase() })), { k: 10, includeScore: true });
  const bm25Ms: number[] = [];
  for (const q of sample) {
    const s = performance.now();
    await bm25.invoke(q);
    bm25Ms.push(performance.now() - s);
  }

  const hnsw = percentiles(hnswMs);
  const memoryVectorStore = percentiles(memoryMs);
  const bm25Retriever = percentiles(bm25Ms);
  const lumbarRetrieve = percentiles(retrieveMs);
  return {
    queries: queries.length,
    vectorIndex: index.exact ? "exact" : "hnsw",
    efSearch: snapshot.manifest.efSearch,
    hnswRecallAt10: Math.round((hits / vectors.length) * 1000) / 1000,
    hnswByEf: byEf,
    hnswQuery: hnsw,
    exactFloat32Scan: percentiles(exactMs),
    memoryVectorStore,
    bm25Retriever,
    lumbarRetrieve,
    ratios: {
      memoryVectorStoreOverHnswP50: ratio(memoryVectorStore.p50Ms, hnsw.p50Ms),
      bm25RetrieverOverLumbarRetrieveP50: ratio(bm25Retriever.p50Ms, lumbarRetrieve.p50Ms),
    },
  };
}

/** Labels of the k largest dot products (the stored vectors are unit length: cosine), best first. */
export function exactTop(matrix: Float32Array, dims: number, n: number, q: number[], k: number): number[] {
  const query = Float32Array.from(q);
  const best: Array<[number, number]> = [];
  for (let label = 0; label < n; label++) {
    let dot = 0;
    const base = label * dims;
    for (let d = 0; d < dims; d++) dot += matrix[base + d] * query[d];
    if (best.length < k) {
      best.push([dot, label]);
      best.sort((a, b) => b[0] - a[0]);
    } else if (dot > best[k - 1][0]) {
      best[k - 1] = [dot, label];
      best.sort((a, b) => b[0] - a[0]);
    }
  }
  return best.map(([, label]) => label);
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 10) / 10 : 0;
}
