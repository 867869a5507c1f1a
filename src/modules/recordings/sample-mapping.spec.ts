import { describe, expect, it } from 'vitest';
import { driftPpm, fitSampleMapping, placementLine, sampleAt } from './sample-mapping.js';

const RATE = 48_000;
const T0 = 1.7e12 + 1234.567;

describe('fitSampleMapping', () => {
  it('recovers intercept and a +80 ppm audio clock from jittered anchors', () => {
    const msPerSample = 1000 / (RATE * (1 + 80e-6)); // fast audio clock: more samples per second
    let seed = 1;
    const jitter = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647 - 0.5) * 0.6; // ±0.3 ms
    };
    const anchors = Array.from({ length: 120 }, (_, i) => ({
      sample: i * RATE,
      serverMs: T0 + i * RATE * msPerSample + jitter(),
    }));
    const m = fitSampleMapping(anchors, RATE, { clockSamples: 12, minRttMs: 0.4 })!;
    expect(Math.abs(m.interceptMs - T0)).toBeLessThan(0.2);
    expect(m.driftPpm).toBeCloseTo(80, 0);
    expect(Math.abs(m.msPerSample / msPerSample - 1)).toBeLessThan(1e-6);
    expect(m.anchors).toBe(120);
    expect(m.rmsResidualMs).toBeGreaterThan(0.1);
    expect(m.rmsResidualMs).toBeLessThan(0.3);
    expect(m.maxResidualMs).toBeLessThanOrEqual(0.31);
    expect(m).toMatchObject({ clockSamples: 12, minRttMs: 0.4 });
  });

  it('uses the nominal rate with one anchor and returns null with none', () => {
    const m = fitSampleMapping([{ sample: 4800, serverMs: T0 + 100 }], RATE, {
      clockSamples: 1,
      minRttMs: 1,
    })!;
    expect(m.interceptMs).toBeCloseTo(T0, 6);
    expect(m.driftPpm).toBeCloseTo(0, 6);
    expect(m.rmsResidualMs).toBe(0);
    expect(fitSampleMapping([], RATE, { clockSamples: 0, minRttMs: null })).toBeNull();
  });
});

describe('placementLine', () => {
  it('extrapolates with the nominal rate until the anchors span 10 s, then with the fit', () => {
    const fast = 1000 / (RATE * 1.001); // 1000 ppm fast, to make the difference visible
    const short = [0, 1, 2].map((i) => ({ sample: i * RATE, serverMs: T0 + i * RATE * fast }));
    const nominal = placementLine(short, RATE)!;
    expect(nominal.msPerSample).toBe(1000 / RATE);
    const long = Array.from({ length: 20 }, (_, i) => ({
      sample: i * RATE,
      serverMs: T0 + i * RATE * fast,
    }));
    const fitted = placementLine(long, RATE)!;
    expect(Math.abs(fitted.msPerSample / fast - 1)).toBeLessThan(1e-8);
    expect(Math.abs(sampleAt(fitted, T0 + 100 * RATE * fast) - 100 * RATE)).toBeLessThan(0.05);
    expect(placementLine([], RATE)).toBeNull();
  });

  it('reports drift with the sign of the audio clock', () => {
    expect(driftPpm(1000 / (RATE * (1 + 50e-6)), RATE)).toBeCloseTo(50, 6);
    expect(driftPpm(1000 / (RATE * (1 - 50e-6)), RATE)).toBeCloseTo(-50, 6);
  });
});
