import { parseArgs as parseWithNode, type ParseArgsConfig } from "node:util";

/** What a command line says: the command, its positionals and its options. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** A command line that names an option the command does not take; its message is one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
const COMMON: Options = {
  help: { type: "boolean", short: "h" },
  corpus: { type: "string" },
  data: { type: "string" },
};

/** Each command's own options (the maintained parser, node:util parseArgs, rejects any other). */
export const COMMAND_OPTIONS: Record<string, Options> = {
  start: {},
  chat: {},
  ask: { json: { type: "boolean" }, jsonl: { type: "boolean" }, audit: { type: "boolean" } },
  reindex: {},
  status: {},
  rollback: { list: { type: "boolean" }, json: { type: "boolean" } },
  escalations: { json: { type: "boolean" } },
  eval: { json: { type: "boolean" }, sets: { type: "string" } },
  lexicon: { json: { type: "boolean" } },
  // --serve is internal: the serving half of `bench --chunks N`, run in a child process.
  bench: { chunks: { type: "string" }, keep: { type: "string" }, serve: { type: "boolean" } },
  console: { port: { type: "string" }, host: { type: "string" } },
  help: {},
};

/**
 * Parses `lumbar <command> [options] [args]` with node:util parseArgs, strictly: an option the
 * command does not take is a {@link UsageError} naming it. With no command (or only `--help`),
 * the positionals are empty and `help` is set when asked for.
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const command = argv.find((a) => !a.startsWith("-"));
  const own = command !== undefined ? COMMAND_OPTIONS[command] : {};
  // An unknown command is reported by name by the caller, not as an unknown option.
  const options: Options = { ...COMMON, ...(own ?? {}) };
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode({ args: argv, options, allowPositionals: true, strict: own !== undefined });
  } catch (err) {
    // Node's messages name the option ("Unknown option '--jsno'"); the usage line is added by the caller.
    // Only its first sentence: the rest is advice about "--" that does not apply here.
    const message = (err instanceof Error ? err.message : String(err)).split(/\.\s/)[0].replace(/\.$/, "");
    throw new UsageError(command ? `${command}: ${message}` : message);
  }
  const flags = new Map<string, string | true>();
  for (const [k, v] of Object.entries(parsed.values)) {
    if (v === true) flags.set(k, true);
    else if (typeof v === "string") flags.set(k, v);
  }
  return { positionals: parsed.positionals, flags };
}
