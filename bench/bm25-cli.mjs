// The plain baseline `npm run bench` compares Lumbar's per-message cost with: LangChain's
// BM25Retriever over the same chunks, answering one JSON line of stdin per line of stdout, the way
// `lumbar ask --jsonl` does. Usage: node bench/bm25-cli.mjs CHUNKS_JSON < lines.jsonl
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import { Document } from "@langchain/core/documents";

const chunks = JSON.parse(readFileSync(process.argv[2], "utf8"));
// Lower-cased: the retriever matches document text case-sensitively against a lower-cased query.
const retriever = BM25Retriever.fromDocuments(
  chunks.map((c) => new Document({ pageContent: `${c.section} ${c.text}`.toLowerCase(), metadata: { section: c.section } })),
  { k: 3, includeScore: true },
);
for await (const line of createInterface({ input: process.stdin, terminal: false })) {
  if (!line.trim()) continue;
  const { id, text } = JSON.parse(line);
  const docs = await retriever.invoke(text);
  process.stdout.write(JSON.stringify({ id, sources: docs.filter((d) => d.metadata.bm25Score > 0).map((d) => d.metadata.section) }) + "\n");
}
