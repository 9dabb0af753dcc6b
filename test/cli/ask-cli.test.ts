import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCliSandbox, parseSingleJson, REPLY_KEYS, type CliResult, type CliSandbox, type ReplyJson } from "./cli-harness.ts";

// `lumbar ask` as scripts and the evaluation use it: a real child process over a temporary corpus
// copy and data folder. Only the process boundary is exercised here; nothing inside is faked.
// (Escalation logging, reindex and configuration errors have their own files in this folder, to keep
// each file well under its time budget: every CLI start costs about a second and a half.)

let sandbox: CliSandbox;
let firstAsk: CliResult;

beforeAll(async () => {
  sandbox = await makeCliSandbox();
  // The first ask runs alone: it builds the index in the empty data folder, which the asks below
  // (run in parallel) then share.
  firstAsk = await sandbox.run(["ask", "--json", "what is sciatica"]);
});

afterAll(async () => {
  await sandbox?.cleanup();
});

async function askJson(question: string): Promise<ReplyJson> {
  const result = await sandbox.run(["ask", "--json", question]);
  expect(result.code, result.stderr).toBe(0);
  const reply = parseSingleJson(result);
  expect(Object.keys(reply).sort()).toEqual(REPLY_KEYS);
  return reply as unknown as ReplyJson;
}

describe.concurrent("lumbar ask --json", () => {
  it("answers 'what is sciatica' from the Sciatica section, printing one object with exactly the public keys", async ({ expect }) => {
    expect(firstAsk.code, firstAsk.stderr).toBe(0);
    // It built the first index itself.
    expect((await readFile(path.join(sandbox.dataDir, "index", "CURRENT"), "utf8")).trim()).toMatch(/^v\S+$/);
    // Exactly one JSON object on stdout, nothing else mixed in (logs go to stderr).
    expect(firstAsk.stdout.endsWith("\n")).toBe(true);
    expect(firstAsk.stdout.trimEnd().split("\n")).toHaveLength(1);
    const reply = parseSingleJson(firstAsk) as unknown as ReplyJson;
    expect(Object.keys(reply).sort()).toEqual(REPLY_KEYS);
    expect(reply.sources[0].section).toBe("1. Sciatica");
    expect(reply.sources[0].article).toBe("Back Pain Leads to Leg Pain");
    expect(Object.keys(reply.sources[0]).sort()).toEqual(["article", "score", "section"]);
    expect(reply.escalation).toEqual({ level: "none", reasons: [] });
    expect(reply.outOfScope).toBe(false);
    expect(reply.text).toMatch(/sciatica/i);
    expect(reply.text).toContain("“1. Sciatica”");
    expect(reply.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(reply.check).toBeNull();
  });

  it("cites the FAQ about drinks first for 'what can I drink to stop back pain'", async ({ expect }) => {
    const reply = await askJson("what can I drink to stop back pain");
    expect(reply.sources[0].section).toBe("Q. What can I drink to stop back pain?");
    expect(reply.outOfScope).toBe(false);
    expect(reply.escalation.level).toBe("none");
  });

  it("says a question about the capital of France is out of scope, without answering it", async ({ expect }) => {
    const reply = await askJson("what's the capital of France");
    expect(reply.outOfScope).toBe(true);
    expect(reply.sources).toEqual([]);
    expect(reply.text).not.toMatch(/paris/i);
    expect(reply.escalation.level).toBe("none");
    expect(reply.text).toMatch(/don't have information/i);
  });

  it("--jsonl answers each line in order, keeps a conversation across lines, and reports bad lines in place", async ({ expect }) => {
    const input =
      [
        JSON.stringify({ id: 1, text: "what is spinal stenosis", conversationId: "a" }),
        JSON.stringify({ id: 2, text: "how is it treated?", conversationId: "a" }),
        JSON.stringify({ id: "x", text: "what is sciatica" }),
        "this line is not JSON {",
        JSON.stringify({ id: 5 }),
      ].join("\n") + "\n";
    const result = await sandbox.run(["ask", "--jsonl"], { stdin: input });
    // Bad lines make the run fail, but only after every line got its answer.
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stdout.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(5);
    const out = lines.map((l) => JSON.parse(l) as Partial<ReplyJson> & { id: unknown; error?: string });
    expect(out.map((o) => o.id)).toEqual([1, 2, "x", null, 5]);

    expect(out[0].error).toBeUndefined();
    expect(out[0].sources?.[0].section).toBe("3. Spinal Stenosis");

    // The follow-up is about treating spinal stenosis: it must land on treatment, not repeat the definition.
    const treatments = [
      "Laminectomy",
      "Injections",
      "Surgical Interventions",
      "Q. How do you fix nerve pain in the legs?",
      "Medical Treatments and Therapies",
      "Options for Back and Leg Pain Treatment",
    ];
    expect(out[1].error).toBeUndefined();
    const followUpSections = out[1].sources!.map((s) => s.section);
    expect(followUpSections[0]).not.toBe("3. Spinal Stenosis");
    expect(followUpSections.some((s) => treatments.includes(s)), followUpSections.join(" | ")).toBe(true);
    expect(out[1].outOfScope).toBe(false);

    expect(out[2].error).toBeUndefined();
    expect(out[2].sources?.[0].section).toBe("1. Sciatica");
    for (const o of out.slice(0, 3)) expect(Object.keys(o).sort()).toEqual(["id", ...REPLY_KEYS].sort());

    for (const o of out.slice(0, 3)) expect(o.check).toBeNull();
    expect(out[3]).toEqual({ id: null, error: expect.stringMatching(/^line 4: .*JSON/) });
    expect(out[4]).toEqual({ id: 5, error: expect.stringMatching(/^line 5: .*"text"/) });
  });
});

describe("lumbar ask with the core's own safety check questions", () => {
  it("--jsonl prints the check, and a later 'yes' line in the same conversation escalates to emergency", async () => {
    const input = [
      JSON.stringify({ id: 1, text: "i leaked in my pants today, my back hurts", conversationId: "c" }),
      JSON.stringify({ id: 2, text: "yes", conversationId: "c" }),
    ].join("\n") + "\n";
    const result = await sandbox.run(["ask", "--jsonl"], { stdin: input });
    expect(result.code, result.stderr).toBe(0);
    const [first, second] = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as ReplyJson & { id: unknown });
    expect(Object.keys(first!.check!).sort()).toEqual(["options", "question", "reasons"]);
    expect(first!.check!.options.length).toBeGreaterThanOrEqual(2);
    expect(first!.escalation.level).toBe("none");
    expect(second!.escalation.level).toBe("emergency");
  });
});
