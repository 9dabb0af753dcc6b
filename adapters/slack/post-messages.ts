import type { webApi } from "@slack/bolt";
import type { SlackPlace } from "./conversation.ts";
import type { SlackMessage } from "./render-reply.ts";

/**
 * Posts messages in order to a place (its thread, if any). Link previews are off: a permalink or
 * a corpus link would otherwise unfurl and repeat content the reply deliberately left out.
 */
export async function postMessages(client: webApi.WebClient, place: Pick<SlackPlace, "channel" | "threadTs">, messages: SlackMessage[]): Promise<void> {
  for (const message of messages) {
    await client.chat.postMessage({
      channel: place.channel,
      ...(place.threadTs !== undefined ? { thread_ts: place.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }
}
