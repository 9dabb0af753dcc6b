import { describe, expect, it } from "vitest";
import { renderReply, SECTION_TEXT_LIMIT } from "../../adapters/slack/index.ts";
import { answeredCheckBlocks } from "../../adapters/slack/render-reply.ts";
import type { Reply, SafetyCheck } from "../../src/core/types.ts";
import { blocksOf } from "./helpers/harness.ts";

function reply(overrides: Partial<Reply> = {}): Reply {
  const r: Reply = {
    text: "",
    answer: "Sciatica is pain along the sciatic nerve.",
    disclaimer: "General information, not medical advice.",
    sources: [{ article: "Back Pain Leads to Leg Pain", section: "1. Sciatica", score: 0.9 }],
    escalation: { level: "none", reasons: [] },
    outOfScope: false,
    suggestions: ["What is a herniated disc?", "How is sciatica treated?"],
    indexVersion: "v1",
    check: null,
    ...overrides,
  };
  r.text ||= [r.guidance, r.answer, r.disclaimer].filter(Boolean).join("\n\n");
  return r;
}

describe("renderReply", () => {
  it("puts guidance first in its own section, then the answer, sources, disclaimer and buttons", () => {
    const [message] = renderReply(reply({ guidance: "Call 999 now.", escalation: { level: "emergency", reasons: ["r1"] } }));
    const blocks = blocksOf(message as unknown as Record<string, unknown>);
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "context", "context", "actions"]);
    expect(blocks[0].text).toBe(":rotating_light: Call 999 now.");
    expect(blocks[1].text).toBe("Sciatica is pain along the sciatic nerve.");
    expect(blocks[2].text).toBe("Source: Back Pain Leads to Leg Pain — 1. Sciatica");
    expect(message.text.startsWith(":rotating_light: Call 999 now.")).toBe(true);
  });

  it("escapes &, < and > in every corpus and user string", () => {
    const [message] = renderReply(
      reply({
        guidance: "a <!channel> & b",
        answer: "x > y & <@U123>",
        sources: [{ article: "A & B", section: "<s>", score: 1 }],
        disclaimer: "<not advice>",
      }),
      { askedBy: { userId: "U1", question: "is <!here> ok?" } },
    );
    const all = JSON.stringify(message.blocks) + message.text;
    expect(all).not.toMatch(/<!channel>|<!here>|<@U123>|<s>|<not advice>/);
    expect(all).toContain("a &lt;!channel&gt; &amp; b");
    expect(all).toContain("Source: A &amp; B — &lt;s&gt;");
    expect(all).toContain("<@U1> asked: is &lt;!here&gt; ok?");
  });

  it("offers suggestions as buttons whose value is the question", () => {
    const long = "q".repeat(100);
    const [message] = renderReply(reply({ suggestions: ["What is a herniated disc?", long] }));
    const actions = message.blocks.find((b) => b.type === "actions") as unknown as { elements: Array<Record<string, unknown>> };
    expect(actions.elements[0]).toMatchObject({ type: "button", action_id: "lumbar_suggest_0", value: "What is a herniated disc?" });
    expect(actions.elements[1]).toMatchObject({ action_id: "lumbar_suggest_1", value: long });
    expect((actions.elements[1].text as { text: string }).text.length).toBeLessThanOrEqual(75);
  });

  it("splits a long answer into sections Slack accepts and keeps a bounded text fallback", () => {
    const answer = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} about the sciatic nerve & the spine.`).join(" ");
    const messages = renderReply(reply({ answer }));
    expect(messages).toHaveLength(1);
    const sections = messages[0].blocks.filter((b) => b.type === "section") as Array<{ text: { text: string } }>;
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    expect(sections.map((s) => s.text.text).join(" ")).toBe(answer.replace(/&/g, "&amp;"));
    expect(messages[0].text.length).toBeGreaterThan(0);
    expect(messages[0].text.length).toBeLessThanOrEqual(4000);
  });

  it("never exceeds 50 blocks a message", () => {
    const answer = Array.from({ length: 60 }, (_, i) => `${i}: ${"word ".repeat(700)}`).join("\n\n");
    const messages = renderReply(reply({ answer }));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(m.text.length).toBeGreaterThan(0);
    }
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe("actions");
  });

  it("lists each source once and leaves out empty parts", () => {
    const s = { article: "A", section: "S", score: 1 };
    const [message] = renderReply(reply({ sources: [s, { ...s, score: 0.5 }], suggestions: [], disclaimer: "" }));
    expect(message.blocks.map((b) => b.type)).toEqual(["section", "context"]);
    expect(blocksOf(message as unknown as Record<string, unknown>)[1].text).toBe("Source: A — S");
  });
});

describe("renderReply with a safety check", () => {
  const check: SafetyCheck = {
    question: "Are you losing control of your bladder <right now> & can't stop it?",
    options: ["Yes, it's happening now", "No"],
    reasons: ["bladder-control-loss"],
  };

  it("shows the question prominently after any guidance and above the answer, with one button per option", () => {
    const [message] = renderReply(reply({ check, guidance: "Some safety note." }), { checkId: "abc123" });
    const blocks = blocksOf(message as unknown as Record<string, unknown>);
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "actions", "section", "context", "context", "actions"]);
    expect(blocks[0].text).toBe("Some safety note.");
    expect(blocks[1].text).toBe(":warning: *Safety check: Are you losing control of your bladder &lt;right now&gt; &amp; can't stop it?*");
    const checkRow = message.blocks[2] as unknown as { block_id: string; elements: Array<Record<string, unknown>> };
    expect(checkRow.block_id).toBe("lumbar_check");
    expect(checkRow.elements).toEqual([
      expect.objectContaining({ type: "button", action_id: "lumbar_check_0", value: "abc123:0", text: expect.objectContaining({ text: "Yes, it's happening now" }) }),
      expect.objectContaining({ type: "button", action_id: "lumbar_check_1", value: "abc123:1", text: expect.objectContaining({ text: "No" }) }),
    ]);
    // The suggestions stay in their own block, so the two kinds of button never mix.
    expect((message.blocks[6] as unknown as { block_id: string }).block_id).toBe("lumbar_suggestions");
    // Notifications and screen readers get the question too.
    expect(message.text).toContain("Safety check: Are you losing control");
  });

  it("shows the question without buttons when no check id was given (the person can type the answer)", () => {
    const [message] = renderReply(reply({ check, suggestions: [] }));
    expect(message.blocks.filter((b) => b.type === "actions")).toHaveLength(0);
    expect(message.text).toContain("Safety check:");
  });

  it("replaces only the check's buttons with the answer once pressed", () => {
    const [message] = renderReply(reply({ check }), { checkId: "abc123" });
    const updated = answeredCheckBlocks(message.blocks, "Yes, it's happening now");
    expect(updated).toHaveLength(message.blocks.length);
    const texts = blocksOf({ blocks: updated });
    expect(texts[1]).toMatchObject({ type: "context", text: ":white_check_mark: Answered: Yes, it's happening now" });
    expect(texts.filter((b) => b.type === "actions").map((b) => b.block_id)).toEqual(["lumbar_suggestions"]);
    expect(texts[0].text).toContain("Safety check:");
  });
});
