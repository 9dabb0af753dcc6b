// kill -9 during bursts, twenty times per channel: `npx tsx scripts/fault-kill.mts [trials] [burst]`.
// Each trial starts the real Lumbar process against a fake Telegram Bot API or Slack Web API on
// 127.0.0.1, fires a burst of emergency messages at its webhook, SIGKILLs it after a varying number
// of acknowledgements, restarts it, redelivers what never got a 200 (as the platforms do) and
// counts what every acknowledged message is missing. Exits 1 if anything acknowledged was lost.
import { runKillTrial, type TrialChannel, type TrialResult } from "../test/faults/support/kill-trial.ts";

const trials = Number(process.argv[2] ?? 20);
const burst = Number(process.argv[3] ?? 300);
const all: TrialResult[] = [];

for (const channel of ["telegram", "slack"] as TrialChannel[]) {
  const results: TrialResult[] = [];
  for (let i = 0; i < trials; i++) {
    // Kill points spread over the burst, from early to late, the same on every run.
    const killAfterAcks = Math.max(1, Math.round(burst * (0.05 + ((i * 37) % 90) / 100)));
    const r = await runKillTrial({ channel, burst, killAfterAcks });
    results.push(r);
    process.stdout.write(
      `${channel} #${String(i + 1).padStart(2)}  killed after ${String(r.ackedBeforeKill).padStart(3)} acks, ` +
        `${String(r.replayed).padStart(3)} taken back from the inbox, ${String(r.redelivered).padStart(3)} redelivered; ` +
        `lost replies/audits/alerts ${r.lostReplies}/${r.lostAudits}/${r.lostAlerts}, answered twice ${r.duplicateReplies}, recovered in ${r.recoveryMs} ms; ack p50/p99 ${r.ackMsP50}/${r.ackMsP99} ms\n`,
    );
  }
  all.push(...results);
  const sum = (f: (r: TrialResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const recovery = results.map((r) => r.recoveryMs).sort((a, b) => a - b);
  const summary = {
    channel,
    trials,
    burst,
    acknowledgedBeforeKill: sum((r) => r.ackedBeforeKill),
    takenBackFromInbox: sum((r) => r.replayed),
    lostReplies: sum((r) => r.lostReplies),
    lostAudits: sum((r) => r.lostAudits),
    lostAlerts: sum((r) => r.lostAlerts),
    answeredTwice: sum((r) => r.duplicateReplies),
    recoveryMsP50: recovery[Math.floor(recovery.length / 2)],
    recoveryMsMax: recovery.at(-1),
    ackMsP50Median: median(results.map((r) => r.ackMsP50)),
    ackMsP99Max: Math.max(...results.map((r) => r.ackMsP99)),
  };
  process.stdout.write(JSON.stringify(summary) + "\n");
}
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

const lost = all.reduce((n, r) => n + r.lostReplies + r.lostAudits + r.lostAlerts + (r.recoveryMs < 0 ? 1 : 0), 0);
process.exitCode = lost > 0 ? 1 : 0;
