import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { chunkArticles } from "../../src/corpus/chunk.ts";
import { parseArticle } from "../../src/corpus/article.ts";
import { DataFileError } from "../../src/core/errors.ts";

const ARTICLE = path.join(PROJECT_ROOT, "corpus/articles/back-pain-leads-to-leg-pain.md");

describe("the converted article", () => {
  it("keeps the article's headings exactly, including numbering and curly apostrophes", async () => {
    const article = parseArticle(await readFile(ARTICLE, "utf8"), ARTICLE);
    const headings = article.sections.map((s) => s.heading);
    expect(article.title).toBe("Back Pain Leads to Leg Pain");
    expect(headings).toContain("1. Sciatica");
    expect(headings).toContain("When to See a Doctor");
    expect(headings).toContain("Q. What can I drink to stop back pain?");
    expect(headings).toContain("Comprehending the Back’s Anatomy");
    expect(article.sections.find((s) => s.heading === "Laminectomy")?.headingPath).toEqual([
      "7 Common Reasons Back Pain Leads to Leg Pain and How to Treat It",
      "Options for Back and Leg Pain Treatment",
      "Surgical Interventions",
      "Laminectomy",
    ]);
  });

  it("turns the article's bullet lists into Markdown lists", async () => {
    const article = parseArticle(await readFile(ARTICLE, "utf8"), ARTICLE);
    const doctor = article.sections.find((s) => s.heading === "When to See a Doctor")!;
    expect(doctor.text).toMatch(/^- Numbness or tingling in your legs$/m);
  });

  it("chunks never straddle two headings and carry article and heading path", async () => {
    const article = parseArticle(await readFile(ARTICLE, "utf8"), ARTICLE);
    const chunks = await chunkArticles([article], { chunkSize: 300, chunkOverlap: 30 });
    for (const c of chunks) {
      const section = article.sections.find((s) => s.heading === c.section)!;
      expect(section.text).toContain(c.text.slice(0, 40));
      expect(c.article).toBe("Back Pain Leads to Leg Pain");
      expect(c.headingPath[c.headingPath.length - 1]).toBe(c.section);
    }
    // A long section is split into parts that say so.
    expect(chunks.some((c) => c.parts > 1 && c.part === 2)).toBe(true);
  });
});

describe("malformed articles fail with file and line", () => {
  const body = "# Title\n\nText.\n";
  const cases: Array<[string, string, number, RegExp]> = [
    ["no front matter", body, 1, /front matter/],
    ["unclosed front matter", "---\ntitle: A\nsource: B\nreviewed: 2026-01-01\n" + body, 5, /closing '---'.*# Title/],
    ["a line without a colon", "---\ntitle: A\nsource B\nreviewed: 2026-01-01\n---\n" + body, 3, /key: value/],
    ["a missing source", "---\ntitle: A\nreviewed: 2026-01-01\n---\n" + body, 4, /'source'/],
    ["a bad date", "---\ntitle: A\nsource: B\nreviewed: last week\n---\n" + body, 4, /reviewed/],
    ["an impossible date", "---\ntitle: A\nsource: B\nreviewed: 2026-02-30\n---\n" + body, 4, /reviewed/],
    ["text before the first heading", "---\ntitle: A\nsource: B\nreviewed: 2026-01-01\n---\nloose text\n# H\n", 6, /before the first heading/],
    ["an empty heading", "---\ntitle: A\nsource: B\nreviewed: 2026-01-01\n---\n# H\n## \ntext\n", 7, /heading has no text/],
  ];
  for (const [name, text, line, message] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        parseArticle(text, "corpus/articles/x.md");
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DataFileError);
      const e = error as DataFileError;
      expect(e.file).toBe("corpus/articles/x.md");
      expect(e.line).toBe(line);
      expect(e.message).toMatch(message);
      expect(e.message.startsWith(`corpus/articles/x.md:${line}:`)).toBe(true);
    });
  }
});
