/**
 * Where a Slack message sits and which Lumbar conversation it belongs to. In a channel each
 * thread is one conversation. A DM is one conversation with one person, threads included, so a
 * reply in a thread under an earlier answer keeps the context of the questions before it.
 */

/** The channel to answer in, the thread to answer in, and the conversation id the core keys memory on. */
export interface SlackPlace {
  channel: string;
  /** Thread to answer in; undefined answers at the top level (a DM outside a thread). */
  threadTs?: string;
  /** `${channel}:${thread ts}` in channels; the channel id for a DM. */
  conversationId: string;
}

/** DM channel ids start with "D"; events also say so in channel_type "im", but actions do not. */
export function isDirectMessageChannel(channelId: string): boolean {
  return channelId.startsWith("D");
}

/**
 * Places a message: in a channel the answer always goes into the message's thread (starting one
 * under the question if needed), so the channel is not flooded and follow-ups share the thread.
 * In a DM the answer goes where the question was: inline, or in its thread.
 *
 * @param ts the message's own ts.
 * @param threadTs the ts of the thread it is in, if any.
 */
export function placeOf(channel: string, ts: string, threadTs: string | undefined, isDirect: boolean): SlackPlace {
  if (isDirect) return threadTs === undefined ? { channel, conversationId: channel } : { channel, threadTs, conversationId: channel };
  const thread = threadTs ?? ts;
  return { channel, threadTs: thread, conversationId: `${channel}:${thread}` };
}

/**
 * A link to a message that opens it for anyone in the workspace, built locally so an alert does
 * not wait on chat.getPermalink (slack.com redirects to the workspace's own domain).
 */
export function permalink(channel: string, ts: string, threadTs?: string): string {
  const base = `https://slack.com/archives/${channel}/p${ts.replace(".", "")}`;
  return threadTs !== undefined && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}
