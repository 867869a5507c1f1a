/**
 * When to push a session's live status. Pure: the timers are injected (unit tests use fake ones).
 *
 * An urgent change (a phase, presence or pause change) is pushed on the next turn of the event
 * loop, so that a burst of them (a join that also starts a countdown) makes one push. Other
 * changes (steps, frames, levels, uploads) are pushed at most once every `intervalMs`: the first
 * at once, the rest of the window's changes together at its end (the last state is never lost).
 */
export interface ThrottleTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class UpdateThrottle {
  private lastFiredAt = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly fire: () => void,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  request(urgent: boolean): void {
    const now = this.timers.now();
    const at = urgent ? now : Math.max(now, this.lastFiredAt + this.intervalMs);
    // A push already planned at or before `at` carries this change too.
    if (this.timer !== null && this.timerAt <= at) return;
    this.cancel();
    this.timerAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.lastFiredAt = this.timers.now();
      this.fire();
    }, at - now);
  }

  /** Whether a push is planned. */
  get pending(): boolean {
    return this.timer !== null;
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
