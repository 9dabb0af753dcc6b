import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EvalReport } from "../cli/eval-command.ts";

/** The last `lumbar eval` run, as the console charts it. */
export interface LatestEval {
  /** ISO 8601 time the run finished. */
  finishedAt: string;
  /** The index version the sets were run against. */
  indexVersion: string;
  report: EvalReport;
}

/** Where `lumbar eval` keeps its latest results: data/eval/latest.json. */
export function latestEvalPath(dataDir: string): string {
  return path.join(dataDir, "eval", "latest.json");
}

/** Writes the results whole (a temporary file renamed over the old one), so a reader never sees half. */
export async function writeLatestEval(dataDir: string, latest: LatestEval): Promise<string> {
  const file = latestEvalPath(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(latest) + "\n");
  await rename(tmp, file);
  return file;
}

/** The latest results, or null when `lumbar eval` has not been run against this data folder. */
export async function readLatestEval(dataDir: string): Promise<LatestEval | null> {
  const text = await readFile(latestEvalPath(dataDir), "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
  return text === null ? null : (JSON.parse(text) as LatestEval);
}
