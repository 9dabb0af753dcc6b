import { describe, expect, it } from "vitest";
import { renderAlert } from "../../adapters/slack/index.ts";
import { incomingText, mrkdwnLink } from "../../adapters/slack/mrkdwn.ts";
import { isDirectMessageChannel, permalink, placeOf } from "../../adapters/slack/conversation.ts";
import { deliveryKeys, ignoreReason, type SlackMessageEvent } from "../../adapters/slack/message-events.ts";
import type { EscalationEvent } from "../../src/core/types.ts";

describe("incomingText", () => {
  it("drops the bot's mention and decodes Slack's escaping", () => {
    expect(incomingText("<@UBOT> is pain &gt; 6 weeks &amp; &lt;bad&gt;?", "UBOT")).toBe("is pain > 6 weeks & <bad>?");
  });
  it("shows other mentions, channels and links readably", () => {
    expect(incomingText("<@UBOT> ask <@U2|sam> in <#C1|help> see <https://nhs.uk|NHS> or <https://x.org> <!here>", "UBOT")).toBe(
      "ask @sam in #help see NHS or https://x.org @here",
    );
  });
  it("drops a leading mention when the bot's id is unknown", () => {
    expect(incomingText("<@U999> hello", undefined)).toBe("hello");
  });
});

describe("mrkdwnLink", () => {
  it("cannot be broken out of by the URL or the label", () => {
    expect(mrkdwnLink("https://a/b|c>d", "x|<y>")).toBe("<https://a/b%7Cc%3Ed|x¦&lt;y&gt;>");
  });
});

describe("places and conversations", () => {
  it("answers channel messages in their thread; a thread is one conversation", () => {
    expect(placeOf("C1", "1.1", undefined, false)).toEqual({ channel: "C1", threadTs: "1.1", conversationId: "C1:1.1" });
    expect(placeOf("C1", "1.5", "1.1", false)).toEqual({ channel: "C1", threadTs: "1.1", conversationId: "C1:1.1" });
  });
  it("answers a DM where it was asked, and keeps the whole DM one conversation", () => {
    expect(placeOf("D1", "1.1", undefined, true)).toEqual({ channel: "D1", conversationId: "D1" });
    expect(placeOf("D1", "1.5", "1.1", true)).toEqual({ channel: "D1", threadTs: "1.1", conversationId: "D1" });
    expect(isDirectMessageChannel("D1")).toBe(true);
    expect(isDirectMessageChannel("C1")).toBe(false);
  });
  it("builds permalinks, with the thread for replies", () => {
    expect(permalink("C1", "1700000000.000100")).toBe("https://slack.com/archives/C1/p1700000000000100");
    expect(permalink("C1", "1700000001.000200", "1700000000.000100")).toBe(
      "https://slack.com/archives/C1/p1700000001000200?thread_ts=1700000000.000100&cid=C1",
    );
  });
});

describe("ignoreReason", () => {
  const dm: SlackMessageEvent = { type: "message", channel_type: "im", channel: "D1", user: "U1", ts: "1.1", text: "hi" };
  it("accepts a person's DM, an @mention, and a file share", () => {
    expect(ignoreReason(dm, "UBOT")).toBeUndefined();
    expect(ignoreReason({ ...dm, type: "app_mention", channel_type: undefined, channel: "C1" }, "UBOT")).toBeUndefined();
    expect(ignoreReason({ ...dm, subtype: "file_share" }, "UBOT")).toBeUndefined();
  });
  it("ignores bots, itself, subtypes and channel chatter", () => {
    expect(ignoreReason({ ...dm, bot_id: "B1" }, "UBOT")).toBe("bot");
    expect(ignoreReason({ ...dm, user: "UBOT" }, "UBOT")).toBe("self_or_anonymous");
    expect(ignoreReason({ ...dm, user: undefined }, "UBOT")).toBe("self_or_anonymous");
    expect(ignoreReason({ ...dm, subtype: "message_changed" }, "UBOT")).toBe("subtype");
    expect(ignoreReason({ ...dm, subtype: "channel_join" }, "UBOT")).toBe("subtype");
    // A person's own words with a subtype are read like any message (and checked for red flags).
    expect(ignoreReason({ ...dm, subtype: "thread_broadcast" }, "UBOT")).toBeUndefined();
    expect(ignoreReason({ ...dm, subtype: "file_share" }, "UBOT")).toBeUndefined();
    expect(ignoreReason({ ...dm, channel_type: "channel" }, "UBOT")).toBe("not_direct");
    expect(ignoreReason({ ...dm, type: "reaction_added" }, "UBOT")).toBe("event_type");
  });
  it("keys a delivery by message, event and client message id", () => {
    expect(deliveryKeys({ ...dm, client_msg_id: "c1" }, "Ev1")).toEqual(["msg:D1:1.1", "event:Ev1", "client:c1"]);
  });
});

describe("renderAlert", () => {
  const event: EscalationEvent = {
    tier: "emergency",
    ruleIds: ["bladder-control-loss", "saddle-numbness"],
    channel: "slack",
    conversationId: "D1",
    userId: "U1",
    messageId: "1.1",
    messageLink: "https://slack.com/archives/D1/p11",
    time: "2026-01-01T00:00:00.000Z",
  };
  it("gives tier, rules, user and link, and no message text", () => {
    const text = renderAlert(event);
    expect(text).toContain("EMERGENCY");
    expect(text).toContain("`bladder-control-loss`, `saddle-numbness`");
    expect(text).toContain("<@U1>");
    expect(text).toContain("<https://slack.com/archives/D1/p11|open the message>");
    expect(text).not.toContain("Text:");
  });
  it("includes the text, escaped and quoted, only when the core supplies it", () => {
    const text = renderAlert({ ...event, tier: "urgent", text: "can't feel <!channel>\nsecond line" });
    expect(text).toContain("Urgent");
    expect(text).toContain("> can't feel &lt;!channel&gt;\n> second line");
  });
  it("names users of other channels without a Slack mention", () => {
    expect(renderAlert({ ...event, channel: "telegram", userId: "12345", messageLink: undefined })).toContain("telegram user 12345");
  });
});
