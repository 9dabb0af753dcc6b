import { PassThrough } from "node:stream";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MAYBE_CUT_NOTICE, runTerminalChat, TEAM_TOLD, TOO_LONG_NOTICE } from "../../adapters/terminal/terminal-chat.ts";
import { renderReplyForTerminal } from "../../adapters/terminal/render-reply.ts";
import { MAX_MESSAGE_CHARS } from "../../adapters/terminal/terminal-input.ts";
import type { IncomingMessage, Reply, SafetyCheck } from "../../src/core/types.ts";
import { RED_FLAGS_FILE } from "../../src/corpus/load-corpus.ts";
import { loadRules } from "../../src/safety/rules.ts";
import { readAuditLog } from "../../src/safety/audit-log.ts";
import { auditLogPath } from "../../src/core/create-lumbar.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";

// The terminal chat over in-memory streams and the real core (real index, red flags, audit log).

let t: TestLumbar;

beforeAll(async () => {
  t = await makeTestLumbar();
});

afterAll(async () => {
  await t?.cleanup();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A terminal as the chat sees it: a TTY stream that records raw mode being switched on and off. */
function fakeTerminal(options: { rawCapable?: boolean } = {}) {
  const modes: boolean[] = [];
  const input = Object.assign(new PassThrough(), { isTTY: true as const, modes });
  if (options.rawCapable !== false) Object.assign(input, { setRawMode: (mode: boolean) => (modes.push(mode), input) });
  return input;
}

/** A chat session driven line by line, reading what it printed. */
function openChat(conversationId: string, input: PassThrough = new PassThrough()) {
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
    prompts,
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
      expect(chat.printed()).toMatch(/^Lumbar: .*\nType a question, a number to pick a suggestion, \/help for what I can do, or \/quit to leave\.\n> \n$/);

      const first = await chat.say("what is sciatica");
      expect(first).toMatch(/Sciatica is /);
      expect(first).not.toContain(TEAM_TOLD);
      expect(first).toContain("(From “1. Sciatica”, Back Pain Leads to Leg Pain)");
      // Each source is named once: a quoted section is not listed again.
      expect(first.match(/1\. Sciatica/g)).toHaveLength(1);
      expect(first).toContain("You could ask:");
      const suggestions = [...first.matchAll(/^ {2}(\d)\) (.+)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2] }));
      expect(suggestions.length).toBeGreaterThanOrEqual(2);
      expect(suggestions.map((s) => s.n)).toEqual(suggestions.map((_, i) => i + 1));
      expect(first).toContain("not medical advice");
      expect(first.indexOf("Sciatica is ")).toBeLessThan(first.indexOf("You could ask:"));

      const picked = await chat.say("1");
      expect(picked.startsWith(`(asking: ${suggestions[0].text})\n`)).toBe(true);
      // The suggestion was asked for real: the same question typed out gets the same sources.
      // Sections named: those quoted ("From ...") and those listed as related, each once.
      const named = (text: string) => [
        ...[...text.matchAll(/^\(From “(.+)”, /gm)].map((m) => m[1]),
        ...(/^(?:Related|Sources): (.+)$/m.exec(text)?.[1].split("; ").map((x) => x.replace(/ \([^)]*\)$/, "")) ?? []),
      ];
      const typed = await t.lumbar.handle({ channel: "terminal", conversationId: "term-1-check", userId: "x", text: suggestions[0].text });
      expect(named(picked).sort()).toEqual(typed.sources.map((s) => s.section).sort());

      expect(chat.settled()).toBe(false);
      chat.input.write("/quit\n");
      await chat.done;
      expect(chat.settled()).toBe(true);
    } finally {
      chat.input.end();
    }
  });

  it("prints the emergency guidance before the answer to a question asked with a red flag, and tells the person the clinic's team knows", async () => {
    const guidance = (await loadRules(path.join(t.corpusDir, RED_FLAGS_FILE))).guidance.emergency;
    const chat = openChat("term-2");
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const reply = await chat.say("I wet myself this morning, is this sciatica?");
      // Plain words for the person, right under the guidance; never the operators' alert line
      // (tier and rule ids), not even after the reply.
      expect(reply).toContain(`⚠  ${guidance}\n\n${TEAM_TOLD}\n`);
      expect(TEAM_TOLD).toMatch(/^I've let the clinic's team know/);
      await new Promise((r) => setTimeout(r, 200));
      expect(chat.printed()).not.toMatch(/operator alert|bladder-control-loss|no operator channel/i);
      // What the note says is true: the escalation is in the audit log.
      const { records } = await readAuditLog(auditLogPath(t.dataDir));
      expect(records.find((r) => r.conversationId === "term-2")).toMatchObject({ channel: "terminal", tier: "emergency" });

      const g = reply.indexOf(`⚠  ${guidance}`);
      const answer = reply.indexOf("(From “1. Sciatica”");
      expect(g).toBeGreaterThanOrEqual(0);
      expect(reply.slice(0, g)).toBe(""); // the reply opens with the guidance
      expect(answer).toBeGreaterThan(g);
      expect(reply).toMatch(/999|911/);
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

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

describe("runTerminalChat on a terminal (raw mode, bracketed paste)", () => {
  it("reads a 10,000-character multi-line paste as one message and escalates the red flag in its last sentence", async () => {
    const guidance = (await loadRules(path.join(t.corpusDir, RED_FLAGS_FILE))).guidance.emergency;
    const handle = vi.spyOn(t.lumbar, "handle");
    const terminal = fakeTerminal();
    const chat = openChat("term-paste", terminal);
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      expect(terminal.modes).toEqual([true]);
      expect(chat.printed()).toContain("\x1b[?2004h");

      const paragraph = "My lower back has ached for weeks and the pain runs down my left leg when I sit at my desk for long. ";
      let pasted = "";
      while (pasted.length < 10_000) pasted += paragraph.repeat(5).trim() + "\n\n";
      pasted += "I can't control my bladder since this morning.";
      expect(pasted.length).toBeGreaterThan(10_000);
      // A terminal hands the paste over in pieces; 4 KB ones cut the end marker too.
      const typed = `${PASTE_START}${pasted}${PASTE_END}`;
      for (let i = 0; i < typed.length; i += 4093) terminal.write(typed.slice(i, i + 4093));
      const before = chat.prompts();
      terminal.write("\r");
      await chat.until(() => chat.prompts() > before, "the reply to the paste");

      expect(handle).toHaveBeenCalledTimes(1);
      expect((handle.mock.calls[0]![0] as IncomingMessage).text).toBe(pasted);
      const reply = (await handle.mock.results[0]!.value) as Reply;
      expect(reply.escalation.level).toBe("emergency");
      expect(reply.escalation.reasons.join(" ")).toMatch(/bladder/);
      const printed = chat.printed();
      const replyStart = printed.lastIndexOf(pasted.slice(-40)) + 40;
      expect(printed.indexOf(`⚠  ${guidance}`, replyStart)).toBeGreaterThan(replyStart);

      terminal.write("\x03"); // Ctrl-C
      await chat.done;
      expect(terminal.modes).toEqual([true, false]);
      expect(chat.printed().endsWith("\x1b[?2004l")).toBe(true);
    } finally {
      terminal.end();
    }
  });

  it("answers typed keys on Enter, and ends on Ctrl-D at an empty prompt", async () => {
    const handle = vi.spyOn(t.lumbar, "handle");
    const terminal = fakeTerminal();
    const chat = openChat("term-keys", terminal);
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const before = chat.prompts();
      for (const key of ["w", "h", "a", "t", " ", "i", "s", " ", "s", "c", "i", "x", "\x7f", "a", "t", "i", "c", "a", "\r"]) terminal.write(key);
      await chat.until(() => chat.prompts() > before, "the answer");
      expect((handle.mock.calls[0]![0] as IncomingMessage).text).toBe("what is sciatica");
      expect(chat.printed()).toMatch(/Sciatica is /);
      terminal.write("\x04");
      await chat.done;
      expect(terminal.modes).toEqual([true, false]);
    } finally {
      terminal.end();
    }
  });

  it("says plainly that it read and checked nothing of a message over its limit, instead of checking part of it", async () => {
    const handle = vi.spyOn(t.lumbar, "handle");
    const terminal = fakeTerminal();
    const chat = openChat("term-huge", terminal);
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const before = chat.prompts();
      terminal.write(PASTE_START + "my back hurts. ".repeat(Math.ceil((MAX_MESSAGE_CHARS + 10) / 15)) + PASTE_END + "\r");
      await chat.until(() => chat.prompts() > before, "the notice");
      expect(chat.printed()).toContain(TOO_LONG_NOTICE);
      expect(TOO_LONG_NOTICE).toMatch(/1,000,000 characters.*not read or checked any of it.*911, 999 or 112/);
      expect(handle).not.toHaveBeenCalled();
    } finally {
      terminal.end();
    }
  });

  it("on a terminal that cannot be put in raw mode, says a line may have been cut and that only what arrived was checked", async () => {
    const handle = vi.spyOn(t.lumbar, "handle");
    const terminal = fakeTerminal({ rawCapable: false });
    const chat = openChat("term-canonical", terminal);
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const cut = "my leg hurts when I walk. ".repeat(200).slice(0, 4095);
      const reply = await chat.say(cut);
      expect(reply).toContain(MAYBE_CUT_NOTICE);
      expect((handle.mock.calls[0]![0] as IncomingMessage).text).toBe(cut);
      const short = await chat.say("what is sciatica");
      expect(short).not.toContain(MAYBE_CUT_NOTICE);
    } finally {
      terminal.end();
    }
  });
});

const CHECK: SafetyCheck = {
  question: "Are you losing control of your bladder or bowels right now?",
  options: ["Yes, it's happening now", "No"],
  reasons: ["bladder-control-loss"],
};

describe("safety check questions in the terminal chat", () => {
  it("numbers the check's options, and a number then answers the check rather than picking a suggestion (check added over the real core)", async () => {
    // Until the core asks checks itself, one reply of the real core gets a check added.
    const real = t.lumbar.handle.bind(t.lumbar);
    const handle = vi.spyOn(t.lumbar, "handle").mockImplementation(async (message: IncomingMessage) => {
      const reply = await real(message);
      return message.text === "what is sciatica" ? { ...reply, check: CHECK } : reply;
    });
    const chat = openChat("term-check");
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const asked = await chat.say("what is sciatica");
      const lines = asked.split("\n");
      const q = lines.indexOf("⚠  Safety check: Are you losing control of your bladder or bowels right now?");
      expect(q).toBeGreaterThan(0);
      expect(lines.slice(q + 1, q + 4)).toEqual(["  1) Yes, it's happening now", "  2) No", "Type the number of your answer, or answer in your own words."]);
      // Only the check's options are numbered: the suggestions are listed without numbers.
      expect(asked).toMatch(/^ {2}- /m);
      expect([...asked.matchAll(/^ {2}\d\) /gm)]).toHaveLength(2);
      expect(q).toBeGreaterThan(lines.findIndex((l) => l.includes("not medical advice")));

      const answered = await chat.say("1");
      expect(answered.startsWith("(answering: Yes, it's happening now)\n")).toBe(true);
      expect((handle.mock.calls[1]![0] as IncomingMessage)).toMatchObject({ conversationId: "term-check", text: "Yes, it's happening now" });
      // No check now: numbers pick suggestions again.
      const suggestion = /^ {2}1\) (.+)$/m.exec(answered)?.[1];
      if (suggestion) expect((await chat.say("1")).startsWith(`(asking: ${suggestion})`)).toBe(true);
    } finally {
      chat.input.end();
    }
  });

  it("with the core's own check: '1' answers yes, and the chat escalates to emergency", async () => {
    const handle = vi.spyOn(t.lumbar, "handle");
    const chat = openChat("term-check-core");
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const asked = await chat.say("i leaked in my pants today, my back hurts");
      expect(asked).toContain("⚠  Safety check: ");
      const first = (await handle.mock.results[0]!.value) as Reply;
      const answered = await chat.say("1");
      expect(answered.startsWith(`(answering: ${first.check!.options[0]})`)).toBe(true);
      const second = (await handle.mock.results[1]!.value) as Reply;
      expect(second.escalation.level).toBe("emergency");
      expect(answered).toContain(`⚠  ${second.guidance}`);
    } finally {
      chat.input.end();
    }
  });
});

describe("chat commands", () => {
  it("/help lists the commands, /sources the sections, /new forgets the conversation", async () => {
    const chat = openChat("term-commands");
    try {
      await chat.until((out) => out.includes("> \n"), "the welcome prompt");
      const help = await chat.say("/help");
      for (const c of ["/help", "/sources", "/new", "/quit"]) expect(help).toContain(c);
      expect(help).toMatch(/cannot examine you/);
      const sources = await chat.say("/sources");
      expect(sources).toContain("  - 1. Sciatica");
      expect(sources).toContain("  - Ice and Heat Therapy");
      await chat.say("what is spinal stenosis");
      // Within the conversation "who gets it" is about stenosis; after /new there is nothing to point back to.
      const before = await chat.say("who usually gets it");
      expect(before).toContain("3. Spinal Stenosis");
      expect(await chat.say("/new")).toMatch(/New conversation/);
      const after = await chat.say("who usually gets it");
      expect(after).not.toContain("3. Spinal Stenosis");
      chat.input.write("/quit\n");
      await chat.done;
    } finally {
      chat.input.end();
    }
  });

  it("wraps a long reply at word boundaries to the terminal's width", async () => {
    const reply = await t.lumbar.handle({ channel: "terminal", conversationId: "wrap", userId: "u", text: "what are the options for back and leg pain treatment" });
    const text = renderReplyForTerminal(reply, { width: 40 });
    const lines = text.split("\n");
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    // No word was cut: the words are those of the unwrapped rendering, in order.
    expect(text.split(/\s+/).filter(Boolean)).toEqual(renderReplyForTerminal(reply).split(/\s+/).filter(Boolean));
    expect(lines.length).toBeGreaterThan(renderReplyForTerminal(reply).split("\n").length);
  });
});

