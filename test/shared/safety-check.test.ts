import { describe, expect, it } from "vitest";
import { CHECK_EXPIRED, CHECK_NOT_YOURS, checkAlreadyAnsweredText, checkButtons, checkQuestionText, parseCheckData, SafetyChecks } from "../../adapters/shared/safety-check.ts";
import type { SafetyCheck } from "../../src/core/types.ts";

const check: SafetyCheck = {
  question: "Are you losing control of your bladder or bowels right now?",
  options: ["Yes, it's happening now", "It happened before, not now", "No"],
  reasons: ["bladder-control-loss"],
};
const alice = { conversationId: "c1", userId: "alice" };

describe("safety check buttons", () => {
  it("word the question once for every channel", () => {
    expect(checkQuestionText(check)).toBe("Safety check: Are you losing control of your bladder or bowels right now?");
  });

  it("keep the notes about a press short enough for a Telegram popup (200 characters)", () => {
    for (const note of [CHECK_EXPIRED, CHECK_NOT_YOURS, checkAlreadyAnsweredText(check.options[0]!)]) expect(note.length).toBeLessThanOrEqual(200);
    expect(CHECK_EXPIRED).toMatch(/type your answer/);
    expect(CHECK_EXPIRED).toMatch(/911, 999 or 112/);
  });

  it("carry a short id and index, never the option text, and keep the core's order", () => {
    const checks = new SafetyChecks();
    const id = checks.remember(check, alice);
    const buttons = checkButtons(check, id, 20);
    expect(buttons.map((b) => b.data)).toEqual([`${id}:0`, `${id}:1`, `${id}:2`]);
    for (const b of buttons) {
      expect(Buffer.byteLength(`chk:${b.data}`)).toBeLessThanOrEqual(64);
      expect(b.data).not.toMatch(/bladder|happening/i);
    }
    expect(buttons[0]!.label).toBe("Yes, it's happening…");
    expect(Array.from(buttons[0]!.label)).toHaveLength(20);
    expect(buttons[2]!.label).toBe("No");
    expect(parseCheckData(buttons[1]!.data)).toEqual({ id, index: 1 });
    expect(parseCheckData("ask:abc")).toBeUndefined();
  });

  it("map the first press by the person asked to the whole option text, once", () => {
    const checks = new SafetyChecks();
    const id = checks.remember(check, alice);
    expect(checks.press(`${id}:0`, alice)).toEqual({ kind: "answer", text: "Yes, it's happening now", index: 0 });
    // A double tap, or the other button after the first: nothing more goes to the core.
    expect(checks.press(`${id}:0`, alice)).toEqual({ kind: "answered", text: "Yes, it's happening now" });
    expect(checks.press(`${id}:2`, alice)).toEqual({ kind: "answered", text: "Yes, it's happening now" });
  });

  it("refuse presses by someone else, from another conversation, or for unknown options", () => {
    const checks = new SafetyChecks();
    const id = checks.remember(check, alice);
    expect(checks.press(`${id}:2`, { conversationId: "c1", userId: "bob" })).toEqual({ kind: "not-yours" });
    expect(checks.press(`${id}:2`, { conversationId: "c2", userId: "alice" })).toEqual({ kind: "expired" });
    expect(checks.press(`${id}:7`, alice)).toEqual({ kind: "expired" });
    expect(checks.press("nonsense", alice)).toEqual({ kind: "expired" });
    // None of those used up the real answer.
    expect(checks.press(`${id}:2`, alice)).toEqual({ kind: "answer", text: "No", index: 2 });
  });

  it("still answer an expired check's FIRST option when the platform sends its label back (a restart must not lose a yes)", () => {
    const checks = new SafetyChecks();
    // The yes of a rule's own question, pressed after a restart: sent to the core once, by its label.
    expect(checks.press("gone1234:0", alice, "Yes, thoughts like that")).toEqual({ kind: "answer", text: "Yes, thoughts like that", index: 0 });
    expect(checks.press("gone1234:0", alice, "Yes, thoughts like that")).toEqual({ kind: "answered", text: "Yes, thoughts like that" });
    // In a group, another person's press of the same old button does not lock out the person asked.
    expect(checks.press("gone1234:0", { conversationId: "c1", userId: "bob" }, "Yes, thoughts like that")).toEqual({ kind: "answer", text: "Yes, thoughts like that", index: 0 });
    // Any other option, no label, or a label cut to fit the button, cannot be read: the person is asked to type.
    expect(checks.press("gone5678:1", alice, "No")).toEqual({ kind: "expired" });
    expect(checks.press("gone5678:0", alice)).toEqual({ kind: "expired" });
    expect(checks.press("gone5678:0", alice, "Yes, it's happening n…")).toEqual({ kind: "expired" });
  });

  it("expire after their time to live and forget the oldest beyond their size", () => {
    let now = 0;
    const checks = new SafetyChecks({ ttlMs: 1000, maxSize: 2, now: () => now });
    const first = checks.remember(check, alice);
    const second = checks.remember(check, alice);
    const third = checks.remember(check, alice);
    expect(checks.press(`${first}:0`, alice).kind).toBe("expired");
    now = 999;
    expect(checks.press(`${second}:0`, alice).kind).toBe("answer");
    now = 1000;
    expect(checks.press(`${third}:0`, alice).kind).toBe("expired");
  });
});
