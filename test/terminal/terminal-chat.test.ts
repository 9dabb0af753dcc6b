import { PassThrough } from "node:stream";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalChat } from "../../adapters/terminal/terminal-chat.ts";
import { RED_FLAGS_FILE } from "../../src/corpus/load-corpus.ts";
import { loadRules } from "../../src/safety/rules.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// The terminal chat over in-memory streams and the real core (real index, red flags, audit log).

let t: TestLumbar;

beforeAll(async () => {
  t = await makeTestLumbar();
});

afterAll(async () => {
  await t?.cleanup();
});

/** A chat session driven line by line, reading what it printed. */
function openChat(conversationId: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.setEncoding("utf8").on("data", (d: string) => (printed += d));
  let settled = false;
  const done = runTerminalChat(t.lumbar, { input, output, conversationId }).finally(() => {
    settled = true;
  });
  const prompts = () => printed.split("\n").filter((l) => l === "> ").length;

  /** Polls (bounded) until `ready` holds for what was printed. */
  const until = async (ready: (out: string) => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!ready(printed)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; printed so far:\n${printed}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  return {
    input,
    done,
    printed: () => printed,
    settled: () => settled,
    until,
    /** Types a line and returns what was printed in answer, up to the next prompt. */
    async say(line: string): Promise<string> {
      const start = printed.length;
      const before = prompts();
      input.write(line + "\n");
      await until(() => prompts() > before, `the reply to '${line}'`);
      return printed.slice(start);
    },
  };
}

describe("runTerminalChat", () => {
  it("answers with sources and numbered suggestions, and a number asks that suggestion", async () => {
    const chat = openChat("term-1");
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      expect(chat.printed()).toMatch(/^Lumbar: .*\nType a question, a number to pick a suggestion, or \/quit to leave\.\n> \n$/);

      const first = await chat.say("what is sciatica");
      expect(first).toMatch(/Sciatica is /);
      expect(first).toMatch(/^Sources: 1\. Sciatica \(Back Pain Leads to Leg Pain\)/m);
      expect(first).toContain("You could ask:");
      const suggestions = [...first.matchAll(/^ {2}(\d)\) (.+)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2] }));
      expect(suggestions.length).toBeGreaterThanOrEqual(2);
      expect(suggestions.map((s) => s.n)).toEqual(suggestions.map((_, i) => i + 1));
      expect(first).toContain("not medical advice");
      expect(first.indexOf("Sciatica is ")).toBeLessThan(first.indexOf("Sources:"));
      expect(first.indexOf("Sources:")).toBeLessThan(first.indexOf("You could ask:"));

      const picked = await chat.say("1");
      expect(picked.startsWith(`(asking: ${suggestions[0].text})\n`)).toBe(true);
      // The suggestion was asked for real: the same question typed out gets the same sources.
      const pickedSources = /^Sources: (.+)$/m.exec(picked)?.[1];
      expect(pickedSources).toBeDefined();
      const typed = await t.lumbar.handle({ channel: "terminal", conversationId: "term-1-check", userId: "x", text: suggestions[0].text });
      expect(pickedSources).toBe(typed.sources.map((s) => `${s.section} (${s.article})`).join("; "));

      expect(chat.settled()).toBe(false);
      chat.input.write("/quit\n");
      await chat.done;
      expect(chat.settled()).toBe(true);
    } finally {
      chat.input.end();
    }
  });

  it("prints the emergency guidance before the answer to a question asked with a red flag, and an operator alert line", async () => {
    const guidance = (await loadRules(path.join(t.corpusDir, RED_FLAGS_FILE))).guidance.emergency;
    const chat = openChat("term-2");
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const printed = await chat.say("I wet myself this morning, is this sciatica?");
      // The alert is delivered asynchronously, so its line may come before or after the reply: wait
      // for it (bounded), and read the reply without it.
      await chat.until((out) => out.includes("[operator alert]"), "the operator alert line");
      const out = chat.printed();
      expect(out).toMatch(/^\[operator alert\] emergency: .*bladder-control-loss.* \(recorded in the escalation log; no operator channel is configured\)$/m);

      const reply = printed
        .split("\n")
        .filter((l) => !l.startsWith("[operator alert]"))
        .join("\n");
      const g = reply.indexOf(`⚠  ${guidance}`);
      const answer = reply.indexOf("(From “1. Sciatica”");
      expect(g).toBeGreaterThanOrEqual(0);
      expect(reply.slice(0, g)).toBe(""); // the reply opens with the guidance
      expect(answer).toBeGreaterThan(g);
      expect(reply).toMatch(/999|911/);
      expect(reply.indexOf("Sources:")).toBeGreaterThan(answer);
      // No suggestion buttons under an emergency.
      expect(reply).not.toContain("You could ask:");

      chat.input.write("/quit\n");
      await chat.done;
    } finally {
      chat.input.end();
    }
  });

  it("ends when the input ends, and treats a number with no suggestions as a question", async () => {
    const chat = openChat("term-3");
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const reply = await chat.say("7");
      expect(reply).not.toContain("(asking:");
      chat.input.end();
      await chat.done;
      expect(chat.settled()).toBe(true);
    } finally {
      chat.input.end();
    }
  });
});
