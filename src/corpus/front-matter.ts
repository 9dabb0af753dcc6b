import { DataFileError } from "../core/errors.ts";

export interface FrontMatter {
  title: string;
  source: string;
  reviewed: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  body: string;
}

const REQUIRED = ["title", "source", "reviewed"] as const;

/**
 * Reads the `---` block at the top of an article. Only flat `key: value` lines are allowed, so a
 * clinician editing it cannot produce something that parses into a surprise.
 */
export function parseFrontMatter(text: string, file: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") throw new DataFileError("CORPUS_INVALID", file, 1, "expected front matter starting with '---' on the first line");
  const fields = new Map<string, { value: string; line: number }>();
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "---") {
      end = i;
      break;
    }
    // No comment lines: a "# Heading" here almost always means the closing '---' is missing.
    if (line.trim() === "") continue;
    const m = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!m) throw new DataFileError("CORPUS_INVALID", file, i + 1, `expected 'key: value' or the closing '---' of the front matter, found '${line.slice(0, 60)}'`);
    const key = m[1].toLowerCase();
    if (fields.has(key)) throw new DataFileError("CORPUS_INVALID", file, i + 1, `'${key}' is set twice in front matter`);
    fields.set(key, { value: unquote(m[2].trim(), file, i + 1), line: i + 1 });
  }
  if (end < 0) throw new DataFileError("CORPUS_INVALID", file, lines.length, "front matter is not closed with '---'");
  for (const key of REQUIRED) {
    const f = fields.get(key);
    if (!f || f.value === "") throw new DataFileError("CORPUS_INVALID", file, f?.line ?? end + 1, `front matter needs a non-empty '${key}'`);
  }
  const reviewed = fields.get("reviewed")!;
  // Date.parse accepts 2026-02-30 (it rolls over); a round trip does not.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewed.value) || Number.isNaN(Date.parse(reviewed.value)) || new Date(reviewed.value).toISOString().slice(0, 10) !== reviewed.value) {
    throw new DataFileError("CORPUS_INVALID", file, reviewed.line, `'reviewed' must be a date like 2026-01-31, found '${reviewed.value}'`);
  }
  return {
    title: fields.get("title")!.value,
    source: fields.get("source")!.value,
    reviewed: reviewed.value,
    bodyLine: end + 2,
    body: lines.slice(end + 1).join("\n"),
  };
}

function unquote(v: string, file: string, line: number): string {
  const q = v[0];
  if (q === '"' || q === "'") {
    if (v.indexOf(q, 1) < 0) throw new DataFileError("CORPUS_INVALID", file, line, `unclosed ${q} quote`);
    if (v.length > 1 && v.endsWith(q)) return v.slice(1, -1);
  }
  return v;
}
