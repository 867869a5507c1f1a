import { describe, expect, it } from 'vitest';

import { FRAME_MS, FrameClock, MAX_CATCH_UP_FRAMES } from './frame-clock';

describe('FrameClock', () => {
  it('schedules frame n at base + n × 1000/60, without drift', () => {
    const clock = new FrameClock();
    clock.start(1_000);
    expect(clock.nextDue()).toBe(1_000);
    const all = [];
    // A timer that always fires 3 ms late: the due times stay on the grid.
    for (let i = 0; i < 600; i++) all.push(...clock.tick(clock.nextDue() + 3));
    expect(all.map((f) => f.frame)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    expect(all[599].due).toBeCloseTo(1_000 + 599 * FRAME_MS, 9);
    expect(all[599].emuMs).toBeCloseTo(599 * FRAME_MS, 9);
    expect(clock.nextDue()).toBeCloseTo(1_000 + 10_000, 9);
  });

  it('returns nothing before the next due time, and every frame that is due', () => {
    const clock = new FrameClock();
    clock.start(0);
    expect(clock.tick(0).map((f) => f.frame)).toEqual([0]);
    expect(clock.tick(FRAME_MS - 0.01)).toEqual([]);
    // 2.5 frames later: frames 1 and 2 are due.
    expect(clock.tick(2.5 * FRAME_MS).map((f) => f.frame)).toEqual([1, 2]);
    expect(clock.frame).toBe(3);
  });

  it('catches up at most a few frames and drops the rest of the lag', () => {
    const clock = new FrameClock();
    clock.start(0);
    clock.tick(0); // frame 0
    // Stalled for 500 ms: 30 frames due, only MAX_CATCH_UP_FRAMES run, ending at `now`.
    const late = clock.tick(500);
    expect(late).toHaveLength(MAX_CATCH_UP_FRAMES);
    expect(late.map((f) => f.frame)).toEqual([1, 2, 3, 4]);
    expect(late.at(-1)!.due).toBeLessThanOrEqual(500);
    expect(late.at(-1)!.due).toBeGreaterThan(500 - FRAME_MS);
    for (let i = 1; i < late.length; i++) {
      expect(late[i].due - late[i - 1].due).toBeCloseTo(FRAME_MS, 9);
    }
    // The schedule continues from there, not from the old base.
    expect(clock.nextDue()).toBeCloseTo(late.at(-1)!.due + FRAME_MS, 9);
    expect(clock.tick(clock.nextDue())).toHaveLength(1);
    // emuMs follows the frame index, never wall time.
    expect(late[0].emuMs).toBeCloseTo(FRAME_MS, 9);
  });

  it('stamps clientMs with the server time of the due time', () => {
    const clock = new FrameClock({ serverTimeOf: (now) => now + 1_700_000_000_000 });
    clock.start(10);
    const [first] = clock.tick(10);
    expect(first.clientMs).toBe(1_700_000_000_010);
    expect(first.pause).toBeUndefined();
  });

  it('pauses, resumes with a new time base and marks the next frame with the pause', () => {
    const clock = new FrameClock({ serverTimeOf: (now) => now + 5_000 });
    clock.start(0);
    clock.tick(0);
    clock.tick(FRAME_MS); // frames 0, 1
    clock.pause(20);
    expect(clock.paused).toBe(true);
    expect(clock.tick(1_000)).toEqual([]);
    expect(clock.nextDue()).toBe(Infinity);
    clock.resume(1_520);
    expect(clock.nextDue()).toBe(1_520);
    const [next, ...rest] = clock.tick(1_520);
    expect(rest).toEqual([]);
    expect(next.frame).toBe(2);
    expect(next.pause).toEqual({ ms: 1_500, reason: 'hidden' });
    expect(next.emuMs).toBeCloseTo(2 * FRAME_MS, 9);
    expect(next.clientMs).toBe(6_520);
    // Only the first frame after the pause carries it.
    expect(clock.tick(1_520 + FRAME_MS)[0].pause).toBeUndefined();
  });

  it('adds up two pauses with no frame in between', () => {
    const clock = new FrameClock();
    clock.start(0);
    clock.tick(0);
    clock.pause(10);
    clock.resume(410);
    clock.pause(410);
    clock.resume(1_010);
    expect(clock.tick(1_010)[0].pause).toEqual({ ms: 1_000, reason: 'hidden' });
  });

  it('starts at a given frame and ignores pause/resume out of turn', () => {
    const clock = new FrameClock({ firstFrame: 120 });
    clock.pause(0); // not started: nothing to pause
    clock.resume(5);
    expect(clock.tick(100)).toEqual([]);
    clock.start(100);
    expect(clock.tick(100)[0]).toMatchObject({ frame: 120, emuMs: 120 * FRAME_MS });
  });
});
