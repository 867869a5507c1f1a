import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ThrottleTimers, UpdateThrottle } from './update-throttle.js';

const fakeTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

describe('UpdateThrottle', () => {
  let fired: number[];
  let throttle: UpdateThrottle;

  beforeEach(() => {
    vi.useFakeTimers({ now: 10_000 });
    fired = [];
    throttle = new UpdateThrottle(500, () => fired.push(Date.now()), fakeTimers);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pushes the first step at once, then at most once per interval, never losing the last', () => {
    throttle.request(false);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual([10_000]);
    // Ten steps within the next interval: one push at its end.
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(40);
      throttle.request(false);
    }
    expect(fired).toEqual([10_000]);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([10_000, 10_500]);
    expect(throttle.pending).toBe(false);
    // Quiet for a while: the next one goes at once again.
    vi.advanceTimersByTime(2_000);
    throttle.request(false);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual([10_000, 10_500, 12_500]);
  });

  it('pushes an urgent change on the next turn, coalescing a burst, even inside an interval', () => {
    throttle.request(false);
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(100);
    throttle.request(false); // planned for 10_500
    throttle.request(true);
    throttle.request(true);
    throttle.request(false); // carried by the urgent push
    expect(fired).toEqual([10_000]);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual([10_000, 10_100]);
    expect(throttle.pending).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([10_000, 10_100]);
  });

  it('pushes nothing once cancelled', () => {
    throttle.request(true);
    expect(throttle.pending).toBe(true);
    throttle.cancel();
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([]);
  });
});
