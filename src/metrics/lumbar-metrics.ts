import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { EscalationListener, Lumbar } from "../core/types.ts";
import { HourlyCounts, type HourCounts } from "./hourly-counts.ts";

/** Prometheus metrics of one instance, in a registry of its own (tests and two cores never share one). */
export interface LumbarMetrics {
  registry: Registry;
  /** The same core, counting what passes through it; channels use it exactly like the core. */
  instrument(lumbar: Lumbar): Lumbar;
  /** The text exposition for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
  /**
   * This instance's last 24 hours by clock hour: messages ("answered", "out-of-scope", "failed"),
   * escalations ("emergency", "urgent") and failed alert attempts ("alert-failed"), for the console.
   */
  hourly(): HourCounts[];
}

/** Answer latency buckets, in seconds: extractive answers take milliseconds, LLM answers seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Messages, escalations by tier, alert delivery failures, answer latency and the serving index
 * version, measured around the core's public interface: the core itself stays free of metrics.
 * Labels are channel names, tiers and versions only, never ids or text, so cardinality stays small.
 */
export function createMetrics(options: { defaultMetrics?: boolean; now?: () => number } = {}): LumbarMetrics {
  const registry = new Registry();
  const hourly = new HourlyCounts(24, options.now);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const messages = new Counter({ name: "lumbar_messages_total", help: "Messages answered, by channel and outcome.", labelNames: ["channel", "outcome"], registers: [registry] });
  const escalations = new Counter({ name: "lumbar_escalations_total", help: "Messages with a red flag, by tier.", labelNames: ["tier"], registers: [registry] });
  const deliveryFailures = new Counter({ name: "lumbar_alert_delivery_failures_total", help: "Failed attempts to deliver an operator alert, by tier.", labelNames: ["tier"], registers: [registry] });
  const latency = new Histogram({ name: "lumbar_answer_duration_seconds", help: "Time to answer one message.", labelNames: ["channel"], buckets: LATENCY_BUCKETS, registers: [registry] });
  const indexInfo = new Gauge({ name: "lumbar_index_info", help: "The index version serving (1 for the current version).", labelNames: ["version"], registers: [registry] });
  let serving: string | undefined;
  const noteVersion = (version: string) => {
    if (version === serving) return;
    // One series per instance: the old version's goes when a reindex switches.
    indexInfo.reset();
    indexInfo.set({ version }, 1);
    serving = version;
  };

  return {
    registry,
    instrument(lumbar) {
      return {
        ...lumbar,
        async handle(message) {
          const stop = latency.startTimer({ channel: message.channel });
          try {
            const reply = await lumbar.handle(message);
            const outcome = reply.outOfScope ? "out-of-scope" : "answered";
            messages.inc({ channel: message.channel, outcome });
            hourly.add(outcome);
            if (reply.escalation.level !== "none") {
              escalations.inc({ tier: reply.escalation.level });
              hourly.add(reply.escalation.level);
            }
            noteVersion(reply.indexVersion);
            return reply;
          } catch (err) {
            messages.inc({ channel: message.channel, outcome: "failed" });
            hourly.add("failed");
            throw err;
          } finally {
            stop();
          }
        },
        onEscalation(listener: EscalationListener, target?: string) {
          // The target names the operator channel in the audit log's delivery records: passed on as given.
          return lumbar.onEscalation(async (event) => {
            try {
              await listener(event);
            } catch (err) {
              deliveryFailures.inc({ tier: event.tier });
              hourly.add("alert-failed");
              throw err;
            }
          }, target);
        },
        async status() {
          const s = await lumbar.status();
          noteVersion(s.version);
          return s;
        },
        async reindex(opts) {
          const s = await lumbar.reindex(opts);
          noteVersion(s.version);
          return s;
        },
      };
    },
    hourly: () => hourly.series(),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
