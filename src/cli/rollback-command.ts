import type { LumbarConfig } from "../config/config.ts";
import { LumbarError } from "../core/errors.ts";
import { readCurrent } from "../index/current-pointer.ts";
import { indexPaths } from "../index/index-paths.ts";
import { listKeptVersions } from "../index/kept-versions.ts";
import { rollbackIndex } from "../index/rollback.ts";
import { IndexDamagedError } from "../index/version-integrity.ts";
import type { ParsedArgs } from "./args.ts";
import { reportError } from "./main.ts";
import { createStores } from "../store/create-stores.ts";

/**
 * `lumbar rollback [VERSION]` switches serving to a kept index version (by default the previous
 * good one); `lumbar rollback --list [--json]` lists the kept versions, each verified.
 */
export async function runRollback(config: LumbarConfig, args: ParsedArgs, positionals: string[]): Promise<number> {
  if (args.flags.has("list")) return listVersions(config, args.flags.has("json"));
  if (positionals.length > 1) {
    process.stderr.write("lumbar rollback: give at most one version, e.g. lumbar rollback v20260101T120000000Z-1234; 'lumbar rollback --list' shows them\n");
    return 2;
  }
  const to = positionals[0];
  // With a database, the version is published to it: every instance on it switches.
  const stores = config.databaseUrl ? await createStores(config) : null;
  const publish = stores?.indexPointer ? (v: string) => stores.indexPointer!.publish(v) : undefined;
  try {
    const result = await rollbackIndex({ dataDir: config.dataDir, embeddings: config.embeddings, publish, ...(to !== undefined ? { to } : {}) });
    const m = result.to;
    for (const s of result.skipped) process.stderr.write(`lumbar: skipped ${s.version}: ${s.problem}\n`);
    if (result.unchanged) {
      process.stdout.write(`Index ${m.version} is already the serving version; nothing changed.\n`);
      return 0;
    }
    process.stdout.write(
      `Index ${m.version} is now serving (was ${result.from ?? "none: CURRENT was missing or unreadable"}): ${m.chunkCount} chunks, built ${m.builtAt}. Running bots switch within two seconds.\n`,
    );
    return 0;
  } catch (err) {
    const code = reportError(err);
    if (err instanceof IndexDamagedError) process.stderr.write(`lumbar: refused to roll back to a damaged version; see 'lumbar rollback --list'.\n`);
    const pointer = await readCurrent(indexPaths(config.dataDir));
    if (err instanceof LumbarError) process.stderr.write(pointer.kind === "version" ? `lumbar: CURRENT still names ${pointer.version}.\n` : "");
    return code;
  } finally {
    await stores?.close();
  }
}

async function listVersions(config: LumbarConfig, json: boolean): Promise<number> {
  const paths = indexPaths(config.dataDir);
  const pointer = await readCurrent(paths);
  const current = pointer.kind === "version" ? pointer.version : null;
  const kept = await listKeptVersions(paths);
  const rows = kept.map((k) => ({
    version: k.version,
    builtAt: k.builtAt,
    chunkCount: k.chunkCount,
    verified: k.damage === null,
    current: k.version === current,
    ...(k.damage ? { problem: `${k.damage.file}: ${k.damage.problem}` } : {}),
  }));
  if (json) {
    process.stdout.write(JSON.stringify({ current, ...(pointer.kind === "corrupt" ? { currentProblem: pointer.problem } : {}), versions: rows }) + "\n");
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write(`No index versions kept in ${paths.versions}; run 'lumbar reindex'.\n`);
    return 0;
  }
  process.stdout.write(`Kept index versions in ${paths.versions}, newest first (* = named by CURRENT):\n`);
  for (const r of rows) {
    const state = r.verified ? "verified" : `DAMAGED ${r.problem}`;
    process.stdout.write(`${r.current ? "*" : " "} ${r.version}  built ${r.builtAt ?? "unknown"}  ${r.chunkCount ?? "?"} chunks  ${state}\n`);
  }
  if (pointer.kind === "corrupt") process.stdout.write(`CURRENT is unusable (${pointer.problem}); serving processes fall back to the newest verified version.\n`);
  if (pointer.kind === "missing") process.stdout.write("CURRENT is missing; serving processes fall back to the newest verified version.\n");
  return 0;
}
