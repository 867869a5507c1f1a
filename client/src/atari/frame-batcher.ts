/**
 * The frame log of an episode, cut into ~1 s batches for the outbox (`PUT …/batches/:seq`):
 * 60 consecutive frames a batch, the last partial one at the end. Pure.
 */
import { joystickOf, type AleAction } from '../../../src/games/atari/actions';
import type { GameEvaluation } from '../../../src/games/atari/games';
import { JOYSTICK_BITS, type FrameRecord } from '../../../src/games/common/atari-frames';
import type { DueFrame } from './frame-clock';

/** Frames a batch (about one second at 60 Hz). */
export const FRAMES_PER_BATCH = 60;
/**
 * A frame hash every 60 frames: on frames 59, 119, ... (the last frame of each full batch), and on
 * the last frame of a game that ends (game over, time up), so that even a short game is checked.
 */
export const HASH_EVERY = 60;
/** The console's RESET is held for the first frames of each episode (ALE's soft reset). */
export const RESET_FRAMES = 4;

/** `FrameRecord.joystick`: the joystick an ALE action holds, as JOYSTICK_BITS. */
export function joystickBits(action: AleAction): number {
  const joy = joystickOf(action);
  let bits = 0;
  for (const key of Object.keys(JOYSTICK_BITS) as (keyof typeof JOYSTICK_BITS)[]) {
    if (joy[key]) bits |= JOYSTICK_BITS[key];
  }
  return bits;
}

export function needsHash(frame: number): boolean {
  return frame % HASH_EVERY === HASH_EVERY - 1;
}

/** The record of one emulated frame. `hash` is required on `needsHash` frames (kept elsewhere). */
export function frameRecord(args: {
  due: DueFrame;
  action: AleAction;
  reset: boolean;
  evaluation: GameEvaluation;
  hash?: string;
}): FrameRecord {
  const { due, action, reset, evaluation, hash } = args;
  const record: FrameRecord = {
    frame: due.frame,
    action,
    joystick: joystickBits(action),
    reward: evaluation.reward,
    score: evaluation.score,
    lives: evaluation.lives,
    terminal: evaluation.terminal,
    emuMs: due.emuMs,
    clientMs: due.clientMs,
  };
  if (reset) record.reset = true;
  if (due.pause) record.pause = due.pause;
  if (needsHash(due.frame) && hash === undefined)
    throw new Error(`Frame ${due.frame} needs its frame hash`);
  if (hash !== undefined) record.hash = hash;
  return record;
}

export class FrameBatcher {
  private frames: FrameRecord[] = [];
  private expected: number;

  constructor(
    firstFrame = 0,
    private readonly size = FRAMES_PER_BATCH,
  ) {
    this.expected = firstFrame;
  }

  /** Frames held for the next batch. */
  get pending(): number {
    return this.frames.length;
  }

  /** The index the next pushed frame must have. */
  get nextFrame(): number {
    return this.expected;
  }

  /** Adds the next frame; returns a full batch when this frame completes one. */
  push(record: FrameRecord): FrameRecord[] | null {
    if (record.frame !== this.expected) {
      throw new Error(`Frame ${record.frame} out of order: expected ${this.expected}`);
    }
    this.expected++;
    this.frames.push(record);
    if (this.frames.length < this.size) return null;
    return this.flush();
  }

  /** The frames held so far as a (partial) batch, or null when there are none. */
  flush(): FrameRecord[] | null {
    if (this.frames.length === 0) return null;
    const batch = this.frames;
    this.frames = [];
    return batch;
  }
}
