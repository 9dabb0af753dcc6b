// SIGTERM and SIGINT stop polling cleanly: the process exits on its own, with nothing left running.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, waitFor, type Emulator } from "./support/emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  it(`stops polling and exits cleanly on ${signal}`, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/telegram/support/signal-child.ts", emulator.apiRoot, emulator.token], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await waitFor(() => stdout.includes("ready") || child.exitCode !== null, 12_000, "the bot to start");
      expect(stdout).toContain("ready");
      child.kill(signal);
      const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 5000))]);
      expect(code).toBe(0);
      expect(stderr).toContain('"telegram.stopped"');
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 19_000);
}
