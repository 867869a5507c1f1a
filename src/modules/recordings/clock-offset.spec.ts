import { describe, expect, it } from 'vitest';
import {
  clientToServer,
  seededRandom,
  simulatePings,
  type SimulatedClock,
} from '../../../test/support/clock-sim.js';
import { estimateClockOffset, fitLine, groupBursts, mean, toServerMs } from './clock-offset.js';

const CLOCK: SimulatedClock = { offsetMs: 1.23e12 + 4567.8, driftPpm: 25 };

describe('estimateClockOffset', () => {
  it('recovers a known offset and drift from jittered, asymmetric exchanges, ignoring slow bursts', () => {
    const samples = simulatePings(
      CLOCK,
      {
        startClientMs: 5_000,
        bursts: 13,
        burstEveryMs: 10_000,
        pingsPerBurst: 8,
        outlierBursts: [3, 7],
        outlierDelayMs: 120,
      },
      seededRandom(42),
    );
    const model = estimateClockOffset(samples)!;
    expect(model.kind).toBe('linear');
    expect(model.bursts).toBe(13);
    expect(model.burstsUsed).toBeLessThanOrEqual(11); // the two slow bursts are dropped
    expect(model.samplesTotal).toBe(104);
    // Drift error ≈ burst error (~0.2 ms) / span (~2 min): a couple of ppm.
    expect(Math.abs(model.slope * 1e6 - 25)).toBeLessThan(3);
    const error = (t: number) => Math.abs(toServerMs(model, t) - clientToServer(CLOCK, t));
    for (const t of [5_000, 60_000, 125_000]) expect(error(t)).toBeLessThan(0.5);
    expect(error(300_000)).toBeLessThan(1); // extrapolated 3 min past the last ping
  });

  it('would be misled by the slow bursts without the RTT filter', () => {
    const samples = simulatePings(
      CLOCK,
      {
        startClientMs: 0,
        bursts: 6,
        burstEveryMs: 10_000,
        pingsPerBurst: 4,
        outlierBursts: [0, 5],
        outlierDelayMs: 200,
      },
      seededRandom(7),
    );
    const model = estimateClockOffset(samples)!;
    expect(Math.abs(toServerMs(model, 25_000) - clientToServer(CLOCK, 25_000))).toBeLessThan(2);
    const unfiltered = estimateClockOffset(samples, { rttSlackMs: 1e9 })!;
    expect(Math.abs(toServerMs(unfiltered, 0) - clientToServer(CLOCK, 0))).toBeGreaterThan(10);
  });

  it('uses a constant offset from the min-RTT sample when the bursts span less than 30 s', () => {
    const samples = [
      { clientSendMs: 1000, serverMs: 5000 + 1001, clientRecvMs: 1004 }, // rtt 4, offset 5001-1002
      { clientSendMs: 1100, serverMs: 5000 + 1100.5, clientRecvMs: 1101 }, // rtt 1, offset 5000
      { clientSendMs: 9000, serverMs: 5000 + 9003, clientRecvMs: 9002 }, // rtt 2, offset 5002
    ];
    const model = estimateClockOffset(samples)!;
    expect(model).toMatchObject({ kind: 'constant', offsetMs: 5000, slope: 0, minRttMs: 1 });
    expect(model.samplesUsed).toBe(1);
    expect(toServerMs(model, 20_000)).toBe(25_000);
  });

  it('ignores samples that received before they sent, and returns null without usable ones', () => {
    expect(estimateClockOffset([])).toBeNull();
    expect(estimateClockOffset([{ clientSendMs: 10, serverMs: 100, clientRecvMs: 9 }])).toBeNull();
  });

  it('refuses an absurd drift and falls back to a constant offset', () => {
    const samples = [0, 40_000].map((t, i) => ({
      clientSendMs: t,
      serverMs: t + 1000 + i * 100, // 2500 ppm
      clientRecvMs: t,
    }));
    expect(estimateClockOffset(samples)!.kind).toBe('constant');
  });
});

describe('groupBursts', () => {
  const ex = (sendMs: number) => ({ sendMs, midMs: sendMs, offsetMs: 0, rttMs: 1 });
  it('splits on pauses and caps a burst’s length', () => {
    const bursts = groupBursts([0, 100, 200, 5000, 5100].map(ex), {
      burstGapMs: 2000,
      maxBurstMs: 10_000,
    });
    expect(bursts.map((b) => b.length)).toEqual([3, 2]);
    const continuous = groupBursts(
      Array.from({ length: 30 }, (_, i) => ex(i * 1000)),
      { burstGapMs: 2000, maxBurstMs: 10_000 },
    );
    expect(continuous.map((b) => b.length)).toEqual([10, 10, 10]);
  });
});

describe('fitLine and mean', () => {
  it('stay exact at Unix-ms magnitudes', () => {
    const xs = [0, 48_000, 96_000, 144_000];
    const ys = xs.map((x) => 1.7e12 + 0.5 + x * (1000 / 48_000) * (1 - 80e-6));
    const line = fitLine(xs, ys)!;
    // y's precision is one ULP of 1.7e12 (2.4e-4 ms) over a 144000-sample span.
    expect(Math.abs(line.slope / ((1000 / 48_000) * (1 - 80e-6)) - 1)).toBeLessThan(1e-7);
    expect(line.rmsResidual).toBeLessThan(1e-3);
    expect(Math.abs(mean(ys) - (1.7e12 + 0.5 + 1500 * (1 - 80e-6)))).toBeLessThan(3e-4); // 1 ULP
    expect(fitLine([1, 1], [2, 3])).toBeNull();
  });
});
