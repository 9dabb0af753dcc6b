import type { Lumbar } from "../../../src/core/types.ts";
import type { Logger } from "../../../src/log/logger.ts";
import type { SafetyChecks } from "../../shared/safety-check.ts";
import type { FloodLimit } from "../../shared/flood-limit.ts";
import type { SuggestionStore } from "../suggestions.ts";
import type { BackgroundTasks } from "../tasks.ts";

/** What the update handlers share. */
export interface HandlerDeps {
  lumbar: Lumbar;
  logger: Logger;
  /** Telegram user ids allowed to run operator commands. */
  operatorIds: Set<string>;
  suggestions: SuggestionStore;
  /** Safety check questions shown with buttons, so a press can be mapped back to its option. */
  checks: SafetyChecks;
  throttle: FloodLimit;
  tasks: BackgroundTasks;
}
