import { describe, expect, it } from 'vitest';

import { formatClock, monotonic, positionAt, stepTime } from './search';

const times = [100, 200, 200, 350, 1000];

describe('positionAt', () => {
  it('finds the last position at or before the time', () => {
    expect(positionAt(times, 100)).toBe(0);
    expect(positionAt(times, 199.9)).toBe(0);
    expect(positionAt(times, 200)).toBe(2);
    expect(positionAt(times, 349)).toBe(2);
    expect(positionAt(times, 350)).toBe(3);
    expect(positionAt(times, 5000)).toBe(4);
  });

  it('shows the first position before it starts, and nothing for an empty timeline', () => {
    expect(positionAt(times, 0)).toBe(0);
    expect(positionAt(times, Number.NaN)).toBe(0);
    expect(positionAt([], 10)).toBe(-1);
  });

  it('agrees with a linear scan on random timelines', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const ts = monotonic(
        Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 500)),
      );
      for (let q = -10; q < 520; q += 7) {
        let expected = 0;
        ts.forEach((t, i) => {
          if (t <= q) expected = i;
        });
        expect(positionAt(ts, q)).toBe(expected);
      }
    }
  });
});

describe('stepTime', () => {
  it('goes to the next or previous distinct position', () => {
    expect(stepTime(times, 100, 1)).toBe(200);
    expect(stepTime(times, 250, 1)).toBe(350);
    expect(stepTime(times, 350, -1)).toBe(200);
    expect(stepTime(times, 360, -1)).toBe(200);
    expect(stepTime(times, 200, -1)).toBe(100);
  });

  it('stays at the ends', () => {
    expect(stepTime(times, 1000, 1)).toBe(1000);
    expect(stepTime(times, 100, -1)).toBe(100);
    expect(stepTime(times, 50, 1)).toBe(100);
  });
});

describe('monotonic', () => {
  it('keeps a time that stepped back at the latest time so far', () => {
    expect(monotonic([1, 5, 4, 6, 6, 2])).toEqual([1, 5, 5, 6, 6, 6]);
  });
});

describe('formatClock', () => {
  it('writes m:ss.mmm', () => {
    expect(formatClock(0)).toBe('0:00.000');
    expect(formatClock(61_234.4)).toBe('1:01.234');
    expect(formatClock(-1500)).toBe('-0:01.500');
  });
});
