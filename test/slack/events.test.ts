// End to end: signed Events API requests into the real bolt App, answered by the real core, with
// the bot's Web API calls recorded by a fake Slack on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TEXT_ONLY_NOTICE } from "../../adapters/slack/index.ts";
import { pseudonym } from "../../adapters/slack/log-fields.ts";
import { escapeMrkdwn } from "../../adapters/slack/mrkdwn.ts";
import type { IncomingMessage, Lumbar, Reply } from "../../src/core/types.ts";
import { THROTTLE_NOTICE } from "../../adapters/shared/user-throttle.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { waitFor } from "./helpers/fake-slack-api.ts";
import { blocksOf, ESCALATION_CHANNEL, startHarness, type SlackHarness } from "./helpers/harness.ts";
import { newEventId } from "./helpers/slack-requests.ts";

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

/** Spies on the real core's handle() to see what the adapter passed and what the core answered. */
function spyHandle() {
  const spy = vi.spyOn(lumbar, "handle");
  return {
    spy,
    calls: () => spy.mock.calls.map((c) => c[0] as IncomingMessage),
    reply: (i = 0) => spy.mock.results[i]?.value as Promise<Reply>,
  };
}

describe("Slack events, end to end", () => {
  it("answers a DM inline with the answer, its sources and suggestion buttons", async () => {
    h = await startHarness(lumbar);
    const handle = spyHandle();
    const question = "What is sciatica and why does it hurt down my leg?";
    const res = await h.sendEvent(h.dm("UALICE", "D0ALICE", question));
    expect(res.status).toBe(200);

    const [post] = await waitFor(() => h!.api.posts("D0ALICE").length > 0 && h!.api.posts("D0ALICE"), "the DM answer");
    expect(post.params.thread_ts).toBeUndefined();
    expect(String(post.params.text).length).toBeGreaterThan(0);
    const reply = await handle.reply();
    expect(reply.sources.length).toBeGreaterThan(0);
    const blocks = blocksOf(post.params);
    const sources = blocks.find((b) => b.type === "context" && b.text.includes("Source: "));
    expect(sources?.text).toContain(`Source: ${escapeMrkdwn(reply.sources[0].article)} — ${escapeMrkdwn(reply.sources[0].section)}`);
    expect(blocks.some((b) => b.type === "section" && b.text.includes(escapeMrkdwn(reply.answer.trim().slice(0, 40))))).toBe(true);
    if (reply.suggestions.length > 0) {
      const actions = blocks.find((b) => b.type === "actions") as unknown as { elements: Array<{ action_id: string; value: string }> };
      expect(actions.elements[0]).toMatchObject({ action_id: "lumbar_suggest_0", value: reply.suggestions[0] });
    }

    expect(handle.calls()[0]).toMatchObject({ channel: "slack", conversationId: "D0ALICE", userId: "UALICE", text: question });

    // A reply in a thread under that answer is answered in the thread, still as the same conversation.
    const answerTs = String(post.response.ts);
    await h.sendEvent(h.dm("UALICE", "D0ALICE", "and is walking good for it?", { thread_ts: answerTs }));
    const posts = await waitFor(() => h!.api.posts("D0ALICE").length > 1 && h!.api.posts("D0ALICE"), "the follow-up answer");
    expect(posts[1].params.thread_ts).toBe(answerTs);
    expect(handle.calls()[1].conversationId).toBe("D0ALICE");
    // Health messages are sensitive: no log line may carry the question.
    expect(h.logs.join("\n")).not.toContain("sciatica and why");
  });

  it("answers an @mention in the thread of the question, with the mention stripped", async () => {
    h = await startHarness(lumbar);
    const handle = spyHandle();
    const top = h.mention("UBOB", "C0GENERAL", "what helps a herniated disc?");
    await h.sendEvent(top);
    const [post] = await waitFor(() => h!.api.posts("C0GENERAL").length > 0 && h!.api.posts("C0GENERAL"), "the channel answer");
    expect(post.params.thread_ts).toBe(top.ts);

    // A follow-up inside that thread is the same conversation and is answered in the same thread.
    const followUp = h.mention("UBOB", "C0GENERAL", "and how long does it take to heal?", { thread_ts: top.ts });
    await h.sendEvent(followUp);
    const posts = await waitFor(() => h!.api.posts("C0GENERAL").length > 1 && h!.api.posts("C0GENERAL"), "the follow-up answer");
    expect(posts[1].params.thread_ts).toBe(top.ts);

    const [first, second] = handle.calls();
    expect(first).toMatchObject({ conversationId: `C0GENERAL:${top.ts}`, text: "what helps a herniated disc?", messageId: top.ts });
    expect(first.messageLink).toBe(`https://slack.com/archives/C0GENERAL/p${String(top.ts).replace(".", "")}`);
    expect(second.conversationId).toBe(first.conversationId);
  });

  it("answers an emergency with guidance first and posts exactly one operator alert without the text", async () => {
    h = await startHarness(lumbar);
    const handle = spyHandle();
    const event = h.dm("UCAROL", "D0CAROL", "I've lost control of my bladder and my back is killing me");
    await h.sendEvent(event);

    const [post] = await waitFor(() => h!.api.posts("D0CAROL").length > 0 && h!.api.posts("D0CAROL"), "the emergency answer");
    const reply = await handle.reply();
    expect(reply.escalation.level).toBe("emergency");
    expect(reply.guidance).toBeTruthy();
    const blocks = blocksOf(post.params);
    expect(blocks[0].type).toBe("section");
    const guidanceStart = escapeMrkdwn(reply.guidance!.trim()).slice(0, 60);
    expect(blocks[0].text).toBe(`:rotating_light: ${blocks[0].text.replace(":rotating_light: ", "")}`);
    expect(blocks[0].text).toContain(guidanceStart);
    // The plain-text fallback (notifications, screen readers) leads with the guidance too.
    expect(String(post.params.text).startsWith(`:rotating_light: ${guidanceStart}`)).toBe(true);

    const [alert] = await waitFor(() => h!.api.posts(ESCALATION_CHANNEL).length > 0 && h!.api.posts(ESCALATION_CHANNEL), "the operator alert");
    const alertText = String(alert.params.text);
    expect(alertText).toMatch(/EMERGENCY/);
    expect(alertText).toContain("<@UCAROL>");
    for (const rule of reply.escalation.reasons) expect(alertText).toContain(rule);
    expect(alertText).toContain(`https://slack.com/archives/D0CAROL/p${String(event.ts).replace(".", "")}`);
    // The rule id may name the symptom; the person's own words must not appear.
    expect(alertText).not.toMatch(/lost control|killing/i);
    expect(alert.params.unfurl_links).toBe("false");

    await h.stop(); // drains the work in flight, so the counts below are final
    expect(h.api.posts(ESCALATION_CHANNEL)).toHaveLength(1);
    expect(h.api.posts("D0CAROL")).toHaveLength(1);
    h = undefined;
  });

  it("acknowledges the event before the core has answered", async () => {
    h = await startHarness(lumbar);
    const realHandle = lumbar.handle.bind(lumbar);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Still the real core, held back until the HTTP acknowledgement has been seen.
    vi.spyOn(lumbar, "handle").mockImplementation(async (message) => {
      await gate;
      return realHandle(message);
    });
    const res = await h.sendEvent(h.dm("ULEO", "D0LEO", "what is sciatica?"));
    expect(res.status).toBe(200);
    expect(h.api.posts("D0LEO")).toHaveLength(0);
    release();
    await waitFor(() => h!.api.posts("D0LEO").length > 0, "the answer after the acknowledgement");
  });

  it("answers a retried event (same event_id, x-slack-retry-num) once", async () => {
    h = await startHarness(lumbar);
    const handle = spyHandle();
    const eventId = newEventId();
    const event = h.dm("UDAN", "D0DAN", "Can a slipped disc cause pain in my calf?");
    expect((await h.sendEvent(event, { eventId })).status).toBe(200);
    const retry = await h.sendEvent(event, { eventId, headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect(retry.status).toBe(200);

    await h.waitForLog("slack.duplicate_ignored", { eventId, retryNum: 1 });
    await waitFor(() => h!.api.posts("D0DAN").length > 0, "the answer");
    await h.stop();
    expect(h.api.posts("D0DAN")).toHaveLength(1);
    expect(handle.spy).toHaveBeenCalledTimes(1);
    h = undefined;
  });

  it("rejects a bad signature and a stale timestamp with 401 and never answers", async () => {
    h = await startHarness(lumbar);
    const handle = spyHandle();
    const bad = await h.sendEvent(h.dm("UEVE", "D0EVE", "what is sciatica?"), { signature: "v0=" + "0".repeat(64) });
    expect(bad.status).toBe(401);
    const wrongSecret = await h.sendEvent(h.dm("UEVE", "D0EVE", "what is sciatica?"), { secret: "not-the-secret" });
    expect(wrongSecret.status).toBe(401);
    // Correctly signed, but six minutes old: a replayed request.
    const stale = await h.sendEvent(h.dm("UEVE", "D0EVE", "what is sciatica?"), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);

    await h.stop();
    expect(h.api.ok("chat.postMessage")).toHaveLength(0);
    expect(handle.spy).not.toHaveBeenCalled();
    h = undefined;
  });

  it("ignores bot messages, edits, other subtypes and un-mentioned channel messages", async () => {
    h = await startHarness(lumbar);
    const handle = spyHandle();
    const ignored = [
      h.dm("UOTHERBOT", "D0FRANK", "what is sciatica?", { bot_id: "BOTHER" }),
      h.dm("UFRANK", "D0FRANK", "what is sciatica?", { subtype: "bot_message", bot_id: "BOTHER" }),
      h.dm("UFRANK", "D0FRANK", "what is sciatica?", { subtype: "message_changed" }),
      h.dm("UFRANK", "D0FRANK", "", { subtype: "message_deleted" }),
      { ...h.dm("UFRANK", "C0GENERAL", "what is sciatica?"), channel_type: "channel" },
      h.mention("UOTHERBOT", "C0GENERAL", "what is sciatica?", { bot_id: "BOTHER" }),
    ];
    for (const event of ignored) {
      const eventId = newEventId();
      expect((await h.sendEvent(event, { eventId })).status).toBe(200);
      await h.waitForLog("slack.event_ignored", { eventId });
    }
    await h.stop();
    expect(h.api.ok("chat.postMessage")).toHaveLength(0);
    expect(handle.spy).not.toHaveBeenCalled();
    h = undefined;
  });

  it("tells a person who sends only a file, or an empty mention, that it reads text", async () => {
    h = await startHarness(lumbar);
    const handle = spyHandle();
    await h.sendEvent(h.dm("UGINA", "D0GINA", "", { subtype: "file_share", files: [{ id: "F1", name: "mri.png" }] }));
    const [dmPost] = await waitFor(() => h!.api.posts("D0GINA").length > 0 && h!.api.posts("D0GINA"), "the file-only notice");
    expect(dmPost.params.text).toBe(escapeMrkdwn(TEXT_ONLY_NOTICE));

    const empty = h.mention("UGINA", "C0RANDOM", "");
    await h.sendEvent(empty);
    const [mentionPost] = await waitFor(() => h!.api.posts("C0RANDOM").length > 0 && h!.api.posts("C0RANDOM"), "the empty-mention notice");
    expect(mentionPost.params).toMatchObject({ text: escapeMrkdwn(TEXT_ONLY_NOTICE), thread_ts: empty.ts });
    expect(handle.spy).not.toHaveBeenCalled();
  });

  it("throttles one user who floods the bot, politely and once, without affecting others", async () => {
    h = await startHarness(lumbar, { throttle: { limit: 2, windowMs: 60_000 } });
    for (let i = 0; i < 4; i++) await h.sendEvent(h.dm("UHANK", "D0HANK", `question number ${i} about sciatica`));
    await h.waitForLog("slack.throttled", { user: pseudonym("UHANK"), decision: "drop" });
    await h.sendEvent(h.dm("UIVY", "D0IVY", "what is sciatica?"));
    await waitFor(() => h!.api.posts("D0IVY").length > 0, "the other user's answer");

    await h.stop();
    const hank = h.api.posts("D0HANK").map((c) => String(c.params.text));
    expect(hank).toHaveLength(3);
    expect(hank.filter((t) => t === escapeMrkdwn(THROTTLE_NOTICE))).toHaveLength(1);
    expect(h.api.posts("D0IVY")).toHaveLength(1);
    h = undefined;
  });

  it("never throttles an emergency: a flooding user who reports one still gets the guidance", async () => {
    h = await startHarness(lumbar, { throttle: { limit: 1, windowMs: 60_000 } });
    await h.sendEvent(h.dm("UJOE", "D0JOE", "what is sciatica?"));
    await h.sendEvent(h.dm("UJOE", "D0JOE", "what is sciatica again?"));
    await h.waitForLog("slack.throttled", { user: pseudonym("UJOE"), decision: "warn" });
    await h.sendEvent(h.dm("UJOE", "D0JOE", "I've just wet myself and can't feel my bum"));
    await h.waitForLog("slack.throttled", { user: pseudonym("UJOE"), decision: "drop" });
    const emergency = await waitFor(
      () => h!.api.posts("D0JOE").find((p) => /emergency department/i.test(String(p.params.text))),
      "the emergency guidance",
    );
    expect(String(emergency.params.text)).toMatch(/999/);
  });
});
