import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/types.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// An article on a topic the corpus did not cover (knees), written the way web articles come: a
// selling standfirst, a placeholder left in, a sign-off. Added and reindexed, its questions become
// answerable with no edit to corpus/scope.yml (which lists knees as another body part), and the
// non-content lines are never quoted.
const KNEE_ARTICLE = `---
title: Knee Pain Basics
source: "test fixture"
reviewed: 2026-11-27
---

# Knee Pain Basics

Discover everything you need to know about knee pain. Learn about causes and treatments.

## Meniscus Tears

The meniscus is a rubbery cushion of cartilage inside the knee joint. A torn meniscus often happens when the knee twists while the foot is planted. A meniscus tear causes swelling, stiffness and a catching or locking feeling in the knee.

[insert diagram of the meniscus if applicable]

## Kneecap Pain

Pain around the kneecap is common in runners and people who squat or kneel a lot. The kneecap pain usually gets worse on stairs and after sitting for long periods with the knees bent.

## Thank You

Thank you for reading! We hope this helps.
`;

let t: TestLumbar;
const ask = (text: string): Promise<Reply> => t.lumbar.handle({ channel: "test", conversationId: `knee-${Math.random()}`, userId: "u1", text });

beforeAll(async () => {
  t = await makeTestLumbar();
});
afterAll(async () => {
  await t.cleanup();
});

describe("a new article's topics become answerable after reindex", () => {
  it("declines knee questions before the article and answers them after, with no scope edit", async () => {
    const question = "why does my knee lock and catch after i twisted it";
    expect((await ask(question)).outOfScope).toBe(true);

    await writeFile(path.join(t.corpusDir, "articles", "knee-pain.md"), KNEE_ARTICLE);
    await t.lumbar.reindex();

    const r = await ask(question);
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]).toMatchObject({ article: "Knee Pain Basics", section: "Meniscus Tears" });
    expect((await ask("what is a torn meniscus")).sources[0]?.section).toBe("Meniscus Tears");
    expect((await ask("my kneecap hurts on the stairs")).sources[0]?.section).toBe("Kneecap Pain");
  });

  it("never quotes the standfirst, a placeholder or a sign-off", async () => {
    for (const q of ["what is a torn meniscus", "tell me about knee pain", "kneecap pain in runners"]) {
      const r = await ask(q);
      expect(r.answer, q).not.toMatch(/Discover|Learn about|\[insert|Thank you for reading/);
      expect(r.sources.map((s) => s.section), q).not.toContain("Thank You");
      expect(r.sources.map((s) => s.section), q).not.toContain("Knee Pain Basics");
    }
  });

  it("keeps declining the body parts no article covers", async () => {
    expect((await ask("my shoulder clicks when i lift my arm, what is it")).outOfScope).toBe(true);
  });
});
