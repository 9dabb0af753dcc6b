// End to end: /lumbar and suggestion-button clicks through the real bolt App and the real core.
import { appendFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HELP_TEXT, REINDEX_REFUSED_TEXT } from "../../adapters/slack/index.ts";
import { escapeMrkdwn } from "../../adapters/slack/mrkdwn.ts";
import type { IncomingMessage, Lumbar } from "../../src/core/types.ts";
import { makeTestLumbar } from "../helpers/test-lumbar.ts";
import { waitFor } from "./helpers/fake-slack-api.ts";
import { blocksOf, OPERATOR_ID, startHarness, type SlackHarness } from "./helpers/harness.ts";

let lumbar: Lumbar;
let corpusDir: string;
let cleanup: () => Promise<void>;
let h: SlackHarness | undefined;

beforeAll(async () => {
  ({ lumbar, corpusDir, cleanup } = await makeTestLumbar());
});
afterAll(async () => {
  await cleanup?.();
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
  vi.restoreAllMocks();
});

/** The text of the response_url POST with this id, once it arrives. */
async function responded(harness: SlackHarness, id: string): Promise<string> {
  // A reindex rebuilds a real index from the corpus, hence the longer bound.
  const [text] = await waitFor(() => harness.api.responses(id).length > 0 && harness.api.responses(id), `a response_url POST (${id})`, 15_000);
  return text;
}

describe("/lumbar", () => {
  it("answers help at once", async () => {
    h = await startHarness(lumbar);
    const res = await h.command("help", "UALICE");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: "ephemeral", text: HELP_TEXT });
  });

  it("reports the index version, chunk count and build time", async () => {
    h = await startHarness(lumbar);
    const status = await lumbar.status();
    const res = await h.command("status", "UALICE", "status-1");
    expect(res.status).toBe(200);
    const text = await responded(h, "status-1");
    expect(text).toContain(escapeMrkdwn(status.version));
    expect(text).toContain(String(status.chunkCount));
    expect(text).toContain(escapeMrkdwn(status.builtAt));
  });

  it("refuses a reindex from someone who is not an operator, and runs nothing", async () => {
    h = await startHarness(lumbar);
    const reindex = vi.spyOn(lumbar, "reindex");
    const before = await lumbar.status();
    const res = await h.command("reindex", "UMALLORY");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ text: REINDEX_REFUSED_TEXT });

    await h.stop(); // lets anything the command might have started finish
    h = undefined;
    expect(reindex).not.toHaveBeenCalled();
    expect((await lumbar.status()).version).toBe(before.version);
  });

  it("lets an operator reindex, and status then reports the new index version", async () => {
    h = await startHarness(lumbar);
    const before = await lumbar.status();
    // Change the corpus so the rebuilt index really is a different one.
    const articles = path.join(corpusDir, "articles");
    const [article] = (await readdir(articles)).filter((n) => n.endsWith(".md"));
    await appendFile(path.join(articles, article), "\n## Slack Adapter Test Section\n\nWalking every day helps many people with back pain recover.\n");

    const res = await h.command("reindex", OPERATOR_ID, "reindex-1");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).text).toMatch(/Rebuilding/);
    const done = await responded(h, "reindex-1");
    expect(done).toMatch(/Reindex finished/);
    const after = await lumbar.status();
    expect(after.version).not.toBe(before.version);
    expect(done).toContain(escapeMrkdwn(after.version));

    await h.command("status", "UALICE", "status-2");
    const status = await responded(h, "status-2");
    expect(status).toContain(escapeMrkdwn(after.version));
    expect(status).not.toContain(escapeMrkdwn(before.version));
  });
});

describe("suggestion buttons", () => {
  it("answers a clicked suggestion as that user's question, in the same thread", async () => {
    h = await startHarness(lumbar);
    const handle = vi.spyOn(lumbar, "handle");
    const top = h.mention("UJUDY", "C0HELP", "why does my back pain go down my leg?");
    await h.sendEvent(top);
    const [first] = await waitFor(() => h!.api.posts("C0HELP").length > 0 && h!.api.posts("C0HELP"), "the first answer");
    const actions = blocksOf(first.params).find((b) => b.type === "actions") as unknown as { elements: Array<{ action_id: string; value: string }> } | undefined;
    expect(actions, "the answer offers suggestions").toBeDefined();
    const button = actions!.elements[0];

    const click = await h.clickButton({
      userId: "UJUDY",
      channel: "C0HELP",
      messageTs: String(first.response.ts),
      threadTs: String(top.ts),
      actionId: button.action_id,
      value: button.value,
    });
    expect(click.status).toBe(200);

    const posts = await waitFor(() => h!.api.posts("C0HELP").length > 1 && h!.api.posts("C0HELP"), "the answer to the click");
    expect(posts[1].params.thread_ts).toBe(top.ts);
    const blocks = blocksOf(posts[1].params);
    expect(blocks.some((b) => b.type === "context" && b.text === `<@UJUDY> asked: ${escapeMrkdwn(button.value)}`)).toBe(true);
    const asked = handle.mock.calls.map((c) => c[0] as IncomingMessage);
    expect(asked[1]).toMatchObject({ userId: "UJUDY", text: button.value, conversationId: asked[0].conversationId });
  });
});
