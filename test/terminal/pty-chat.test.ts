import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { makeCliSandbox, type CliSandbox } from "../cli/cli-harness.ts";

// The chat in a real pseudo-terminal (util-linux `script`), as a person at a terminal meets it:
// raw mode, the up arrow, the terminal's width.
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!hasScript) console.log("pty chat test skipped: the `script` command (util-linux) is not installed");

let box: CliSandbox;
beforeAll(async () => {
  box = await makeCliSandbox();
});
afterAll(async () => {
  await box?.cleanup();
});

describe.skipIf(!hasScript)("the terminal chat in a pseudo-terminal", () => {
  it("wraps at 60 columns without splitting words, recalls the last question with the up arrow, and lists /help", async () => {
    const question = "what are the options for back and leg pain treatment";
    const child = spawn("script", ["-qefc", `stty cols 60 rows 50; exec node ${path.join("bin", "lumbar.js")} chat`, "/dev/null"], {
      cwd: PROJECT_ROOT,
      env: { ...box.env(), TERM: "xterm", NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    const waitFor = async (pattern: RegExp, from: number) => {
      const deadline = Date.now() + 60_000;
      while (!pattern.test(out.slice(from))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await waitFor(/\/quit to leave/, 0);
      let mark = out.length;
      child.stdin.write(question + "\r");
      await waitFor(/not medical advice[\s\S]*> $/, mark);
      const firstReply = out.slice(mark);
      mark = out.length;
      // The up arrow brings the question back; Enter asks it again.
      child.stdin.write("\x1b[A");
      await waitFor(new RegExp(question), mark);
      child.stdin.write("\r");
      await waitFor(/not medical advice[\s\S]*> $/, mark);
      mark = out.length;
      child.stdin.write("/help\r");
      await waitFor(/\/sources[\s\S]*> $/, mark);
      child.stdin.write("/quit\r");
      expect(await exited).toBe(0);

      const plain = firstReply.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, "").replace(/\r/g, "");
      const lines = plain.split("\n");
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.every((l) => l.length <= 60), lines.find((l) => l.length > 60)).toBe(true);
      // Words are whole: every word of the reply is a word of the article's text or the reply's own framing.
      expect(plain).not.toMatch(/\b(treatmen|physica|therap)\n/);
      // The prompt sits on the line typed on: the reply ends with "> " and no newline after it.
      expect(plain.endsWith("> ")).toBe(true);
    } finally {
      child.kill("SIGKILL");
    }
  }, 90_000);
});
