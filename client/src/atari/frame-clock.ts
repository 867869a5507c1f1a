/**
 * The Atari emulation clock (flow 4): a fixed 60 Hz schedule that does not depend on the
 * display's refresh rate. Frame `n` of a run is due at `base + (n - baseFrame) × 1000/60` in
 * `performance.now()` time; a timer asks `tick(now)` which frames are due and sleeps until
 * `nextDue()`. Pure: the caller passes the time in, so the schedule is tested without timers.
 *
 * - Late (a busy main thread): at most `maxCatchUp` frames are emulated at once; the rest of the
 *   lag is dropped by moving the time base (the game slows down rather than racing).
 * - Paused (the tab is hidden): nothing is due; `resume(now)` starts a new time base, and the
 *   first frame after it carries `pause: {ms, reason: 'hidden'}` (server-clock ms).
 */
import { NTSC_FPS } from '../../../src/games/atari/machine';
import type { FrameRecord } from '../../../src/games/common/atari-frames';

/** Milliseconds of one emulated frame. */
export const FRAME_MS = 1000 / NTSC_FPS;
/** Frames emulated at most in one tick when the timer fires late. */
export const MAX_CATCH_UP_FRAMES = 4;

export type FramePause = NonNullable<FrameRecord['pause']>;

/** A frame to emulate now. */
export interface DueFrame {
  frame: number;
  /** Its scheduled `performance.now()` time. */
  due: number;
  /** `due` in server-clock ms (`FrameRecord.clientMs`). */
  clientMs: number;
  /** Emulation time: `frame × 1000/60` (`FrameRecord.emuMs`). */
  emuMs: number;
  /** The first frame after a pause. */
  pause?: FramePause;
}

export interface FrameClockOptions {
  /** The first frame to emulate (default 0). */
  firstFrame?: number;
  maxCatchUp?: number;
  /** `performance.now()` → server-clock ms (default: the same number). */
  serverTimeOf?: (performanceNow: number) => number;
}

export class FrameClock {
  private readonly maxCatchUp: number;
  private readonly toServer: (performanceNow: number) => number;
  private nextFrame: number;
  private base: number | null = null;
  private baseFrame: number;
  private pausedAt: number | null = null;
  private pendingPause: FramePause | null = null;

  constructor(options: FrameClockOptions = {}) {
    this.nextFrame = options.firstFrame ?? 0;
    this.baseFrame = this.nextFrame;
    this.maxCatchUp = Math.max(1, options.maxCatchUp ?? MAX_CATCH_UP_FRAMES);
    this.toServer = options.serverTimeOf ?? ((now) => now);
  }

  /** The index of the next frame to emulate (= frames emulated so far in this run). */
  get frame(): number {
    return this.nextFrame;
  }

  get started(): boolean {
    return this.base !== null;
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  /** Starts the schedule: the next frame is due at `now`. */
  start(now: number): void {
    this.base = now;
    this.baseFrame = this.nextFrame;
    this.pausedAt = null;
  }

  /** The scheduled time of frame `frame` in the current time base. */
  dueTime(frame: number): number {
    if (this.base === null) throw new Error('The frame clock has not started');
    return this.base + (frame - this.baseFrame) * FRAME_MS;
  }

  /** When the next frame is due (`Infinity` while paused or before the start). */
  nextDue(): number {
    if (this.base === null || this.pausedAt !== null) return Infinity;
    return this.dueTime(this.nextFrame);
  }

  /** The frames due at `now`, in order (they count as emulated once returned). */
  tick(now: number): DueFrame[] {
    if (this.base === null || this.pausedAt !== null) return [];
    const lateFrames = Math.floor((now - this.dueTime(this.nextFrame)) / FRAME_MS) + 1;
    if (lateFrames <= 0) return [];
    if (lateFrames > this.maxCatchUp) {
      // Drop the excess lag: the last `maxCatchUp` due times end at `now`.
      this.base += (lateFrames - this.maxCatchUp) * FRAME_MS;
    }
    const count = Math.min(lateFrames, this.maxCatchUp);
    const frames: DueFrame[] = [];
    for (let i = 0; i < count; i++) {
      const frame = this.nextFrame++;
      const due = this.dueTime(frame);
      const entry: DueFrame = {
        frame,
        due,
        clientMs: this.toServer(due),
        emuMs: frame * FRAME_MS,
      };
      if (this.pendingPause) {
        entry.pause = this.pendingPause;
        this.pendingPause = null;
      }
      frames.push(entry);
    }
    return frames;
  }

  /** Stops the schedule (the tab went hidden). */
  pause(now: number): void {
    if (this.base === null || this.pausedAt !== null) return;
    this.pausedAt = now;
  }

  /**
   * Resumes with a new time base: the next frame is due at `now` and will carry the pause (added
   * to one still pending, when the tab was hidden again before a frame ran).
   */
  resume(now: number): void {
    if (this.pausedAt === null) return;
    const ms = Math.max(0, this.toServer(now) - this.toServer(this.pausedAt));
    this.pendingPause = { ms: (this.pendingPause?.ms ?? 0) + ms, reason: 'hidden' };
    this.pausedAt = null;
    this.base = now;
    this.baseFrame = this.nextFrame;
  }
}
