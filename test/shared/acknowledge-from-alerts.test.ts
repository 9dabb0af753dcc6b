// End to end: a red flag through the real core alerts operators with an "Acknowledge" button on
// Slack (fake Web API) and Telegram (telegram-test-api); only operators' presses are recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACK_OPERATORS_ONLY } from "../../adapters/shared/operator-acknowledge.ts";
import { startTelegram, telegramConfigFromEnv, type TelegramHandle } from "../../adapters/telegram/index.ts";
import { foldQueue } from "../../src/safety/escalation-queue.ts";
import { readAuditLog, auditLogPath } from "../../src/safety/audit-log.ts";
import { makeTestLumbar, type TestLumbar } from "../helpers/test-lumbar.ts";
import { waitFor as waitForSlack } from "../slack/helpers/fake-slack-api.ts";
import { blocksOf, ESCALATION_CHANNEL, OPERATOR_ID, startHarness, type SlackHarness } from "../slack/helpers/harness.ts";
import { captureLogger } from "../telegram/support/capture-logger.ts";
import { startEmulator, userMessage, type Emulator } from "../telegram/support/emulator.ts";

const RED_FLAG = "I've just wet myself and can't feel my bum";

async function states(t: TestLumbar) {
  return (await readAuditLog(auditLogPath(t.dataDir))).states;
}

describe("acknowledging from the Slack alert", () => {
  let t: TestLumbar;
  let h: SlackHarness;
  beforeAll(async () => {
    t = await makeTestLumbar();
    h = await startHarness(t.lumbar);
  });
  afterAll(async () => {
    await h?.stop();
    await t?.cleanup();
  });

  it("refuses a non-operator's press and records an operator's, replacing the button with who and when", async () => {
    await h.sendEvent(h.dm("UDAVE", "D0DAVE", RED_FLAG));
    const [alert] = await waitForSlack(() => h.api.posts(ESCALATION_CHANNEL).length > 0 && h.api.posts(ESCALATION_CHANNEL), "the operator alert");
    const blocks = blocksOf(alert.params);
    const row = blocks.find((b) => b.block_id === "lumbar_ack") as { elements: Array<{ action_id: string; value: string }> } | undefined;
    expect(row).toBeDefined();
    const button = row!.elements[0]!;
    const messageTs = String(alert.response.ts);

    await h.clickButton({ userId: "UNOBODY", channel: ESCALATION_CHANNEL, messageTs, actionId: button.action_id, value: button.value, blockId: "lumbar_ack", blocks: alert.params.blocks as unknown[] });
    const [refusal] = await waitForSlack(() => h.api.ok("chat.postEphemeral").length > 0 && h.api.ok("chat.postEphemeral"), "the refusal");
    expect(refusal.params.user).toBe("UNOBODY");
    expect(String(refusal.params.text)).toContain(ACK_OPERATORS_ONLY);
    expect(await states(t)).toEqual([]);

    await h.clickButton({ userId: OPERATOR_ID, channel: ESCALATION_CHANNEL, messageTs, actionId: button.action_id, value: button.value, blockId: "lumbar_ack", blocks: alert.params.blocks as unknown[] });
    const [update] = await waitForSlack(() => h.api.ok("chat.update").length > 0 && h.api.ok("chat.update"), "the updated alert");
    const after = blocksOf(update.params);
    expect(after.some((b) => b.block_id === "lumbar_ack")).toBe(false);
    expect(after.at(-1)!.text).toContain(`Acknowledged by slack:${OPERATOR_ID}`);
    const recorded = await states(t);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ kind: "escalation-state", state: "acknowledged", by: `slack:${OPERATOR_ID}`, via: "slack", from: `slack:${ESCALATION_CHANNEL}` });
    const log = await readAuditLog(auditLogPath(t.dataDir));
    expect(foldQueue(log)[0]!.state).toBe("acknowledged");
  });
});

describe("acknowledging from the Telegram alert", () => {
  const ALERT_CHAT = -1005550001;
  const OPERATOR = 4242;
  let t: TestLumbar;
  let emulator: Emulator;
  let handle: TelegramHandle;
  const { logger, lines } = captureLogger();
  beforeAll(async () => {
    emulator = await startEmulator("987654321:ACK-token_for-lumbar-adapter");
    t = await makeTestLumbar();
    const config = telegramConfigFromEnv({
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_ESCALATION_CHAT_ID: String(ALERT_CHAT),
      TELEGRAM_OPERATOR_IDS: String(OPERATOR),
    });
    handle = await startTelegram(t.lumbar, config!, logger);
  });
  afterAll(async () => {
    await handle?.stop("test over");
    await emulator?.stop();
    await t?.cleanup();
  });

  it("refuses a non-operator's tap and records an operator's", async () => {
    const since = emulator.mark();
    await emulator.send(userMessage({ chatId: 701, text: RED_FLAG }));
    const alerts = await emulator.waitForSent(ALERT_CHAT, since);
    const last = alerts.at(-1)!;
    const data = last.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data;
    expect(data).toMatch(/^lumbar_ack:/);
    const alertId = emulator.sentIds(ALERT_CHAT, since).at(-1)!;
    const chat = { id: ALERT_CHAT, type: "supergroup", title: "Operators" };

    await emulator.tap(ALERT_CHAT, 999, data!, { message_id: alertId, chat });
    for (let i = 0; i < 50 && !lines.some((l) => l.includes("telegram.acknowledge_refused")); i++) await new Promise((r) => setTimeout(r, 100));
    expect(lines.some((l) => l.includes("telegram.acknowledge_refused"))).toBe(true);
    expect(await states(t)).toEqual([]);

    await emulator.tap(ALERT_CHAT, OPERATOR, data!, { message_id: alertId, chat });
    let recorded: Awaited<ReturnType<typeof states>> = [];
    for (let i = 0; i < 50 && recorded.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recorded = await states(t);
    }
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ state: "acknowledged", by: `telegram:${OPERATOR}`, via: "telegram", from: `telegram:${ALERT_CHAT}` });
  });
});
