import type { Source } from "../core/types.ts";
import type { RetrievedPassage } from "../retrieve/hybrid-retriever.ts";
import type { Analyzer } from "../text/analyzer.ts";
import { splitSentences, type Sentence } from "./sentences.ts";

export interface ExtractiveAnswer {
  text: string;
  /** The sections quoted, in the order they appear in the answer. */
  cited: Source[];
}

export interface ExtractiveOptions {
  /** Most sentences taken from the best passage. Defaults to 4. */
  maxSentences?: number;
  /** A second section is quoted when its score is at least this share of the best. Defaults to 0.9. */
  secondSourceRatio?: number;
}

/**
 * The default answerer: quotes the sentences of the best passage that share the most meaning with
 * the question, in the article's order, and names the section they come from. Nothing is written
 * that the article does not say.
 */
export function extractiveAnswer(question: string, passages: RetrievedPassage[], analyzer: Analyzer, options: ExtractiveOptions = {}): ExtractiveAnswer {
  const top = passages[0];
  if (!top) return { text: "", cited: [] };
  const q = analyzer.analyze(analyzer.correctText(question));
  const wanted = new Set([...q.residual, ...q.concepts.map((c) => `c:${c}`)]);
  const parts: string[] = [];
  const cited: Source[] = [];

  const first = pickSentences(top.chunk.text, wanted, analyzer, options.maxSentences ?? 4);
  parts.push(`${first}\n(From “${top.chunk.section}”, ${top.chunk.article})`);
  cited.push({ article: top.chunk.article, section: top.chunk.section, score: round(top.score) });

  const second = passages.find((p) => p.chunk.section !== top.chunk.section);
  if (second && second.score >= top.score * (options.secondSourceRatio ?? 0.9)) {
    const extra = pickSentences(second.chunk.text, wanted, analyzer, 2);
    parts.push(`${extra}\n(From “${second.chunk.section}”, ${second.chunk.article})`);
    cited.push({ article: second.chunk.article, section: second.chunk.section, score: round(second.score) });
  }
  return { text: parts.join("\n\n"), cited };
}

function pickSentences(passage: string, wanted: Set<string>, analyzer: Analyzer, max: number): string {
  const sentences = splitSentences(passage);
  const scored = sentences.map((s, i) => {
    const a = analyzer.analyze(s.text);
    const terms = new Set([...a.residual, ...a.concepts.map((c) => `c:${c}`)]);
    let overlap = 0;
    for (const t of wanted) if (terms.has(t)) overlap++;
    // The opening sentence usually says what the section is about: a small head start.
    return { i, s, score: overlap + (i === 0 ? 0.5 : 0) };
  });
  const chosen = new Set(
    [...scored]
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, max)
      .filter((x, rank) => rank === 0 || x.score > 0)
      .map((x) => x.i),
  );
  // A lead-in that ends with ":" is useless without its list, and a list item without its lead-in.
  for (const i of [...chosen]) {
    if (sentences[i].text.endsWith(":") && !sentences[i + 1]?.item && chosen.size > 1) {
      chosen.delete(i);
      continue;
    }
    if (sentences[i].text.endsWith(":")) for (let j = i + 1; j < sentences.length && sentences[j].item; j++) chosen.add(j);
    if (sentences[i].item) {
      let j = i;
      while (j > 0 && sentences[j - 1].item) j--;
      if (j > 0) chosen.add(j - 1);
      for (let k = j; k < sentences.length && sentences[k].item; k++) chosen.add(k);
    }
  }
  return render([...chosen].sort((a, b) => a - b).map((i) => sentences[i]));
}

function render(sentences: Sentence[]): string {
  let out = "";
  sentences.forEach((s, i) => {
    if (s.item) out += `${out && !out.endsWith("\n") ? "\n" : ""}• ${s.text}\n`;
    else out += `${out && !out.endsWith("\n") && i > 0 ? " " : ""}${s.text}`;
  });
  return out.trim();
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
