import { readFile } from "node:fs/promises";
import { parseDocument, LineCounter, isMap, isSeq, isScalar } from "yaml";
import { DataFileError, LumbarError } from "../core/errors.ts";
import { normalizeText, stem, words } from "./normalize.ts";

/** Lay phrases grouped by concept ("slipped disc" and "herniated disc" are one concept). */
export interface Lexicon {
  /** concept id -> the phrases that express it, as written in the data file. */
  concepts: Map<string, string[]>;
}

/** Loads corpus/lay-terms.yml; a malformed file fails with its path and line. */
export async function loadLexicon(path: string): Promise<Lexicon> {
  const source = await readFile(path, "utf8").catch((err) => {
    throw LumbarError.fromError("CORPUS_INVALID", `cannot read the lay-terms file ${path}`, err);
  });
  return parseLexicon(source, path);
}

export function parseLexicon(source: string, path: string): Lexicon {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new DataFileError("CORPUS_INVALID", path, e.linePos?.[0].line ?? 1, e.message.split("\n")[0]);
  }
  const root = doc.contents;
  const concepts = isMap(root) ? root.get("concepts", true) : undefined;
  if (!isMap(concepts)) throw new DataFileError("CORPUS_INVALID", path, 1, "expected a top-level 'concepts:' mapping");
  const out = new Map<string, string[]>();
  for (const pair of concepts.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const line = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : 1;
    if (!/^[a-z0-9_]+$/.test(key)) throw new DataFileError("CORPUS_INVALID", path, line, `concept id '${key}' must be lowercase letters, digits and _`);
    if (!isSeq(pair.value) || pair.value.items.length === 0) throw new DataFileError("CORPUS_INVALID", path, line, `concept '${key}' needs a non-empty list of phrases`);
    out.set(key, pair.value.items.map((i) => String(isScalar(i) ? i.value : "")).filter((p) => p.trim().length > 0));
  }
  return { concepts: out };
}

interface TrieNode {
  next: Map<string, TrieNode>;
  concepts: string[];
}

/** Finds concept phrases in a word sequence, matching on stems so inflections still count. */
export class ConceptMatcher {
  private readonly root: TrieNode = { next: new Map(), concepts: [] };
  /** Every word any phrase uses, for spelling correction. */
  readonly words = new Set<string>();

  constructor(lexicon: Lexicon) {
    for (const [id, phrases] of lexicon.concepts) {
      for (const phrase of phrases) {
        const ws = words(normalizeText(phrase));
        if (ws.length === 0) continue;
        ws.forEach((w) => this.words.add(w));
        let node = this.root;
        for (const w of ws.map(stem)) {
          let child = node.next.get(w);
          if (!child) {
            child = { next: new Map(), concepts: [] };
            node.next.set(w, child);
          }
          node = child;
        }
        if (!node.concepts.includes(id)) node.concepts.push(id);
      }
    }
  }

  /** Concept ids found in the stems, once per occurrence (longest phrase wins at each start). */
  match(stems: string[]): string[] {
    return this.matchWithPositions(stems).concepts;
  }

  /** Like {@link match}, also telling which word positions the matched phrases used. */
  matchWithPositions(stems: string[]): { concepts: string[]; used: Set<number> } {
    const found: string[] = [];
    const used = new Set<number>();
    for (let i = 0; i < stems.length; i++) {
      let node: TrieNode | undefined = this.root;
      let best: string[] = [];
      let bestEnd = i;
      for (let j = i; j < stems.length && node; j++) {
        node = node.next.get(stems[j]);
        if (node && node.concepts.length > 0) {
          best = node.concepts;
          bestEnd = j;
        }
      }
      if (best.length > 0) {
        found.push(...best);
        for (let k = i; k <= bestEnd; k++) used.add(k);
        i = bestEnd;
      }
    }
    return { concepts: found, used };
  }
}
