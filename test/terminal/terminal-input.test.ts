import { describe, expect, it } from "vitest";
import { LineEditor, MAX_MESSAGE_CHARS, type EditorEvent } from "../../adapters/terminal/terminal-input.ts";

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

function messages(events: EditorEvent[]) {
  return events.flatMap((e) => (e.kind === "message" ? [e.message] : []));
}

describe("LineEditor (raw terminal input)", () => {
  it("sends typed text on Enter, with Backspace and arrow keys handled", () => {
    const editor = new LineEditor();
    // The left arrow moves back one character, so "?" goes before the "t"; up with no history does nothing.
    const events = ["w", "h", "a", "x", "\x7f", "t", "\x1b[D", "\x1b[A", "?", "\r"].flatMap((k) => editor.feed(k));
    expect(messages(events)).toEqual([{ text: "wha?t", complete: true }]);
    expect(events.filter((e) => e.kind === "echo").map((e) => (e as { text: string }).text).join("")).toBe("whax\b \bt\b?t\b\n");
  });

  it("edits inside the line: left, right, Home, End, and Backspace in the middle", () => {
    const editor = new LineEditor();
    const keys = ["back pain", "\x1b[H", "my ", "\x1b[F", "?", "\x1b[D", "\x1b[D", "\x7f", "\x1b[C", "n", "\r"];
    const events = keys.flatMap((k) => editor.feed(k));
    // "my back pain?" -> two left (before "n?"), backspace deletes "i", right over "n", then "n".
    expect(messages(events)).toEqual([{ text: "my back pann?", complete: true }]);
  });

  it("keeps a bracketed paste whole, newlines included, even with the markers cut across chunks", () => {
    const pasted = "first line\r\nsecond line\n\nlast line, then Enter";
    const input = `${PASTE_START}${pasted}${PASTE_END}\r`;
    for (const size of [1, 3, 7, 1000]) {
      const editor = new LineEditor();
      const events: EditorEvent[] = [];
      for (let i = 0; i < input.length; i += size) events.push(...editor.feed(input.slice(i, i + size)));
      expect(messages(events), `chunks of ${size}`).toEqual([{ text: "first line\nsecond line\n\nlast line, then Enter", complete: true }]);
    }
  });

  it("does not send a paste until Enter, and keeps typing after it", () => {
    const editor = new LineEditor();
    expect(messages(editor.feed(`${PASTE_START}pasted\n${PASTE_END}`))).toEqual([]);
    expect(messages(editor.feed(" and typed\r"))).toEqual([{ text: "pasted\n and typed", complete: true }]);
  });

  it("reads a burst with newlines inside as one paste on terminals without bracketed paste", () => {
    const editor = new LineEditor();
    expect(messages(editor.feed("line one\rline two\r"))).toEqual([{ text: "line one\nline two", complete: true }]);
  });

  it("quits on Ctrl-C, and on Ctrl-D only on an empty line", () => {
    expect(new LineEditor().feed("abc\x03").at(-1)).toEqual({ kind: "quit" });
    const editor = new LineEditor();
    expect(editor.feed("abc\x04").some((e) => e.kind === "quit")).toBe(false);
    expect(messages(editor.feed("\r"))).toEqual([{ text: "abc", complete: true }]);
    expect(editor.feed("\x04").at(-1)).toEqual({ kind: "quit" });
  });

  it("marks a message longer than the limit as incomplete instead of passing it on cut", () => {
    const editor = new LineEditor();
    const chunk = "x".repeat(100_000);
    for (let i = 0; i < MAX_MESSAGE_CHARS / chunk.length; i++) editor.feed(i === 0 ? PASTE_START + chunk : chunk);
    const [message] = messages(editor.feed(`more${PASTE_END}\r`));
    expect(message).toMatchObject({ complete: false, problem: "too-long" });
    expect(message!.text).toHaveLength(MAX_MESSAGE_CHARS);
    // The next message starts afresh.
    expect(messages(editor.feed("ok\r"))).toEqual([{ text: "ok", complete: true }]);
  });
});

describe("LineEditor history", () => {
  const messages = (events: EditorEvent[]) => events.flatMap((e) => (e.kind === "message" ? [e.message.text] : []));
  it("recalls earlier messages with the up arrow and comes back with the down arrow", () => {
    const editor = new LineEditor();
    editor.feed("what is sciatica\r");
    editor.feed("is it serious\r");
    // Up twice then Enter sends the first message again; the echo erased what was shown.
    const up = editor.feed("\x1b[A");
    expect(up).toEqual([{ kind: "echo", text: "is it serious" }]);
    editor.feed("\x1b[A");
    expect(messages(editor.feed("\r"))).toEqual(["what is sciatica"]);
    // Up, then down again, gives back the empty line being typed.
    editor.feed("abc");
    editor.feed("\x1b[A");
    const down = editor.feed("\x1b[B");
    expect(down).toEqual([{ kind: "echo", text: "\b \b".repeat("what is sciatica".length) }]);
    expect(messages(editor.feed("x\r"))).toEqual(["x"]);
  });
});
