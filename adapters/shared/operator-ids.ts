/** Parses a comma-separated list of operator user ids (e.g. SLACK_OPERATOR_IDS), ignoring blanks. */
export function parseIdList(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}
