import cliProgress from "cli-progress";

/** A progress bar on a terminal, plain lines otherwise (CI logs, pipes). Writes to stderr. */
export function createProgress(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} chunks`, stream: process.stderr }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastPct = -1;
  return {
    update(done, total) {
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      // One line per quarter keeps logs readable on large corpora.
      if (pct === 100 || pct >= lastPct + 25) {
        process.stderr.write(`${label}: ${done}/${total} chunks embedded\n`);
        lastPct = pct;
      }
    },
    stop: () => undefined,
  };
}
