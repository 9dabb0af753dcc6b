// kill -9 in the middle of a burst of emergency messages, against the real Lumbar process: every
// message Telegram's webhook or Slack's Events API got a 200 for has, after the restart, its audit
// record, its reply and its operator alert. Two trials per channel here; scripts/fault-kill.mts
// runs twenty and prints the figures.
import { describe, expect, it } from "vitest";
import { runKillTrial, type TrialChannel } from "./support/kill-trial.ts";

describe.each<TrialChannel>(["telegram", "slack"])("kill -9 during a burst into %s", (channel) => {
  it.each([40, 110])("loses nothing acknowledged when killed after %i acknowledgements", async (killAfterAcks) => {
    const result = await runKillTrial({ channel, burst: 150, killAfterAcks });
    expect(result.ackedBeforeKill).toBeGreaterThanOrEqual(killAfterAcks);
    expect({ lostReplies: result.lostReplies, lostAudits: result.lostAudits, lostAlerts: result.lostAlerts }).toEqual({ lostReplies: 0, lostAudits: 0, lostAlerts: 0 });
    // Whatever was acknowledged and not finished was taken back from the inbox, not lost.
    expect(result.recoveryMs).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
