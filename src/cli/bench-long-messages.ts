import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Lumbar } from "../core/types.ts";
import type { IndexSnapshot } from "../index/snapshot.ts";
import { checkRedFlags } from "../safety/check-red-flags.ts";

/** Message sizes measured, in characters (a Slack message holds 40,000). */
export const SIZES = { "4kB": 4_000, "40kB": 40_000, "400kB": 400_000 } as const;
/** p99 budgets from issue 13: 40 kB in 50 ms, 400 kB in 500 ms. */
export const BUDGET_MS = { "40kB": 50, "400kB": 500 } as const;
/** Runs per size: enough for a p99 at the small sizes, bounded time at the large one. */
const RUNS = { "4kB": 40, "40kB": 20, "400kB": 5 } as const;

type Size = keyof typeof SIZES;

/**
 * The shapes of long message that used to cost the most. Each run gets its own variant (another
 * starting point, another seed), so caches of words already seen do not flatter the figures.
 * - prose: real messages from the evaluation sets, one after another (dense in red-flag words);
 * - repeated: one short sentence over and over ("mine only.");
 * - oneSentence: the same messages with every punctuation mark removed: one clause, one sentence;
 * - unknownWords: random letter strings the corpus never saw (each one spell-checked).
 */
export function shapes(messages: string[]): Record<string, (size: number, run: number) => string> {
  const fill = (size: number, next: (k: number) => string) => {
    let s = "";
    for (let k = 0; s.length < size; k++) s += next(k);
    return s.slice(0, size);
  };
  const offset = (run: number) => (run * 7919) % messages.length;
  return {
    prose: (size, run) => fill(size, (k) => messages[(offset(run) + k) % messages.length] + " "),
    repeated: (size) => fill(size, () => "mine only. "),
    oneSentence: (size, run) => fill(size, (k) => messages[(offset(run) + k) % messages.length].replace(/[^A-Za-z0-9 ]+/g, " ") + " "),
    unknownWords: (size, run) => {
      let seed = 1 + run;
      const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed / 2 ** 32);
      const letters = "bcdfghjklmnpqrstvwxz";
      return fill(size, () => Array.from({ length: 5 + Math.floor(next() * 5) }, () => letters[Math.floor(next() * letters.length)]).join("") + " ");
    },
  };
}

export interface Percentiles {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** p99 per shape and size of the red-flag check alone and of the whole reply through handle(). */
export async function measureLongMessages(lumbar: Lumbar, snapshot: IndexSnapshot, messages: string[]) {
  const byShape = shapes(messages);
  const redFlagCheck: Record<string, Record<Size, Percentiles>> = {};
  const answer: Record<string, Record<Size, Percentiles>> = {};
  let conversation = 0;
  // The first long message starts the red-flag worker threads and loads the index in them.
  await lumbar.handle({ channel: "bench", conversationId: "warm-long", userId: "bench", text: byShape.prose(SIZES["40kB"], 999) });
  for (const [shape, make] of Object.entries(byShape)) {
    redFlagCheck[shape] = {} as Record<Size, Percentiles>;
    answer[shape] = {} as Record<Size, Percentiles>;
    for (const size of Object.keys(SIZES) as Size[]) {
      const checkMs: number[] = [];
      const answerMs: number[] = [];
      for (let run = 0; run < RUNS[size]; run++) {
        const text = make(SIZES[size], run);
        let start = performance.now();
        await checkRedFlags(snapshot, text);
        checkMs.push(performance.now() - start);
        // Another variant for the whole reply, so the check above has not warmed its words.
        const other = make(SIZES[size], run + 1000);
        start = performance.now();
        await lumbar.handle({ channel: "bench", conversationId: `long-${conversation++}`, userId: "bench", text: other });
        answerMs.push(performance.now() - start);
      }
      redFlagCheck[shape][size] = percentiles(checkMs);
      answer[shape][size] = percentiles(answerMs);
    }
  }
  const worst = (table: Record<string, Record<Size, Percentiles>>, size: Size) => Math.max(...Object.values(table).map((s) => s[size].p99Ms));
  const withinBudget = (Object.keys(BUDGET_MS) as Array<keyof typeof BUDGET_MS>).every((size) => worst(redFlagCheck, size) <= BUDGET_MS[size] && worst(answer, size) <= BUDGET_MS[size]);
  return { budgetP99Ms: BUDGET_MS, withinBudget, redFlagCheck, answer };
}

/**
 * Another person's acknowledgement while ten 40 kB messages are being handled at once: a tiny HTTP
 * server on 127.0.0.1 answers each request at once (as an adapter acknowledges an event), and a
 * client asks it every 20 ms until the ten replies are done. Client and server share this
 * process's event loop, so the figure is an upper bound on what Slack or Telegram would wait.
 */
export async function measureAckLatency(lumbar: Lumbar, messages: string[], count = 10, size = SIZES["40kB"]) {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true });
  const ask = () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      http.get({ host: "127.0.0.1", port, path: "/ack", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(performance.now() - start));
      }).on("error", reject);
    });
  try {
    await ask();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const acks: number[] = [];
    const started = performance.now();
    const byShape = shapes(messages);
    let done = false;
    const handled = Promise.all(
      Array.from({ length: count }, (_, k) => lumbar.handle({ channel: "bench", conversationId: `ack-${k}-${Math.random()}`, userId: `sender-${k}`, text: byShape.prose(size, 500 + k) })),
    ).finally(() => (done = true));
    while (!done) {
      acks.push(await ask());
      await new Promise((r) => setTimeout(r, 20));
    }
    await handled;
    const allHandledMs = performance.now() - started;
    delay.disable();
    return { messages: count, messageChars: size, ack: percentiles(acks), eventLoopDelayMaxMs: round(delay.max / 1e6), allHandledMs: round(allHandledMs) };
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

export function percentiles(ms: number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0);
  return { count: s.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(s[s.length - 1] ?? 0) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
