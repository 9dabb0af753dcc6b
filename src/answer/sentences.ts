/** Splits a passage into sentences and list items, keeping a list's lead-in with its items. */
export interface Sentence {
  text: string;
  /** A list item ("- ..." or "1. ..."). */
  item: boolean;
}

export function splitSentences(passage: string): Sentence[] {
  const out: Sentence[] = [];
  for (const block of passage.split(/\n+/)) {
    const line = block.trim();
    if (!line) continue;
    const item = /^(-|\*|\d+\.)\s+/.exec(line);
    if (item) {
      out.push({ text: line.slice(item[0].length).trim(), item: true });
      continue;
    }
    // Split after . ! ? followed by a space and a capital or digit; keeps "e.g. this" together.
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z0-9“"])/)) if (s.trim()) out.push({ text: s.trim(), item: false });
  }
  return out;
}
