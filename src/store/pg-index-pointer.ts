import type { Pool } from "pg";
import { LumbarError } from "../core/errors.ts";
import { isVersionName } from "../index/index-paths.ts";
import type { IndexPointer } from "./types.ts";

/**
 * The serving index version's name, one row shared by every instance on the database.
 *
 * Only the name lives here; the version's files stay in the data folder, which the instances share
 * (a network file system or shared volume). Why not CURRENT in that folder alone: network file
 * systems cache file contents and attributes (NFS for up to 60 s by default), so a CURRENT
 * replaced by another machine can read stale for longer than the 5 s every instance must switch
 * within; a version folder is only ever opened by a name never looked up before, so it is read
 * fresh. Why not the files in the database: a version is tens to hundreds of megabytes (vectors and
 * docstore), which every instance would copy out on each switch, for no gain over a shared folder.
 */
export class PgIndexPointer implements IndexPointer {
  constructor(private readonly pool: Pool) {}

  async read(): Promise<string | null> {
    const { rows } = await this.pool.query<{ version: string }>("SELECT version FROM index_serving");
    const version = rows[0]?.version;
    if (version === undefined) return null;
    if (!isVersionName(version)) throw new LumbarError("INDEX_INVALID", `the database's index_serving names '${version}', which is not an index version name`);
    return version;
  }

  async publish(version: string): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO index_serving (singleton, version, published_at) VALUES (true, $1, now())
         ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, published_at = EXCLUDED.published_at`,
        [version],
      );
    } catch (err) {
      throw LumbarError.fromError(
        "STORE_UNAVAILABLE",
        `index ${version} is built and CURRENT names it, but it could not be published to the database, so the other instances keep their version; run 'lumbar rollback ${version}' once the database answers`,
        err,
      );
    }
  }
}
