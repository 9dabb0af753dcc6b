import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// A later turn that neither points back nor names a topic, but takes up two specific things the last
// answer said ("keep your feet flat on the floor" -> "my feet dont reach the floor"), continues it.
const ask = askingLumbar("echo");

describe("a turn that echoes the last answer", () => {
  it("stays on the workspace set-up when it takes up the feet and the floor", async () => {
    await ask("i work at a computer 8 hours a day and my lower back aches, how should my chair and desk be set up", "echo1");
    const r = await ask("im really short and my feet dont reach the floor", "echo1");
    expect(r.outOfScope).toBe(false);
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Adjust Your Workspace");
  });

  it("does not carry the conversation into a turn on another subject that shares one word", async () => {
    await ask("i work at a computer 8 hours a day and my lower back aches, how should my chair and desk be set up", "echo2");
    const r = await ask("what time does the shop on the ground floor close", "echo2");
    expect(r.outOfScope).toBe(true);
  });
});
