// Safety check questions in Slack, end to end: signed requests into the real bolt App, the real
// core, and the bot's Web API calls recorded by a fake Slack on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { escapeMrkdwn } from "../../adapters/slack/mrkdwn.ts";
import { CHECK_EXPIRED, CHECK_NOT_YOURS } from "../../adapters/shared/safety-check.ts";
import type { IncomingMessage, Lumbar, Reply, SafetyCheck } from "../../src/core/types.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { waitFor, type RecordedCall } from "./helpers/fake-slack-api.ts";
import { blocksOf, ESCALATION_CHANNEL, startHarness, type SlackHarness } from "./helpers/harness.ts";

let lumbar: Lumbar;
let cleanup: () => Promise<void>;
let h: SlackHarness | undefined;

beforeAll(async () => {
  ({ lumbar, cleanup } = await makeTestLumbar());
});
afterAll(async () => {
  await cleanup?.();
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
  vi.restoreAllMocks();
});

/** The message the core answers with a check question (the core side of issue 11). */
const NEAR_RED_FLAG = "i leaked in my pants today, my back hurts";

type Button = { action_id: string; value: string; text: { text: string } };

/** The check's buttons in a posted message, or undefined when it has none. */
function checkButtonsOf(post: RecordedCall): Button[] | undefined {
  const row = (post.params.blocks as Array<{ block_id?: string; elements?: Button[] }> | undefined)?.find((b) => b.block_id === "lumbar_check");
  return row?.elements;
}

/** Clicks one of a posted message's check buttons, as `userId`. */
function press(post: RecordedCall, button: Button, userId: string, threadTs?: string) {
  return h!.clickButton({
    userId,
    channel: String(post.params.channel),
    messageTs: String(post.response.ts),
    threadTs,
    actionId: button.action_id,
    value: button.value,
    label: button.text.text,
    blockId: "lumbar_check",
    blocks: post.params.blocks as unknown[],
  });
}

/**
 * Until the core asks check questions itself, the adapter's mechanics are tested over the real core
 * with a check added to its reply for one message. Everything else, the pressed answer included,
 * goes through the real core.
 */
function coreAsksCheckFor(trigger: string, check: SafetyCheck) {
  const real = lumbar.handle.bind(lumbar);
  return vi.spyOn(lumbar, "handle").mockImplementation(async (message: IncomingMessage): Promise<Reply> => {
    const reply = await real(message);
    return message.text === trigger ? { ...reply, check } : reply;
  });
}

const CHECK: SafetyCheck = {
  question: "Are you losing control of your bladder or bowels right now?",
  options: ["Yes, it's happening now", "No"],
  reasons: ["bladder-control-loss"],
};

describe("Slack safety check buttons (adapter, check added over the real core)", () => {
  it("sends a pressed option through the typed-message path once, replacing the buttons with the answer", async () => {
    h = await startHarness(lumbar);
    const handle = coreAsksCheckFor("I had an accident today", CHECK);
    await h.sendEvent(h.dm("UANN", "D0ANN", "I had an accident today"));
    const [post] = await waitFor(() => h!.api.posts("D0ANN").length > 0 && h!.api.posts("D0ANN"), "the reply with the check");
    const blocks = blocksOf(post.params);
    expect(blocks.findIndex((b) => b.text.includes("Safety check:"))).toBeLessThan(blocks.findIndex((b) => b.type === "context"));
    const buttons = checkButtonsOf(post)!;
    expect(buttons.map((b) => b.text.text)).toEqual(CHECK.options);
    for (const b of buttons) expect(b.value).not.toMatch(/happening|accident/i);

    const click = await press(post, buttons[0]!, "UANN");
    expect(click.status).toBe(200);
    const [update] = await waitFor(() => h!.api.ok("chat.update").length > 0 && h!.api.ok("chat.update"), "the buttons replaced");
    expect(update.params).toMatchObject({ channel: "D0ANN", ts: post.response.ts });
    const updated = blocksOf(update.params);
    expect(updated.some((b) => b.block_id === "lumbar_check")).toBe(false);
    expect(updated.some((b) => b.type === "context" && b.text === `:white_check_mark: ${escapeMrkdwn("Answered: Yes, it's happening now")}`)).toBe(true);

    await waitFor(() => h!.api.posts("D0ANN").length > 1, "the answer to the pressed option");
    expect(handle.mock.calls[1]![0]).toMatchObject({ channel: "slack", conversationId: "D0ANN", userId: "UANN", text: "Yes, it's happening now" });

    // A second press (a double click, or the other button) sends nothing more to the core.
    await press(post, buttons[1]!, "UANN");
    await h.waitForLog("slack.check_pressed", { outcome: "answered" });
    await h.stop();
    expect(handle).toHaveBeenCalledTimes(2);
    expect(h.api.posts("D0ANN")).toHaveLength(2);
    expect(h.api.ok("chat.update")).toHaveLength(1);
    // Neither the question nor the answer appears in the logs.
    expect(h.logs.join("\n")).not.toMatch(/accident|happening now/i);
    h = undefined;
  });

  it("acknowledges a press before the core has answered it", async () => {
    h = await startHarness(lumbar);
    const real = lumbar.handle.bind(lumbar);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(lumbar, "handle").mockImplementation(async (message) => {
      const reply = await real(message);
      if (message.text === "I had an accident today") return { ...reply, check: CHECK };
      await gate; // the answer to the press is held back until the acknowledgement was seen
      return reply;
    });
    await h.sendEvent(h.dm("UBEN", "D0BEN", "I had an accident today"));
    const [post] = await waitFor(() => h!.api.posts("D0BEN").length > 0 && h!.api.posts("D0BEN"), "the reply with the check");
    const started = Date.now();
    const click = await press(post, checkButtonsOf(post)![1]!, "UBEN");
    expect(click.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(h.api.posts("D0BEN")).toHaveLength(1);
    release();
    await waitFor(() => h!.api.posts("D0BEN").length > 1, "the answer after the acknowledgement");
  });

  it("in a channel thread, answers the press in the thread, and only the person asked can answer", async () => {
    h = await startHarness(lumbar);
    const handle = coreAsksCheckFor("I had an accident today", CHECK);
    const top = h.mention("UCAT", "C0HELP", "I had an accident today");
    await h.sendEvent(top);
    const [post] = await waitFor(() => h!.api.posts("C0HELP").length > 0 && h!.api.posts("C0HELP"), "the reply with the check");
    const [yes, no] = checkButtonsOf(post)!;

    await press(post, no!, "UOTHER", String(top.ts));
    const [note] = await waitFor(() => h!.api.ok("chat.postEphemeral").length > 0 && h!.api.ok("chat.postEphemeral"), "the note to the other person");
    expect(note.params).toMatchObject({ channel: "C0HELP", user: "UOTHER", thread_ts: top.ts, text: escapeMrkdwn(CHECK_NOT_YOURS) });
    expect(h.api.ok("chat.update")).toHaveLength(0);

    await press(post, yes!, "UCAT", String(top.ts));
    const posts = await waitFor(() => h!.api.posts("C0HELP").length > 1 && h!.api.posts("C0HELP"), "the answer in the thread");
    expect(posts[1]!.params.thread_ts).toBe(top.ts);
    const asked = handle.mock.calls.map((c) => c[0]);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({ userId: "UCAT", text: "Yes, it's happening now", conversationId: asked[0]!.conversationId });
  });

  it("tells the person plainly when a check is no longer on record (after a restart), and sends nothing", async () => {
    h = await startHarness(lumbar);
    const handle = vi.spyOn(lumbar, "handle");
    const staleBlocks = [{ type: "actions", block_id: "lumbar_check", elements: [] }];
    // The "No" of a check the adapter no longer holds: it cannot be read without the question.
    await h.clickButton({ userId: "UDEE", channel: "D0DEE", messageTs: "1700000000.000001", actionId: "lumbar_check_1", value: "gone1234:1", blockId: "lumbar_check", blocks: staleBlocks, label: "No" });
    const [note] = await waitFor(() => h!.api.ok("chat.postEphemeral").length > 0 && h!.api.ok("chat.postEphemeral"), "the expired note");
    expect(note.params).toMatchObject({ channel: "D0DEE", user: "UDEE", text: escapeMrkdwn(CHECK_EXPIRED) });
    expect(String(note.params.text)).toMatch(/type your answer/);
    expect(handle).not.toHaveBeenCalled();
  });

  it("after a restart, a press on the 'yes' of the suicide question still reaches the core and posts its help lines", async () => {
    h = await startHarness(lumbar);
    const handle = vi.spyOn(lumbar, "handle");
    const staleBlocks = [{ type: "actions", block_id: "lumbar_check", elements: [] }];
    await h.clickButton({ userId: "UELI", channel: "D0ELI", messageTs: "1700000000.000002", actionId: "lumbar_check_0", value: "gone5678:0", blockId: "lumbar_check", blocks: staleBlocks, label: "Yes, thoughts like that" });
    const [post] = await waitFor(() => h!.api.posts("D0ELI").length > 0 && h!.api.posts("D0ELI"), "the reply to the yes");
    expect(handle.mock.calls[0]![0]).toMatchObject({ userId: "UELI", text: "Yes, thoughts like that" });
    expect(JSON.stringify(post.params)).toContain("116 123");
  });
});

describe("Slack safety check buttons with the core's own check questions", () => {
  it("asks the check with buttons, and a 'yes' press escalates to emergency with an operator alert", async () => {
    h = await startHarness(lumbar);
    const handle = vi.spyOn(lumbar, "handle");
    await h.sendEvent(h.dm("UEVA", "D0EVA", NEAR_RED_FLAG));
    const [post] = await waitFor(() => h!.api.posts("D0EVA").length > 0 && h!.api.posts("D0EVA"), "the reply with the check");
    const first = (await handle.mock.results[0]!.value) as Reply;
    expect(first.check).not.toBeNull();
    const buttons = checkButtonsOf(post)!;
    expect(buttons).toHaveLength(first.check!.options.length);

    expect((await press(post, buttons[0]!, "UEVA")).status).toBe(200);
    await waitFor(() => h!.api.ok("chat.update").length > 0, "the buttons replaced");
    const posts = await waitFor(() => h!.api.posts("D0EVA").length > 1 && h!.api.posts("D0EVA"), "the answer to 'yes'");
    const second = (await handle.mock.results[1]!.value) as Reply;
    expect(handle.mock.calls[1]![0]).toMatchObject({ conversationId: "D0EVA", text: first.check!.options[0] });
    expect(second.escalation.level).toBe("emergency");
    expect(blocksOf(posts[1]!.params)[0]!.text.startsWith(":rotating_light: ")).toBe(true);
    await waitFor(() => h!.api.posts(ESCALATION_CHANNEL).length > 0, "the operator alert");

    await press(post, buttons[0]!, "UEVA");
    await h.waitForLog("slack.check_pressed", { outcome: "answered" });
    expect(handle).toHaveBeenCalledTimes(2);
  });
});

describe("Slack messages with a subtype that a person wrote", () => {
  it("checks the text sent with a file like any message: a red flag gets the guidance and an operator alert", async () => {
    h = await startHarness(lumbar);
    const handle = vi.spyOn(lumbar, "handle");
    await h.sendEvent(h.dm("UFAY", "D0FAY", "here is my scan. I can't control my bladder since this morning", { subtype: "file_share", files: [{ id: "F1", name: "mri.png" }] }));
    const [post] = await waitFor(() => h!.api.posts("D0FAY").length > 0 && h!.api.posts("D0FAY"), "the reply");
    expect(handle.mock.calls[0]![0]).toMatchObject({ text: "here is my scan. I can't control my bladder since this morning" });
    const reply = (await handle.mock.results[0]!.value) as Reply;
    expect(reply.escalation.level).toBe("emergency");
    expect(blocksOf(post.params)[0]!.text).toContain(escapeMrkdwn(reply.guidance!.trim()).slice(0, 60));
    await waitFor(() => h!.api.posts(ESCALATION_CHANNEL).length > 0, "the operator alert");
  });

  it("checks a thread reply also sent to the DM (thread_broadcast) like any message", async () => {
    h = await startHarness(lumbar);
    const handle = vi.spyOn(lumbar, "handle");
    await h.sendEvent(h.dm("UGIL", "D0GIL", "my legs gave way and I can't feel my bum", { subtype: "thread_broadcast", thread_ts: "1700000000.000100" }));
    const [post] = await waitFor(() => h!.api.posts("D0GIL").length > 0 && h!.api.posts("D0GIL"), "the reply");
    expect(post.params.thread_ts).toBe("1700000000.000100");
    const reply = (await handle.mock.results[0]!.value) as Reply;
    expect(reply.escalation.level).toBe("emergency");
    await waitFor(() => h!.api.posts(ESCALATION_CHANNEL).length > 0, "the operator alert");
  });
});
