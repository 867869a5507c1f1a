import { describe, expect, it } from 'vitest';

import { AleAction } from '../../../src/games/atari/actions';
import { frameBatchSchema, JOYSTICK_BITS } from '../../../src/games/common/atari-frames';
import {
  FrameBatcher,
  FRAMES_PER_BATCH,
  frameRecord,
  joystickBits,
  needsHash,
  RESET_FRAMES,
} from './frame-batcher';
import { FrameClock } from './frame-clock';

const EVALUATION = { score: 3, lives: 2, terminal: false, reward: 1 };

/** Frames 0..n-1 as the episode runner records them. */
function record(n: number) {
  const clock = new FrameClock({ serverTimeOf: (now) => now + 1.7e12 });
  clock.start(0);
  const frames = [];
  while (frames.length < n) {
    for (const due of clock.tick(clock.nextDue())) {
      frames.push(
        frameRecord({
          due,
          action: AleAction.UPFIRE,
          reset: due.frame < RESET_FRAMES,
          evaluation: EVALUATION,
          hash: needsHash(due.frame) ? `0000${String(due.frame).padStart(4, '0')}` : undefined,
        }),
      );
    }
  }
  return frames;
}

describe('frameRecord', () => {
  it('records the action, its joystick bits, the evaluation and the times', () => {
    const [first] = record(1);
    expect(first).toEqual({
      frame: 0,
      action: AleAction.UPFIRE,
      joystick: JOYSTICK_BITS.up | JOYSTICK_BITS.fire,
      reward: 1,
      score: 3,
      lives: 2,
      terminal: false,
      emuMs: 0,
      clientMs: 1.7e12,
      reset: true,
    });
  });

  it('holds RESET on the first 4 frames only and a hash on every 60th frame', () => {
    const frames = record(180);
    expect(frames.filter((f) => f.reset).map((f) => f.frame)).toEqual([0, 1, 2, 3]);
    expect(frames.filter((f) => f.hash).map((f) => f.frame)).toEqual([59, 119, 179]);
  });

  it('refuses a hash frame without its hash', () => {
    const clock = new FrameClock({ firstFrame: 59 });
    clock.start(0);
    const [due] = clock.tick(0);
    expect(() =>
      frameRecord({ due, action: AleAction.NOOP, reset: false, evaluation: EVALUATION }),
    ).toThrow(/hash/);
  });

  it('keeps a hash given off the 60-frame grid (the last frame of a game)', () => {
    const clock = new FrameClock({ firstFrame: 12 });
    clock.start(0);
    const [due] = clock.tick(0);
    const last = frameRecord({
      due,
      action: AleAction.NOOP,
      reset: false,
      evaluation: EVALUATION,
      hash: 'abcdef01',
    });
    expect(last).toMatchObject({ frame: 12, hash: 'abcdef01' });
  });

  it('maps opposite directions to the action ALE holds (they cancel)', () => {
    expect(joystickBits(AleAction.NOOP)).toBe(0);
    expect(joystickBits(AleAction.DOWNLEFTFIRE)).toBe(
      JOYSTICK_BITS.down | JOYSTICK_BITS.left | JOYSTICK_BITS.fire,
    );
  });
});

describe('FrameBatcher', () => {
  it('cuts 60 consecutive frames a batch, each ending on a hash frame', () => {
    const batcher = new FrameBatcher();
    const batches = [];
    for (const frame of record(150)) {
      const batch = batcher.push(frame);
      if (batch) batches.push(batch);
    }
    expect(batches).toHaveLength(2);
    expect(batcher.pending).toBe(30);
    const last = batcher.flush();
    expect(last?.map((f) => f.frame)).toEqual(Array.from({ length: 30 }, (_, i) => 120 + i));
    expect(batcher.flush()).toBeNull();
    batches.forEach((batch, i) => {
      expect(batch).toHaveLength(FRAMES_PER_BATCH);
      expect(batch[0].frame).toBe(i * 60);
      expect(batch.at(-1)!.hash).toBeDefined();
      expect(batch.filter((f) => f.hash)).toHaveLength(1);
      // What the server accepts.
      expect(frameBatchSchema.safeParse({ frames: batch }).success).toBe(true);
    });
    expect(frameBatchSchema.safeParse({ frames: last }).success).toBe(true);
  });

  it('refuses a frame out of order', () => {
    const frames = record(3);
    const batcher = new FrameBatcher();
    batcher.push(frames[0]);
    expect(() => batcher.push(frames[2])).toThrow(/expected 1/);
    expect(batcher.nextFrame).toBe(1);
  });

  it('carries the pause on the first frame after it', () => {
    const clock = new FrameClock();
    clock.start(0);
    clock.tick(0);
    clock.pause(5);
    clock.resume(1_005);
    const [due] = clock.tick(1_005);
    const frame = frameRecord({ due, action: 0, reset: false, evaluation: EVALUATION });
    expect(frame.pause).toEqual({ ms: 1_000, reason: 'hidden' });
    expect(frameBatchSchema.safeParse({ frames: [frame] }).success).toBe(true);
  });
});
