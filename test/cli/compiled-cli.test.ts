// Production runs the compiled JavaScript in dist/, not the TypeScript through tsx (issue 16). This
// runs `node bin/lumbar.js` as `npm start` would, without LUMBAR_RUN_SOURCE (which the other tests
// set), and watches from outside what the process loads: a resolve hook preloaded with --import
// logs every module URL of the main thread and of its workers.
import { spawn, spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distState } from "../../bin/dist-state.js";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { makeCliSandbox, type CliResult, type CliSandbox } from "./cli-harness.ts";

const MODULE_LOG = path.join(import.meta.dirname, "fixtures", "module-log.mjs");

interface LoggedRun extends CliResult {
  modules: string[];
}

/** `node --import module-log.mjs <script> ...args` from the repository root, with the modules it resolved. */
function runLogged(box: CliSandbox, script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<LoggedRun> {
  const logFile = path.join(box.root, `modules-${Math.random().toString(36).slice(2)}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", MODULE_LOG, script, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...box.env({ LUMBAR_RUN_SOURCE: undefined, ...env }), MODULE_LOG_FILE: logFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", async (code, signal) => {
      clearTimeout(timer);
      const modules = (await readFile(logFile, "utf8").catch(() => "")).split("\n").filter(Boolean);
      resolve({ code, signal, stdout, stderr, modules });
    });
  });
}

const fromTsx = (modules: string[]) => modules.filter((m) => m.includes("/node_modules/tsx/"));
const typescriptFiles = (modules: string[]) => modules.filter((m) => m.startsWith("file:") && /\.(c|m)?ts$/.test(m));

describe("the compiled build (dist/)", () => {
  let box: CliSandbox;

  beforeAll(async () => {
    // `npm ci` / `npm install` built dist/ (the `prepare` script). After an edit to the sources it is
    // stale, and this builds it again (about 5 to 15 s) so it tests the code as it is now.
    if (!distState(PROJECT_ROOT).fresh) {
      const built = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "scripts", "build.mjs")], { cwd: PROJECT_ROOT, encoding: "utf8" });
      expect(built.status, built.stderr).toBe(0);
    }
    expect(distState(PROJECT_ROOT)).toEqual({ fresh: true });
    box = await makeCliSandbox();
  }, 60_000);
  afterAll(() => box?.cleanup());

  it("answers `ask --json` from dist/ with no tsx and no TypeScript loaded, red-flag workers included", async () => {
    // Over 8,000 characters, so the red-flag check runs on a worker thread: its entry must load the
    // compiled worker too, not register tsx.
    const long = `what is sciatica? ${"my leg aches when I walk. ".repeat(400)}`;
    const short = await runLogged(box, path.join("bin", "lumbar.js"), ["ask", "--json", "what is sciatica"]);
    expect(short.code, short.stderr).toBe(0);
    const reply = JSON.parse(short.stdout) as { text: string; sources: Array<{ article: string; section: string }> };
    expect(reply.text).toMatch(/sciatic/i);
    expect(reply.sources.length).toBeGreaterThan(0);
    expect(reply.sources[0]!.section).toMatch(/sciatica/i);
    // The fallback's notice would say the sources ran instead.
    expect(short.stderr).not.toMatch(/through tsx/);

    const worker = await runLogged(box, path.join("bin", "lumbar.js"), ["ask", "--json", long]);
    expect(worker.code, worker.stderr).toBe(0);
    expect((JSON.parse(worker.stdout) as { sources: unknown[] }).sources.length).toBeGreaterThan(0);

    for (const run of [short, worker]) {
      expect(run.modules).toContain(new URL("../../dist/src/cli/main.js", import.meta.url).href);
      expect(fromTsx(run.modules)).toEqual([]);
      expect(typescriptFiles(run.modules)).toEqual([]);
    }
    expect(worker.modules).toContain(new URL("../../dist/src/safety/red-flag-worker.js", import.meta.url).href);
  });

  it("the module log does see tsx when the sources run (so an empty list above means something)", async () => {
    const sources = await runLogged(box, path.join("bin", "lumbar.js"), ["status"], { LUMBAR_RUN_SOURCE: "1" });
    expect(sources.code, sources.stderr).toBe(0);
    expect(fromTsx(sources.modules).length).toBeGreaterThan(0);
    expect(typescriptFiles(sources.modules)).toContain(new URL("../../src/cli/main.ts", import.meta.url).href);
  });
});
