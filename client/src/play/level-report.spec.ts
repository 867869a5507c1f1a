import { describe, expect, it } from 'vitest';

import { LevelWindow } from './level-report';

describe('LevelWindow', () => {
  it('answers null before any reading, then the mean power and the highest peak', () => {
    const window = new LevelWindow();
    expect(window.take()).toBeNull();
    window.push({ frames: 100, rmsDb: -20, peakDb: -10 });
    window.push({ frames: 100, rmsDb: -20, peakDb: -3 });
    expect(window.take()).toEqual({ rmsDb: -20, peakDb: -3 });
    // A new window starts empty.
    expect(window.take()).toBeNull();
  });

  it('weights the readings by their length and averages power, not decibels', () => {
    const window = new LevelWindow();
    window.push({ frames: 300, rmsDb: -120, peakDb: -120 });
    window.push({ frames: 100, rmsDb: -6, peakDb: -1 });
    // A quarter of the time at -6 dB: 10·log10(0.25 · 10^-0.6) ≈ -12 dB.
    expect(window.take()?.rmsDb).toBeCloseTo(-12, 0);
  });

  it('keeps the levels within -120..0 dB, whatever the meter said', () => {
    const window = new LevelWindow();
    window.push({ frames: 10, rmsDb: 3, peakDb: Number.NEGATIVE_INFINITY });
    window.push({ frames: 0, rmsDb: 0, peakDb: 0 });
    expect(window.take()).toEqual({ rmsDb: 0, peakDb: -120 });
  });
});
