import { createInterface } from "node:readline";

/**
 * Reading the person's messages in the terminal chat, whole.
 *
 * On a terminal (TTY), the kernel's line discipline cuts a line at 4,095 bytes in canonical mode,
 * so a long paste would lose its end, and a multi-line paste would become several messages. The
 * chat therefore reads a TTY in raw mode with bracketed paste on: the terminal wraps a paste in
 * ESC[200~ … ESC[201~, everything inside (newlines included) becomes part of one message, and
 * Enter sends it. Terminals without bracketed paste deliver a paste as one burst: a newline with
 * more text after it in the same burst is kept as a newline, not taken as Enter.
 *
 * From a pipe or a file, each line is one message, as before; pipes do not cut lines.
 */

/** One message read from the person. */
export interface ReadMessage {
  text: string;
  /**
   * False when the text is not all the person sent: longer than {@link MAX_MESSAGE_CHARS} (the rest
   * was dropped), or a line a terminal may have cut. The chat must then say so, not claim it checked it all.
   */
  complete: boolean;
  /** Why the text is incomplete. */
  problem?: "too-long" | "maybe-cut";
}

/** The longest message the terminal chat takes (characters); more is dropped and the person told. */
export const MAX_MESSAGE_CHARS = 1_000_000;

/** What a TTY input stream offers beyond a readable stream. */
interface TtyInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

const PASTE_ON = "\x1b[?2004h";
const PASTE_OFF = "\x1b[?2004l";
const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
// Canonical-mode terminals deliver at most this many bytes of one line (N_TTY_BUF_SIZE - 1).
const CANONICAL_LINE_LIMIT = 4095;

/** True when `input` is a terminal that raw mode can be switched on for. */
export function isRawCapableTty(input: NodeJS.ReadableStream): boolean {
  const tty = input as TtyInput;
  return tty.isTTY === true && typeof tty.setRawMode === "function";
}

/**
 * The person's messages, one at a time, until the input ends or they quit (Ctrl-C, or Ctrl-D on an
 * empty line, on a terminal). `echo` receives what a raw terminal would otherwise not show.
 */
export function readMessages(input: NodeJS.ReadableStream, echo: (text: string) => void): AsyncIterableIterator<ReadMessage> {
  return isRawCapableTty(input) ? readRawTerminal(input as TtyInput, echo) : readLines(input);
}

async function* readLines(input: NodeJS.ReadableStream): AsyncIterableIterator<ReadMessage> {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  // A TTY that cannot be put in raw mode is read in canonical mode, where the kernel cuts long lines.
  const canonicalTty = (input as TtyInput).isTTY === true;
  try {
    for await (const line of rl) {
      const cut = canonicalTty && Buffer.byteLength(line) >= CANONICAL_LINE_LIMIT;
      if (line.length > MAX_MESSAGE_CHARS) yield { text: line.slice(0, MAX_MESSAGE_CHARS), complete: false, problem: "too-long" };
      else yield cut ? { text: line, complete: false, problem: "maybe-cut" } : { text: line, complete: true };
    }
  } finally {
    rl.close();
  }
}

async function* readRawTerminal(input: TtyInput, echo: (text: string) => void): AsyncIterableIterator<ReadMessage> {
  const editor = new LineEditor();
  const ready: Array<ReadMessage | "quit"> = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const onData = (chunk: string | Buffer) => {
    for (const event of editor.feed(typeof chunk === "string" ? chunk : chunk.toString("utf8"))) {
      if (event.kind === "echo") echo(event.text);
      else ready.push(event.kind === "quit" ? "quit" : event.message);
    }
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  // If the process exits mid-chat, the terminal is left without bracketed paste (Node itself
  // restores the terminal's mode).
  const onExit = () => echo(PASTE_OFF);
  input.setEncoding("utf8");
  input.setRawMode!(true);
  echo(PASTE_ON);
  process.once("exit", onExit);
  input.on("data", onData);
  input.on("end", onEnd);
  input.on("close", onEnd);
  input.resume();
  try {
    for (;;) {
      const next = ready.shift();
      if (next === "quit") return;
      if (next) {
        yield next;
        continue;
      }
      // Input gone (terminal closed): a half-typed message is dropped, never sent in part.
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    input.off("data", onData);
    input.off("end", onEnd);
    input.off("close", onEnd);
    process.off("exit", onExit);
    echo(PASTE_OFF);
    input.setRawMode!(false);
    input.pause();
  }
}

/** What the editor asks the chat to do after some input. */
export type EditorEvent = { kind: "echo"; text: string } | { kind: "message"; message: ReadMessage } | { kind: "quit" };

/**
 * A minimal line editor for raw terminal input: typing, Backspace, Enter, Ctrl-C, Ctrl-D, bracketed
 * pastes (kept whole, newlines included), the left and right arrows (Home, End, Ctrl-A, Ctrl-E) to
 * edit inside the line, the up and down arrows (earlier messages of this session) and other escape
 * sequences (ignored). It is written here rather than taken from node:readline
 * because readline splits a paste into lines, and a pasted message must be checked whole.
 * Input may arrive cut anywhere, even inside an escape sequence; the editor carries the rest over.
 */
export class LineEditor {
  private text = "";
  private dropped = false;
  private pending = "";
  private inPaste = false;
  // The last character taken was a CR: an LF right after it (even in the next chunk) is the same newline.
  private cr = false;
  /** Characters (code points) in the line, and how many of them are before the cursor. */
  private count = 0;
  private cursor = 0;
  /** Messages sent this session, oldest first, for the up and down arrows. */
  private readonly history: string[] = [];
  /** Where the arrows are in the history; history.length means the line being typed. */
  private recalled = 0;

  /** Feeds raw input; returns what to echo, messages completed, and whether the person quit. */
  feed(chunk: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    const data = this.pending + chunk;
    this.pending = "";
    let i = 0;
    while (i < data.length) {
      if (this.inPaste) {
        const end = data.indexOf(PASTE_END, i);
        if (end < 0) {
          // Keep a possible start of the end marker for the next chunk.
          const keep = partialSuffix(data.slice(i), PASTE_END);
          this.insert(data.slice(i, data.length - keep), events);
          this.pending = data.slice(data.length - keep);
          return events;
        }
        this.insert(data.slice(i, end), events);
        this.inPaste = false;
        i = end + PASTE_END.length;
        continue;
      }
      const c = data[i]!;
      const afterCR = this.cr;
      this.cr = false;
      if (c === "\n" && afterCR) {
        i++;
        continue;
      }
      if (c === "\x1b") {
        const length = escapeLength(data, i);
        if (length === 0) {
          this.pending = data.slice(i);
          return events;
        }
        if (data.startsWith(PASTE_START, i)) this.inPaste = true;
        const key = data.slice(i, i + length);
        if (key === "\x1b[A" || key === "\x1bOA") this.recall(-1, events);
        else if (key === "\x1b[B" || key === "\x1bOB") this.recall(1, events);
        else if (key === "\x1b[D" || key === "\x1bOD") this.move(-1, events);
        else if (key === "\x1b[C" || key === "\x1bOC") this.move(1, events);
        else if (key === "\x1b[H" || key === "\x1bOH" || key === "\x1b[1~") this.move(-this.cursor, events);
        else if (key === "\x1b[F" || key === "\x1bOF" || key === "\x1b[4~") this.move(this.count - this.cursor, events);
        i += length;
        continue;
      }
      if (c === "\r" || c === "\n") {
        const pair = c === "\r" && data[i + 1] === "\n";
        i += pair ? 2 : 1;
        // More text after the newline in the same burst: a paste from a terminal without
        // bracketed paste, not a press of Enter.
        let k = i;
        while (k < data.length && (data[k] === "\r" || data[k] === "\n")) k++;
        if (k < data.length) this.insert("\n", events);
        else events.push({ kind: "echo", text: "\n" }, { kind: "message", message: this.take() });
        this.cr = c === "\r" && !pair;
        continue;
      }
      if (c === "\x03") {
        events.push({ kind: "echo", text: "^C\n" }, { kind: "quit" });
        return events;
      }
      if (c === "\x04") {
        if (this.text === "" && !this.dropped) {
          events.push({ kind: "echo", text: "\n" }, { kind: "quit" });
          return events;
        }
        i++;
        continue;
      }
      if (c === "\x7f" || c === "\b") {
        this.backspace(events);
        i++;
        continue;
      }
      if (c === "\x01" || c === "\x05") {
        // Ctrl-A and Ctrl-E: to the start or the end of the line.
        this.move(c === "\x01" ? -this.cursor : this.count - this.cursor, events);
        i++;
        continue;
      }
      if (c < " " && c !== "\t") {
        i++; // other control keys do nothing
        continue;
      }
      // A run of ordinary characters at once: pastes can be long.
      let j = i + 1;
      while (j < data.length && data[j]! >= " " && data[j] !== "\x7f") j++;
      this.insert(data.slice(i, j), events);
      i = j;
    }
    return events;
  }

  private insert(raw: string, events: EditorEvent[]): void {
    if (raw === "") return;
    const text = (this.cr && raw.startsWith("\n") ? raw.slice(1) : raw).replace(/\r\n?/g, "\n");
    this.cr = raw.endsWith("\r");
    const room = MAX_MESSAGE_CHARS - this.text.length;
    if (text.length > room) this.dropped = true;
    const kept = text.length > room ? text.slice(0, Math.max(0, room)) : text;
    if (!kept) return;
    const added = codePoints(kept);
    if (this.cursor >= this.count || kept.includes("\n") || this.text.includes("\n")) {
      // Typing at the end, or a paste with newlines: appended (the common case, and the only one
      // a multi-line text allows, since a terminal cannot move the cursor back across lines here).
      this.text += kept;
      this.count += added;
      this.cursor = this.count;
      events.push({ kind: "echo", text: kept });
      return;
    }
    const chars = Array.from(this.text);
    const after = chars.slice(this.cursor).join("");
    this.text = chars.slice(0, this.cursor).join("") + kept + after;
    this.count += added;
    this.cursor += added;
    // Print the new text and what follows it, then step back to just after the new text.
    events.push({ kind: "echo", text: kept + after + "\b".repeat(codePoints(after)) });
  }

  /** Deletes the character before the cursor. */
  private backspace(events: EditorEvent[]): void {
    if (this.cursor === 0) return;
    const chars = Array.from(this.text);
    const removed = chars.splice(this.cursor - 1, 1)[0];
    const after = chars.slice(this.cursor - 1).join("");
    this.text = chars.join("");
    this.count--;
    this.cursor--;
    if (removed === "\n") return;
    events.push({ kind: "echo", text: "\b" + after + " " + "\b".repeat(codePoints(after) + 1) });
  }

  /** Moves the cursor by `step` characters within a one-line text. */
  private move(step: number, events: EditorEvent[]): void {
    const to = Math.min(this.count, Math.max(0, this.cursor + step));
    if (to === this.cursor || this.text.includes("\n")) return;
    const chars = Array.from(this.text);
    events.push({ kind: "echo", text: to < this.cursor ? "\b".repeat(this.cursor - to) : chars.slice(this.cursor, to).join("") });
    this.cursor = to;
  }

  /** Replaces the line being typed with an earlier (-1) or later (+1) message of the session. */
  private recall(step: number, events: EditorEvent[]): void {
    const to = this.recalled + step;
    // A line holding a pasted newline cannot be erased in place: the arrows leave it alone.
    if (to < 0 || to > this.history.length || this.text.includes("\n")) return;
    this.recalled = to;
    // To the end of the line first, then erase it all.
    const rest = Array.from(this.text).slice(this.cursor).join("");
    const erase = rest + "\b \b".repeat(this.count);
    this.text = to === this.history.length ? "" : this.history[to]!;
    this.count = codePoints(this.text);
    this.cursor = this.count;
    this.dropped = false;
    events.push({ kind: "echo", text: erase + this.text });
  }

  private take(): ReadMessage {
    if (this.text.trim() !== "" && !this.dropped && this.history.at(-1) !== this.text) {
      this.history.push(this.text);
      if (this.history.length > 100) this.history.shift();
    }
    this.recalled = this.history.length;
    const message: ReadMessage = this.dropped ? { text: this.text, complete: false, problem: "too-long" } : { text: this.text, complete: true };
    this.text = "";
    this.count = 0;
    this.cursor = 0;
    this.dropped = false;
    return message;
  }
}

/** Length of the escape sequence at `i`, or 0 when it is not complete yet. */
function escapeLength(data: string, i: number): number {
  if (i + 1 >= data.length) return 0;
  const kind = data[i + 1]!;
  if (kind === "[") {
    // CSI: parameters and intermediates, then one final byte in @..~.
    for (let j = i + 2; j < data.length; j++) {
      const code = data.charCodeAt(j);
      if (code >= 0x40 && code <= 0x7e) return j - i + 1;
      if (code < 0x20 || code > 0x3f) return j - i; // malformed: drop what came so far
    }
    return 0;
  }
  if (kind === "O") return i + 2 < data.length ? 3 : 0; // SS3: F1-F4, keypad
  return 2; // Alt+key
}

/** How many characters at the end of `text` could be the start of `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) if (marker.startsWith(text.slice(text.length - n))) return n;
  return 0;
}

/** Characters as a person sees them (code points), not UTF-16 units. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
