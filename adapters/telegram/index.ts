/**
 * Lumbar's Telegram adapter. Read the settings with {@link telegramConfigFromEnv}, start the bot
 * with {@link startTelegram}, and call the returned stop() on shutdown (or {@link installSignalHandlers}).
 */
export { telegramConfigFromEnv, type TelegramConfig, type TelegramWebhookConfig } from "./config.ts";
export { startTelegram, type TelegramHandle } from "./start.ts";
export { installSignalHandlers } from "./signals.ts";
export { claimPolling, PollingConflictError } from "./polling.ts";
