import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../../adapters/slack/index.ts";

interface Manifest {
  features: { app_home: Record<string, boolean>; slash_commands: Array<{ command: string; url: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

describe("slack/manifest.yml", async () => {
  const manifest = parse(await readFile(new URL("../../slack/manifest.yml", import.meta.url), "utf8")) as Manifest;

  it("asks for exactly the scopes the adapter uses", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(["app_mentions:read", "chat:write", "commands", "im:history"]);
  });

  it("subscribes to DMs and mentions only, never to all channel messages", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(["app_mention", "message.im"]);
  });

  it("sends events, the slash command and button clicks to bolt's endpoint, over HTTP by default", () => {
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, manifest.features.slash_commands[0].url];
    for (const url of urls) expect(url).toBe("https://YOUR-HOST/slack/events");
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
