import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/types.ts";
import { escapeHtml, packBlocks, TELEGRAM_MESSAGE_LIMIT } from "../../adapters/telegram/message-parts.ts";
import { renderReply, sourceLines } from "../../adapters/telegram/render-reply.ts";

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    text: "",
    answer: "Sciatica is pain along the sciatic nerve.",
    disclaimer: "This is general information, not medical advice.",
    sources: [{ article: "Back Pain Leads to Leg Pain", section: "1. Sciatica", score: 0.8 }],
    escalation: { level: "none", reasons: [] },
    outOfScope: false,
    suggestions: [],
    indexVersion: "v1",
    check: null,
    ...overrides,
  };
}

/** Checks that every tag opened in `html` is closed in order, and nothing else looks like a tag. */
function tagsBalanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)>/g)) {
    if (m[1] === "") stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return false;
  }
  const stray = html.replace(/<\/?(b|i)>/g, "");
  return stack.length === 0 && !/[<>]/.test(stray);
}

/** HTML back to the text a reader sees, without whitespace (cuts may drop it). */
function visible(html: string): string {
  return html.replace(/<\/?(b|i)>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\s+/g, "");
}

describe("renderReply", () => {
  it("puts guidance first in bold, then the answer, sources and disclaimer", () => {
    const [part, ...rest] = renderReply(reply({ guidance: "Call your emergency number now." }));
    expect(rest).toHaveLength(0);
    expect(part!.html).toBe(
      "<b>Call your emergency number now.</b>\n\n" +
        "Sciatica is pain along the sciatic nerve.\n\n" +
        "Source: Back Pain Leads to Leg Pain — 1. Sciatica\n\n" +
        "<i>This is general information, not medical advice.</i>",
    );
  });

  it("escapes &, < and > in user and corpus strings", () => {
    const [part] = renderReply(
      reply({
        guidance: "<b>not bold</b> & <script>",
        answer: "a < b && c > d",
        sources: [{ article: "A&B <Spine>", section: "<1>", score: 1 }],
      }),
    );
    expect(part!.html).toContain("<b>&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;script&gt;</b>");
    expect(part!.html).toContain("a &lt; b &amp;&amp; c &gt; d");
    expect(part!.html).toContain("Source: A&amp;B &lt;Spine&gt; — &lt;1&gt;");
    expect(tagsBalanced(part!.html)).toBe(true);
    expect(part!.plain).toContain("a < b && c > d");
  });

  it("lists each source once", () => {
    expect(
      sourceLines([
        { article: "A", section: "1", score: 1 },
        { article: "A", section: "1", score: 0.5 },
        { article: "A", section: "", score: 0.4 },
      ]),
    ).toEqual(["Source: A — 1", "Source: A"]);
  });

  it("splits a 5,000+ character reply into valid parts that together hold the whole reply", () => {
    const paragraph = (i: number) => `Paragraph ${i}: nerves & discs <L4/L5> press on the sciatic nerve. `.repeat(6).trim();
    const answer = Array.from({ length: 30 }, (_, i) => paragraph(i)).join("\n\n");
    const long = reply({ guidance: "Seek urgent care if your legs get weaker & numb.", answer });
    expect(answer.length).toBeGreaterThan(5000);

    const parts = renderReply(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.html.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(part.plain.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(tagsBalanced(part.html)).toBe(true);
    }
    expect(parts[0]!.html.startsWith("<b>Seek urgent care")).toBe(true);
    // Cut only between paragraphs: each part ends a paragraph, the next begins one.
    for (const part of parts.slice(0, -1)) expect(part.plain).toMatch(/press on the sciatic nerve\.$/);

    const whole = renderReply(long, 1_000_000);
    expect(whole).toHaveLength(1);
    expect(parts.map((p) => p.html).join("\n\n")).toBe(whole[0]!.html);
    expect(parts.map((p) => p.plain).join("\n\n")).toBe(whole[0]!.plain);
  });

  it("splits a single oversized formatted paragraph without breaking tags or entities", () => {
    const guidance = "Call now & don't wait <really>. ".repeat(400).trim(); // ~12,800 chars, escapes to more
    const parts = renderReply(reply({ guidance }));
    const whole = renderReply(reply({ guidance }), 1_000_000)[0]!;
    for (const part of parts) {
      expect(part.html.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(tagsBalanced(part.html)).toBe(true);
      expect(part.html).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(visible(parts.map((p) => p.html).join(""))).toBe(visible(whole.html));
  });

  it("packs blocks under a small limit", () => {
    const parts = packBlocks(
      [
        { text: "aaaa", style: "plain" },
        { text: "bbbb", style: "bold" },
        { text: "cccc", style: "italic" },
      ],
      14,
    );
    expect(parts.map((p) => p.html)).toEqual(["aaaa", "<b>bbbb</b>", "<i>cccc</i>"]);
    expect(escapeHtml("<&>")).toBe("&lt;&amp;&gt;");
  });
});
