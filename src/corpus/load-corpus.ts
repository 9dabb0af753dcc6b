import { readdir, readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import { LumbarError } from "../core/errors.ts";
import { parseArticle, type Article } from "./article.ts";

export interface CorpusFiles {
  articles: Article[];
  /** sha256 over every file the index depends on (articles, lexicon, red-flag rules). */
  hash: string;
  /** Absolute paths of those files, sorted. */
  files: string[];
}

export const ARTICLES_DIR = "articles";
export const LEXICON_FILE = "lay-terms.yml";
export const RED_FLAGS_FILE = "red-flags.yml";
export const SCOPE_FILE = "scope.yml";
/** The red-flag lexicon of other languages (optional; see src/safety/languages.ts). */
export const RED_FLAGS_LANGUAGES_FILE = "red-flags-languages.yml";

/** Loads every `articles/*.md` in the corpus folder; the first malformed one fails with file and line. */
export async function loadCorpus(corpusDir: string): Promise<CorpusFiles> {
  const dir = path.join(corpusDir, ARTICLES_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
  } catch (err) {
    throw LumbarError.fromError("CORPUS_INVALID", `cannot read the articles folder ${dir}`, err);
  }
  if (names.length === 0) throw new LumbarError("CORPUS_INVALID", `no .md articles in ${dir}`);
  const hash = createHash("sha256");
  const articles: Article[] = [];
  const files: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const text = await readFile(file, "utf8");
    hash.update(name).update("\0").update(text).update("\0");
    articles.push(parseArticle(text, file));
    files.push(file);
  }
  for (const extra of [LEXICON_FILE, RED_FLAGS_FILE, RED_FLAGS_LANGUAGES_FILE, SCOPE_FILE]) {
    const file = path.join(corpusDir, extra);
    const text = await readFile(file, "utf8").catch(() => null);
    if (text === null) continue;
    hash.update(extra).update("\0").update(text).update("\0");
    files.push(file);
  }
  return { articles, hash: hash.digest("hex").slice(0, 16), files };
}
