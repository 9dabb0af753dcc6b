/** Minimal argument parsing: `--flag`, `--key value`, `--key=value`, and positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positionals.push(a);
      continue;
    }
    if (m[2] !== undefined) flags.set(m[1], m[2]);
    else if (VALUE_FLAGS.has(m[1]) && argv[i + 1] !== undefined) flags.set(m[1], argv[++i]);
    else flags.set(m[1], true);
  }
  return { positionals, flags };
}

/** Flags that take a value. */
const VALUE_FLAGS = new Set(["corpus", "data", "set", "threshold"]);
