import type { Lumbar } from "../../../src/core/types.ts";
import type { Logger } from "../../../src/log/logger.ts";
import type { UserThrottle } from "../../shared/user-throttle.ts";
import type { SuggestionStore } from "../suggestions.ts";
import type { BackgroundTasks } from "../tasks.ts";

/** What the update handlers share. */
export interface HandlerDeps {
  lumbar: Lumbar;
  logger: Logger;
  /** Telegram user ids allowed to run operator commands. */
  operatorIds: Set<string>;
  suggestions: SuggestionStore;
  throttle: UserThrottle;
  tasks: BackgroundTasks;
}
