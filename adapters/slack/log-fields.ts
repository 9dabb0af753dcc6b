/** Slack logs use the core's pseudonym so lines from every channel correlate. */
export { pseudonym } from "../../src/log/pseudonym.ts";
