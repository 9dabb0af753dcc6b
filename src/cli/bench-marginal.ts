import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "../config/config.ts";

/**
 * The cost of one more message through a whole CLI process, Lumbar's `ask --jsonl` beside the plain
 * BM25Retriever CLI (bench/bm25-cli.mjs): each run once with one line and once with all lines, the
 * difference divided by the extra lines, so start-up is left out for both alike.
 */
export async function measureMarginal(dataDir: string, chunksFile: string, corpusDir: string, lines: string[]) {
  const lumbar = [path.join(PROJECT_ROOT, "bin", "lumbar.js"), "ask", "--jsonl", "--data", dataDir, "--corpus", corpusDir];
  const plain = [path.join(PROJECT_ROOT, "bench", "bm25-cli.mjs"), chunksFile];
  const marginal = async (args: string[]) => {
    const one = await timeRun(args, lines.slice(0, 1));
    const all = await timeRun(args, lines);
    return Math.round(((all - one) / (lines.length - 1)) * 1000) / 1000;
  };
  const lumbarAskJsonlMs = await marginal(lumbar);
  const bm25RetrieverCliMs = await marginal(plain);
  return { messages: lines.length, lumbarAskJsonlMs, bm25RetrieverCliMs, ratio: Math.round((lumbarAskJsonlMs / bm25RetrieverCliMs) * 100) / 100 };
}

function timeRun(args: string[], lines: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["pipe", "ignore", "ignore"], env: { ...process.env, LUMBAR_LOG_LEVEL: "error" } });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`${args.join(" ")} exited with ${code}`))));
    child.stdin.end(lines.map((text, i) => JSON.stringify({ id: i, text })).join("\n") + "\n");
  });
}
