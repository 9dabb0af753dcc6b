/**
 * Writing and reading Slack's mrkdwn. Slack treats `<...>` as links and mentions (`<!channel>`
 * pings everyone), so every string that comes from the corpus or a person is escaped on the way out
 * and decoded on the way in.
 */

/** Escapes the three characters Slack reserves (&, <, >) so text shows literally. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A mention that links to a Slack user; the id is checked so it cannot smuggle in markup. */
export function userMention(userId: string): string {
  return /^[A-Z0-9]+$/i.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A labelled link; `|` and `>` in the URL would end it early, so they are percent-encoded. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/[|<>]/g, (c) => encodeURIComponent(c));
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, "¦")}>`;
}

/**
 * Turns the text of an incoming Slack message into what the person typed: drops mentions of the
 * bot, shows other mentions, channels and links readably, and decodes &amp; &lt; &gt;.
 *
 * @param botUserId the bot's own user id; its mentions are removed. When unknown, only a leading mention is removed.
 */
export function incomingText(raw: string, botUserId?: string): string {
  let text = botUserId === undefined ? raw.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>/i, "") : raw;
  text = text.replace(/<([^>]*)>/g, (_whole, inner: string) => {
    const [target, label] = splitOnce(inner, "|");
    if (target.startsWith("@")) return target.slice(1) === botUserId ? "" : `@${label ?? target.slice(1)}`;
    if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
    if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
    return label ?? target;
  });
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/[ \t]{2,}/g, " ").trim();
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
