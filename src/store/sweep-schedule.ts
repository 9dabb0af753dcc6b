/**
 * When an instance's periodic clean-up of expired rows is due: at most once per `everyMs`. The
 * PostgreSQL stores sweep on the next write after that, rather than on a timer of their own.
 */
export class SweepSchedule {
  private last = 0;

  constructor(private readonly everyMs: number) {}

  /** True, and the sweep counted as done, when `everyMs` has passed since the last one at time `t` (ms). */
  due(t: number): boolean {
    if (t - this.last < this.everyMs) return false;
    this.last = t;
    return true;
  }
}
