// Run as a child process by signals.test.ts: starts the bot against the emulator at argv[2],
// installs the signal handlers, prints "ready", and must exit by itself after SIGTERM/SIGINT.
import { createLogger } from "../../../src/log/logger.ts";
import { installSignalHandlers, startTelegram, telegramConfigFromEnv } from "../../../adapters/telegram/index.ts";
import { makeTestLumbar } from "../../helpers/test-lumbar.ts";

const [apiRoot, token] = process.argv.slice(2);
const logger = createLogger("info");
const testLumbar = await makeTestLumbar();
const config = telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot });
const handle = await startTelegram(testLumbar.lumbar, config!, logger);
installSignalHandlers(async (reason) => {
  await handle.stop(reason);
  await testLumbar.cleanup();
}, logger);
process.stdout.write("ready\n");
