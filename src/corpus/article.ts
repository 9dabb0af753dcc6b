import { DataFileError } from "../core/errors.ts";
import { parseFrontMatter } from "./front-matter.ts";

/** A run of text under one heading. */
export interface Section {
  /** The heading exactly as written ("1. Sciatica"); the article's intro has its H1 here. */
  heading: string;
  /** Headings from the top of the article down to this one. */
  headingPath: string[];
  /** 1-based line of the heading in the file. */
  line: number;
  /** Paragraphs and list items, Markdown markers removed from headings only. */
  text: string;
}

export interface Article {
  file: string;
  title: string;
  source: string;
  reviewed: string;
  sections: Section[];
}

/** Parses one Markdown article; errors carry the file and line. */
export function parseArticle(markdown: string, file: string): Article {
  const fm = parseFrontMatter(markdown, file);
  const lines = fm.body.split(/\r?\n/);
  const sections: Section[] = [];
  const stack: Array<{ level: number; heading: string }> = [];
  let current: Section | null = null;
  let buffer: string[] = [];
  let inFence = false;

  const flush = () => {
    if (current) {
      current.text = buffer.join("\n").replace(/\n{3,}/g, "\n\n").trim();
      sections.push(current);
    }
    buffer = [];
  };

  lines.forEach((line, i) => {
    const lineNo = fm.bodyLine + i;
    if (/^\s*```/.test(line)) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const heading = h[2].trim();
      if (heading === "") throw new DataFileError("CORPUS_INVALID", file, lineNo, "heading has no text");
      flush();
      const level = h[1].length;
      while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, heading });
      current = { heading, headingPath: stack.map((s) => s.heading), line: lineNo, text: "" };
      return;
    }
    if (!current && line.trim() !== "") {
      throw new DataFileError("CORPUS_INVALID", file, lineNo, "text before the first heading: start the article with a '# Heading'");
    }
    buffer.push(line);
  });
  if (inFence) throw new DataFileError("CORPUS_INVALID", file, fm.bodyLine + lines.length - 1, "code fence ``` is not closed");
  flush();
  if (sections.length === 0) throw new DataFileError("CORPUS_INVALID", file, fm.bodyLine, "article has no headings");
  return { file, title: fm.title, source: fm.source, reviewed: fm.reviewed, sections };
}
