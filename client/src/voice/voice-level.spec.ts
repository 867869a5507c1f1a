import { describe, expect, it } from 'vitest';

import { SILENCE_DB } from '../recorder/level-meter';
import { fallTowards, FALL_PER_SECOND, meterLevel, rmsDb } from './voice-level';

describe('rmsDb', () => {
  it('is the RMS level in dBFS', () => {
    expect(rmsDb(new Float32Array(128))).toBe(SILENCE_DB);
    expect(rmsDb(new Float32Array(0))).toBe(SILENCE_DB);
    expect(rmsDb(new Float32Array(64).fill(1))).toBeCloseTo(0, 6);
    expect(rmsDb(new Float32Array(64).fill(-0.5))).toBeCloseTo(-6.0206, 3);
    // A full-scale sine has an RMS of 1/√2: -3 dBFS.
    const sine = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * i) / 48));
    expect(rmsDb(sine)).toBeCloseTo(-3.0103, 2);
  });
});

describe('meterLevel', () => {
  it('maps -60..0 dBFS to 0..1 and clamps', () => {
    expect(meterLevel(SILENCE_DB)).toBe(0);
    expect(meterLevel(-60)).toBe(0);
    expect(meterLevel(-30)).toBeCloseTo(0.5);
    expect(meterLevel(0)).toBe(1);
    expect(meterLevel(6)).toBe(1);
    expect(meterLevel(Number.NaN)).toBe(0);
  });
});

describe('fallTowards', () => {
  it('rises at once and falls at a steady rate', () => {
    expect(fallTowards(0.2, 0.8, 16)).toBe(0.8);
    expect(fallTowards(0.8, 0, 100)).toBeCloseTo(0.8 - FALL_PER_SECOND * 0.1);
    expect(fallTowards(0.8, 0.75, 100)).toBe(0.75);
    expect(fallTowards(0.1, 0, 1000)).toBe(0);
    expect(fallTowards(0.5, 0, -5)).toBe(0.5);
  });
});
