/**
 * The scaffolding of an outbox uploader (the recorder's `Uploader`, the Atari `FrameUploader`):
 * drain passes over a durable queue until it is empty or an attempt must be retried; retries with
 * exponential backoff (jittered, capped) and at once when the browser comes back online; a new
 * item starts a drain unless a retry is already scheduled; a status recomputed after every change
 * and published to listeners only when it changed. A subclass says what one pass does and what
 * the status is.
 */
export type DrainResult = 'done' | 'retry' | 'no-participant';

export interface DrainLoopOptions {
  /** First retry delay (default 500 ms), doubling up to `maxDelayMs` (default 5 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Where to listen for `online` (default: window when there is one). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

export abstract class DrainLoop<Status extends object> {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly events: DrainLoopOptions['events'];
  private running: Promise<DrainResult> | null = null;
  /** Work came in during a drain: run one more pass (a subclass may set it during a pass). */
  protected again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private unwatch: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private current: Status;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  /** When the next attempt is due after a failure (`Date.now()` ms), or null. */
  protected retryAt: number | null = null;

  protected constructor(initial: Status, options: DrainLoopOptions) {
    this.current = initial;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.events =
      options.events !== undefined ? options.events : typeof window === 'undefined' ? null : window;
  }

  /** One pass over the queue. */
  protected abstract pass(): Promise<DrainResult>;
  /** The status now (from the queue and what the passes noted). */
  protected abstract computeStatus(): Promise<Status>;
  /** Subscribes `onWork` to the queue's changes; returns the unsubscribe. */
  protected abstract watch(onChange: (newWork: boolean) => void): () => void;

  /** Listens for new items and for `online`, and starts a first drain (what a reload left). */
  start(): this {
    if (this.started) return this;
    this.started = true;
    this.unwatch = this.watch((newWork) => {
      void this.refreshStatus();
      // New work: go now, unless waiting out a backoff (the timer will pick it up).
      if (newWork && !this.timer) void this.drain();
    });
    this.events?.addEventListener('online', this.onOnline);
    this.retryNow();
    return this;
  }

  stop(): void {
    this.started = false;
    this.unwatch?.();
    this.unwatch = null;
    this.events?.removeEventListener('online', this.onOnline);
    this.clearTimer();
  }

  get status(): Status {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the backoff and drains now (the network came back, a new login, a page finishing). */
  retryNow(): void {
    this.failures = 0;
    this.clearTimer();
    this.retryAt = null;
    void this.drain();
  }

  /**
   * Runs passes until the queue is empty or an attempt must be retried (then a retry is
   * scheduled). A call during a drain makes that drain run one more pass, and returns its result.
   */
  drain(): Promise<DrainResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    this.running = this.loop().finally(() => {
      this.running = null;
      // Work that came in after the last pass (while the status was refreshed) would otherwise
      // wait for the next item: go again, unless a retry is already scheduled.
      if (this.again && this.timer === null && this.started) void this.drain();
    });
    return this.running;
  }

  /** Recomputes the status (also done after every change); listeners hear of a change. */
  refreshStatus(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        const next = await this.computeStatus();
        if (!shallowEqual(next, this.current)) {
          this.current = next;
          for (const listener of this.listeners) listener();
        }
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private readonly onOnline = () => this.retryNow();

  private async loop(): Promise<DrainResult> {
    let result: DrainResult;
    do {
      this.again = false;
      result = await this.pass();
    } while (this.again && result === 'done');
    if (result === 'retry') {
      this.failures++;
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (this.failures - 1));
      const jittered = delay * (0.8 + 0.4 * Math.random());
      this.retryAt = Date.now() + jittered;
      if (this.started) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.retryAt = null;
          void this.drain();
        }, jittered);
      }
    } else {
      this.failures = 0;
      this.retryAt = null;
    }
    await this.refreshStatus();
    return result;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  for (const key of Object.keys(a) as (keyof T)[]) if (a[key] !== b[key]) return false;
  return true;
}
