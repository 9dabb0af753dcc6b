import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Article } from "./article.ts";

/** A retrievable passage: never spans two headings, always knows its article and heading. */
export interface Chunk {
  id: string;
  article: string;
  file: string;
  section: string;
  headingPath: string[];
  /** The passage itself, as it will be quoted. */
  text: string;
  /** 1-based part number when a long section was split; parts say so in `headingPath` order. */
  part: number;
  parts: number;
}

/** A heading without its FAQ or list marker ("Q. How do...", "5. Piriformis Syndrome"): the words that say what the section is about. */
export function headingWithoutMarker(heading: string): string {
  return heading.replace(/^(Q\.|\d+\.)\s*/, "");
}

export interface ChunkOptions {
  /** Characters per chunk before a section is split. Defaults to 1200. */
  chunkSize?: number;
  /** Overlap between parts of a split section. Defaults to 150. */
  chunkOverlap?: number;
}

/**
 * Splits articles into section-aware chunks. Sections with no text of their own (a heading that
 * only introduces sub-headings) are skipped: their heading still appears in every child's path.
 */
export async function chunkArticles(articles: Article[], options: ChunkOptions = {}): Promise<Chunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: options.chunkSize ?? 1200,
    chunkOverlap: options.chunkOverlap ?? 150,
    separators: ["\n\n", "\n", ". ", " ", ""],
  });
  const chunks: Chunk[] = [];
  for (const article of articles) {
    for (const section of article.sections) {
      if (section.text.trim() === "") continue;
      const pieces = await splitter.splitText(section.text);
      pieces.forEach((text, i) => {
        chunks.push({
          id: `${chunks.length}`,
          article: article.title,
          file: article.file,
          section: section.heading,
          headingPath: section.headingPath,
          text,
          part: i + 1,
          parts: pieces.length,
        });
      });
    }
  }
  return chunks;
}

/** The text that is embedded and keyword-indexed: headings give the passage its topic. */
export function indexableText(chunk: Chunk): string {
  const headings = chunk.headingPath.slice(1).join(" . ");
  // The section heading is repeated: it is the best one-line summary of what the passage answers.
  return `${headings} . ${chunk.section} . ${chunk.text}`;
}
