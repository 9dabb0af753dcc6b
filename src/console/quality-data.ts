import type { LatestEval } from "../eval/latest-results.ts";
import type { HourCounts } from "../metrics/hourly-counts.ts";
import type { AuditContents } from "../safety/audit-log.ts";

/** The live counters of the quality page. Counts and shares only: never message text or ids. */
export interface LiveCounters {
  /** From the audit log, so every instance sharing it counts: the last 24 hours. */
  escalations24h: { emergency: number; urgent: number };
  /** Alert deliveries that failed after every retry, last 24 hours (audit log). */
  alertFailures24h: number;
  /**
   * Messages per clock hour through this process, last 24 hours, with the out-of-scope share of
   * the last hour; null when the console runs apart from the bots (no messages pass through it).
   */
  messages: { perHour: Array<{ hour: string; messages: number; outOfScope: number }>; lastHour: number; outOfScopeShare: number | null; alertAttemptsFailed24h: number } | null;
}

/** The chartable part of the latest `lumbar eval`: hit@1 and hit@3 per question set, and each red-flag set's confusion matrix. */
export interface EvalCharts {
  finishedAt: string;
  indexVersion: string;
  questionSets: Array<{ name: string; hitAt1: number; hitAt3: number }>;
  followUpSets: Array<{ name: string; hitAt1: number; hitAt3: number }>;
  redFlagSets: Array<{ name: string; confusion: Record<string, Record<string, number>> }>;
}

export function evalCharts(latest: LatestEval | null): EvalCharts | null {
  if (!latest) return null;
  const { report } = latest;
  return {
    finishedAt: latest.finishedAt,
    indexVersion: latest.indexVersion,
    questionSets: Object.entries(report.questions).map(([name, m]) => ({ name, hitAt1: m.hitAt1, hitAt3: m.hitAt3 })),
    followUpSets: Object.entries(report.followUps).map(([name, m]) => ({ name, hitAt1: m.hitAt1, hitAt3: m.hitAt3 })),
    redFlagSets: Object.entries(report.redFlags).map(([name, m]) => ({ name, confusion: m.confusion })),
  };
}

export function liveCounters(log: AuditContents, hourly: HourCounts[] | null, now: Date): LiveCounters {
  const since = now.getTime() - 24 * 3_600_000;
  const recent = (time: string) => Date.parse(time) >= since;
  const escalations24h = { emergency: 0, urgent: 0 };
  for (const r of log.records) if (recent(r.time)) escalations24h[r.tier]++;
  const alertFailures24h = log.deliveries.filter((d) => d.outcome === "failed" && recent(d.time)).length;
  let messages: LiveCounters["messages"] = null;
  if (hourly) {
    const perHour = hourly.map((h) => {
      const answered = h.counts["answered"] ?? 0;
      const outOfScope = h.counts["out-of-scope"] ?? 0;
      return { hour: h.hour, messages: answered + outOfScope + (h.counts["failed"] ?? 0), outOfScope };
    });
    const last = perHour.at(-1);
    messages = {
      perHour,
      lastHour: last?.messages ?? 0,
      outOfScopeShare: last && last.messages > 0 ? last.outOfScope / last.messages : null,
      alertAttemptsFailed24h: hourly.reduce((s, h) => s + (h.counts["alert-failed"] ?? 0), 0),
    };
  }
  return { escalations24h, alertFailures24h, messages };
}
