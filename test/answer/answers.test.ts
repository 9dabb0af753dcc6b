import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBoilerplate } from "../../src/answer/boilerplate.ts";
import type { Reply } from "../../src/core/types.ts";
import { EVAL_DIR, QUESTION_SETS, readJsonl, type QuestionCase } from "../../src/eval/eval-sets.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

let t: TestLumbar;
let n = 0;
const ask = (text: string, conversationId = `ans-${n++}`): Promise<Reply> => t.lumbar.handle({ channel: "test", conversationId, userId: "u1", text });
/** The sections the answer text quotes, from its "(From “...”, ...)" lines. */
const quoted = (r: Reply) => [...r.answer.matchAll(/\(From “(.+?)”, /g)].map((m) => m[1]);
/** Words of the answer itself, without the citation lines. */
const wordCount = (r: Reply) => r.answer.split("\n").filter((l) => !l.startsWith("(From ")).join(" ").split(/\s+/).filter(Boolean).length;

beforeAll(async () => {
  t = await makeTestLumbar();
});
afterAll(async () => {
  await t.cleanup();
});

describe("answers that answer", () => {
  it("names the treatments the article gives for a condition, each cited, without the subtitle", async () => {
    await ask("what's a herniated disc", "hd");
    const r = await ask("and how is that treated?", "hd");
    expect(r.answer).not.toMatch(/Discover the seven/);
    const cited = quoted(r);
    for (const s of ["PT, or physical therapy", "Injections", "Discectomy"]) expect(cited).toContain(s);
    expect(r.sources.map((s) => s.section)).toEqual(expect.arrayContaining(cited));
  });

  it("reads the 'it' of the question as the condition the same message's story names", async () => {
    const r = await ask("my dad has spinal stenosis, how is it treated?");
    const cited = quoted(r);
    for (const s of ["Laminectomy", "Injections"]) expect(cited).toContain(s);
  });

  it("quotes each compared condition's own section, not only sections that mention it", async () => {
    const cited = quoted(await ask("whats the difference between a herniated disc and degenerative disc disease"));
    for (const s of ["2. Herniated Disc", "6. Degenerative Disc Disease"]) expect(cited).toContain(s);
  });

  it("does not answer with what the person says they tried and did not help", async () => {
    const r = await ask("been doing rest and heat for a month and it is not helping, what else is there");
    expect(["Rest", "Ice and Heat Therapy"]).not.toContain(r.sources[0]?.section);
    // What the asking clause names is asked about, not tried: surgery stays.
    const s = await ask("physio has not helped after months, is surgery the next step");
    expect(s.sources.slice(0, 3).map((x) => x.section)).toContain("Surgical Interventions");
  });

  it("answers 'how do i treat it at home' from the home remedies, not the introduction", async () => {
    await ask("my back hurts", "home");
    const r = await ask("how do i treat it at home", "home");
    expect(r.sources[0].section).toBe("Changes in Lifestyle and Home Remedies");
    expect(quoted(r).length).toBeGreaterThanOrEqual(2);
  });

  it("gives both durations for 'how long does it last', and nothing off the question", async () => {
    const r = await ask("how long does back pain last");
    expect(quoted(r)).toEqual(expect.arrayContaining(["Acute Back Pain", "Prolonged Back Pain"]));
    await ask("my back hurts", "last");
    const followUp = await ask("how long does it last", "last");
    expect(quoted(followUp).sort()).toEqual(["Acute Back Pain", "Prolonged Back Pain"]);
  });

  it("keeps sources[0] as the section the answer opens with", async () => {
    const r = await ask("what is spinal stenosis");
    expect(r.sources[0].section).toBe(quoted(r)[0]);
  });

  it("stays short: about 120 words at most on the development questions", async () => {
    const cases = (await readJsonl<QuestionCase>(path.join(EVAL_DIR, QUESTION_SETS.dev))).filter((c) => !c.outOfScope);
    const counts = [];
    for (const c of cases) counts.push(wordCount(await ask(c.text)));
    // A list is kept whole, so a few answers run a little over.
    expect(Math.max(...counts)).toBeLessThanOrEqual(150);
    expect(counts.filter((w) => w > 120).length).toBeLessThanOrEqual(cases.length * 0.05);
  });

  it("quotes only text that is in the article", async () => {
    const article = await readFile(path.join(t.corpusDir, "articles", "back-pain-leads-to-leg-pain.md"), "utf8");
    const r = await ask("how long does back pain last");
    const lines = r.answer.split("\n").filter((l) => l && !l.startsWith("(From "));
    for (const l of lines) for (const s of l.replace(/^• /, "").split(/(?<=\.)\s+/)) expect(article).toContain(s);
  });
});

describe("non-content lines", () => {
  it("recognises standfirsts, sign-offs and placeholders, not ordinary sentences", () => {
    expect(isBoilerplate("Discover the seven most common reasons back pain causes leg pain.")).toBe(true);
    expect(isBoilerplate("Thank you for reading!")).toBe(true);
    expect(isBoilerplate("[insert symptoms if applicable]")).toBe(true);
    expect(isBoilerplate("Symptoms: [insert symptoms if applicable]")).toBe(true);
    expect(isBoilerplate("Ice is perfect in the first 48 hours following an accident.")).toBe(false);
    expect(isBoilerplate("Learning to lift with your legs protects your back.")).toBe(false);
  });
});
