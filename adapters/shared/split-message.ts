/**
 * Splits a long reply into parts a chat platform accepts (Telegram: 4096 characters; Slack
 * truncates long `text` too). Splits on paragraph boundaries first, then lines, then sentences,
 * and only cuts inside a word when a single word is longer than the limit.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError("limit must be at least 1");
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = bestCut(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    if (head.length > 0) parts.push(head);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

function bestCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  // Prefer the last paragraph break, then line break, then sentence end, then space,
  // but never a cut so early that it leaves a tiny part: that would multiply messages.
  const floor = Math.floor(limit / 3);
  for (const pattern of [/\n\s*\n/g, /\n/g, /[.!?](?=\s)/g, /\s/g]) {
    let last = -1;
    for (const m of window.matchAll(pattern)) {
      const end = m.index + (pattern.source.startsWith("[.!?]") ? 1 : 0);
      if (end <= limit) last = end;
    }
    if (last >= floor) return last;
  }
  return limit;
}
