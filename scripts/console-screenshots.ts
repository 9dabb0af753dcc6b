// `npm run screenshots`: the console's queue and quality pages as PNGs under docs/, for the README.
// Runs the real core over a copy of the corpus in a temporary folder, sends red-flag messages through
// it (invented, no real person's), acknowledges and resolves some through the core, and photographs
// the console in headless Chromium. The quality page charts a real evaluation run over the same corpus.
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig, PROJECT_ROOT } from "../src/config/config.ts";
import { openConsole } from "../src/console/open-console.ts";
import { createLumbar } from "../src/core/create-lumbar.ts";
import { writeLatestEval } from "../src/eval/latest-results.ts";
import { createLogger } from "../src/log/logger.ts";
import { createMetrics } from "../src/metrics/lumbar-metrics.ts";
import { AuditLog, auditLogPath } from "../src/safety/audit-log.ts";
import { launchChromium } from "../test/console/browser.ts";

const TOKEN = "screenshot-token-0123456789";
const MESSAGES: Array<{ channel: string; text: string }> = [
  { channel: "slack", text: "I've just wet myself and can't feel my bum" },
  { channel: "telegram", text: "my legs are getting weaker by the hour and I keep tripping" },
  { channel: "slack", text: "I have a history of cancer and now my back hurts at night" },
  { channel: "telegram", text: "I fell off a ladder and now my legs are numb" },
  { channel: "slack", text: "I can't control my bladder since this morning" },
];
const QUESTIONS = ["what is sciatica", "how long does sciatica last", "can I do yoga with a herniated disc", "what is the capital of France"];

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lumbar-screens-"));
  const corpusDir = path.join(root, "corpus");
  const dataDir = path.join(root, "data");
  await cp(path.join(PROJECT_ROOT, "corpus"), corpusDir, { recursive: true });
  const config = { ...loadConfig({}), corpusDir, dataDir, consoleToken: TOKEN, logLevel: "warn" as const };
  const logger = createLogger("warn");
  const metrics = createMetrics({ defaultMetrics: false });
  const lumbar = metrics.instrument(createLumbar({ config, logger }));
  // Stand-ins for the operator channels: each accepts the alert.
  lumbar.onEscalation(async () => {}, "slack");
  lumbar.onEscalation(async () => {}, "telegram");
  for (const [i, m] of MESSAGES.entries()) await lumbar.handle({ channel: m.channel, conversationId: `demo-${i}`, userId: `person-${i}`, text: m.text });
  for (const [i, q] of QUESTIONS.entries()) await lumbar.handle({ channel: "slack", conversationId: `q-${i}`, userId: `asker-${i}`, text: q });
  const audit = new AuditLog(auditLogPath(dataDir));
  await new Promise((r) => setTimeout(r, 500));
  const { records } = await audit.read();
  const ids = records.map((r) => r.id!).reverse();
  if (ids[1]) await lumbar.changeEscalation({ escalationId: ids[1], state: "acknowledged", by: "Nurse Ada", via: "console", from: "console:127.0.0.1" });
  if (ids[2]) await lumbar.changeEscalation({ escalationId: ids[2], state: "acknowledged", by: "slack:U0OPS", via: "slack", from: "slack:C0OPS" });
  if (ids[2]) await lumbar.changeEscalation({ escalationId: ids[2], state: "resolved", by: "Dr Okafor", via: "console", from: "console:127.0.0.1" });

  // The real evaluation over the same corpus (about ten seconds), as `npm run eval` keeps it.
  const { evaluate } = await import("../src/cli/eval-command.ts");
  let indexVersion = "";
  const report = await evaluate(config, () => undefined, (v) => (indexVersion = v));
  const latest = { finishedAt: new Date().toISOString(), indexVersion, report };
  await writeLatestEval(dataDir, latest);

  const running = await openConsole(lumbar, { audit, indexPointer: null }, config, logger, { port: 0, host: "127.0.0.1", hourly: metrics.hourly });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${running.url}/login`);
    await page.fill("#operator", "Nurse Ada");
    await page.fill("#token", TOKEN);
    await page.click("button[type=submit]");
    await page.waitForURL(`${running.url}/queue`);
    const docs = path.join(PROJECT_ROOT, "docs");
    await page.screenshot({ path: path.join(docs, "console-queue.png"), fullPage: true });
    await page.goto(`${running.url}/quality`);
    await page.waitForFunction(() => document.body.dataset.chartsReady === "yes");
    await page.screenshot({ path: path.join(docs, "console-quality.png"), fullPage: true });
    process.stdout.write(`Wrote ${path.join(docs, "console-queue.png")} and console-quality.png\n`);
  } finally {
    await browser.close();
    await running.close();
    await audit.close();
    await lumbar.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
