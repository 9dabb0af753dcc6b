// End to end in headless Chromium (playwright-core driving Debian's /usr/bin/chromium): an operator
// signs in, sees an escalation the real core recorded, acknowledges it, and sees the new state and
// its audit record; a wrong token is refused. Without chromium the file skips with one line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { readAuditLog, auditLogPath } from "../../src/safety/audit-log.ts";
import { ackEscalationId } from "../../adapters/shared/operator-acknowledge.ts";
import { waitFor } from "../slack/helpers/fake-slack-api.ts";
import { blocksOf, ESCALATION_CHANNEL, OPERATOR_ID, startHarness } from "../slack/helpers/harness.ts";
import { CHROMIUM, hasChromium, launchChromium } from "./browser.ts";
import { CONSOLE_TOKEN, startConsoleFixture, type ConsoleFixture } from "./console-fixture.ts";

if (!hasChromium) console.warn(`Console browser tests skipped: no ${CHROMIUM} (apt-get install chromium; .ci/run does)`);

describe.skipIf(!hasChromium)("the operator console in Chromium", () => {
  let f: ConsoleFixture;
  let browser: Browser;
  beforeAll(async () => {
    f = await startConsoleFixture();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  it("refuses a wrong token and shows no escalation", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${f.base}/queue`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.fill("#operator", "Nurse Ada");
    await page.fill("#token", "this-is-not-the-token");
    await page.click("button[type=submit]");
    await expect.poll(() => page.textContent("[role=alert]")).toContain("Wrong console token");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.content()).not.toContain(f.escalationId);
    expect((await context.cookies()).some((c) => c.name === "lumbar_console")).toBe(false);
    await context.close();
  });

  it("signs in, acknowledges an escalation created through the core, and shows the new state and its audit record", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${f.base}/`);
    await page.fill("#operator", "Nurse Ada");
    await page.fill("#token", CONSOLE_TOKEN);
    await page.click("button[type=submit]");
    await page.waitForURL(`${f.base}/queue`);

    const cookie = (await context.cookies()).find((c) => c.name === "lumbar_console")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");

    const row = page.locator(`tr[data-escalation="${f.escalationId}"]`);
    await expect.poll(() => row.locator("[data-testid=state]").textContent()).toBe("new");
    for (const rule of f.ruleIds) expect(await row.textContent()).toContain(rule);
    expect(await row.textContent()).toMatch(/slack: delivered/);
    // Text logging is off: the person's words are nowhere on the page.
    expect(await page.content()).not.toContain("wet myself");

    await row.getByRole("button", { name: "Acknowledge" }).click();
    await page.waitForURL(/\/queue/);
    await expect.poll(() => page.textContent("[role=status]")).toContain("Escalation acknowledged by Nurse Ada");
    await expect.poll(() => row.locator("[data-testid=state]").textContent()).toBe("acknowledged");
    expect(await row.textContent()).toContain("by Nurse Ada via console");
    expect(await row.getByRole("button", { name: "Acknowledge" }).count()).toBe(0);

    // The filters: acknowledged shows it, new does not.
    await page.goto(`${f.base}/queue?state=new`);
    expect(await page.locator(`tr[data-escalation="${f.escalationId}"]`).count()).toBe(0);
    await page.goto(`${f.base}/queue?state=acknowledged&tier=emergency`);
    expect(await page.locator(`tr[data-escalation="${f.escalationId}"]`).count()).toBe(1);

    await page.click(`tr[data-escalation="${f.escalationId}"] a`);
    await page.waitForURL(`${f.base}/queue/${f.escalationId}`);
    const trail = await page.locator("[data-testid=audit-trail]").innerText();
    expect(trail).toMatch(/acknowledged\s+Nurse Ada\s+console\s+console:127\.0\.0\.1/);
    expect(await page.textContent("body")).toContain("Hidden: message text is shown only when LUMBAR_LOG_MESSAGE_TEXT is on.");

    const { states } = await readAuditLog(auditLogPath(f.t.dataDir));
    expect(states).toEqual([expect.objectContaining({ escalationId: f.escalationId, state: "acknowledged", by: "Nurse Ada", via: "console", from: "console:127.0.0.1" })]);

    // Resolve from the detail page.
    await page.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(() => page.locator("h1 [data-testid=state]").textContent()).toBe("resolved");
    await context.close();
  });

  it("shows a non-operator's Slack acknowledge refused (still new) and an operator's as acknowledged via Slack", async () => {
    const slack = await startHarness(f.t.lumbar);
    const context = await browser.newContext();
    try {
      await slack.sendEvent(slack.dm("UPAT2", "D0PAT2", "I can't feel my bum and I've wet myself"));
      const [alert] = await waitFor(() => slack.api.posts(ESCALATION_CHANNEL).length > 0 && slack.api.posts(ESCALATION_CHANNEL), "the Slack alert");
      const row = blocksOf(alert.params).find((b) => b.block_id === "lumbar_ack") as unknown as { elements: Array<{ action_id: string; value: string }> };
      const button = row.elements[0]!;
      const id = ackEscalationId(button.value)!;
      const click = (userId: string) => slack.clickButton({ userId, channel: ESCALATION_CHANNEL, messageTs: String(alert.response.ts), actionId: button.action_id, value: button.value, blockId: "lumbar_ack", blocks: alert.params.blocks as unknown[] });

      await click("UNOTOPERATOR");
      await waitFor(() => slack.api.ok("chat.postEphemeral").length > 0, "the refusal");
      const page = await context.newPage();
      await page.goto(`${f.base}/queue/${id}`);
      await page.fill("#operator", "Nurse Ada");
      await page.fill("#token", CONSOLE_TOKEN);
      await page.click("button[type=submit]");
      await page.waitForURL(`${f.base}/queue/${id}`);
      expect(await page.locator("h1 [data-testid=state]").textContent()).toBe("new");

      await click(OPERATOR_ID);
      await waitFor(() => slack.api.ok("chat.update").length > 0, "the updated alert");
      await page.reload();
      expect(await page.locator("h1 [data-testid=state]").textContent()).toBe("acknowledged");
      expect(await page.locator("[data-testid=audit-trail]").innerText()).toMatch(new RegExp(`acknowledged\\s+slack:${OPERATOR_ID}\\s+slack\\s+slack:${ESCALATION_CHANNEL}`));
    } finally {
      await context.close();
      await slack.stop();
    }
  });

  it("draws the quality charts with Chart.js and shows the index versions", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${f.base}/login`);
    await page.fill("#operator", "Nurse Ada");
    await page.fill("#token", CONSOLE_TOKEN);
    await page.click("button[type=submit]");
    await page.waitForURL(`${f.base}/queue`);
    await page.goto(`${f.base}/quality`);
    await page.waitForFunction(() => document.body.dataset.chartsReady === "yes");
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe("function");
    expect(await page.evaluate(() => Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length)).toBeGreaterThanOrEqual(3);
    expect(await page.textContent("#c-escalations")).toMatch(/emergency/);

    await page.goto(`${f.base}/index`);
    const serving = (await f.t.lumbar.status()).version;
    expect(await page.textContent("[data-testid=serving]")).toBe(serving);
    expect(await page.textContent("table")).toContain(serving);
    await context.close();
  });
});
