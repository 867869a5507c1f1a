import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ClockSample } from '../../../src/games/common/recording';
import { estimateClock, offsetAt, offsetOf, type BurstSample } from './clock-estimator';
import { ClockSync, type ClockTransport } from './clock-sync';

/** A small deterministic PRNG (mulberry32) so that the jitter is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One exchange sent at client time `send`, legs of `up` and `down` ms, server offset `offset(t)`. */
function exchange(
  send: number,
  up: number,
  down: number,
  offset: (clientMs: number) => number,
  burst: number,
): BurstSample {
  const arrival = send + up;
  return {
    clientSendMs: send,
    serverMs: arrival + offset(arrival),
    clientRecvMs: arrival + down,
    burst,
  };
}

describe('estimateClock', () => {
  it('recovers a known offset from jittered, asymmetric exchanges', () => {
    const rand = random(7);
    const offset = () => 1_234.5;
    const samples: BurstSample[] = [];
    for (let i = 0; i < 8; i++) {
      // The uplink is slower and noisier than the downlink: the mean offset is biased.
      samples.push(exchange(1_000 + i * 50, 8 + rand() * 40, 3 + rand() * 6, offset, 0));
    }
    samples.push(exchange(1_500, 2.2, 2.0, offset, 0)); // One quiet moment.
    const estimate = estimateClock(samples)!;
    expect(estimate.kind).toBe('constant');
    expect(Math.abs(offsetAt(estimate, 2_000) - 1_234.5)).toBeLessThan(0.2);
    expect(estimate.minRttMs).toBeCloseTo(4.2, 9);
    // The average of all exchanges is several ms off: the test can tell the difference.
    const mean = samples.reduce((sum, s) => sum + offsetOf(s), 0) / samples.length;
    expect(Math.abs(mean - 1_234.5)).toBeGreaterThan(5);
  });

  it('prefers the min-RTT sample over the majority', () => {
    const samples: BurstSample[] = [
      { clientSendMs: 0, serverMs: 1_050, clientRecvMs: 40, burst: 0 }, // offset 1030, rtt 40
      { clientSendMs: 100, serverMs: 1_152, clientRecvMs: 140, burst: 0 }, // offset 1032
      { clientSendMs: 200, serverMs: 1_201.5, clientRecvMs: 203, burst: 1 }, // offset 1000, rtt 3
      { clientSendMs: 300, serverMs: 1_351, clientRecvMs: 338, burst: 1 }, // offset 1032
    ];
    const estimate = estimateClock(samples)!;
    expect(offsetAt(estimate, 400)).toBe(1_000);
    expect(estimate.minRttMs).toBe(3);
  });

  it('follows drift with a line once the bursts span a minute', () => {
    const rand = random(11);
    const ppm = 80;
    const offset = (t: number) => 500 + t * ppm * 1e-6;
    const samples: BurstSample[] = [];
    for (let burst = 0; burst <= 20; burst++) {
      const start = 10_000 + burst * 30_000;
      for (let i = 0; i < 3; i++) {
        const up = i === 0 ? 1 + rand() * 0.2 : 5 + rand() * 30;
        const down = i === 0 ? 1 + rand() * 0.2 : 1 + rand() * 5;
        samples.push(exchange(start + i * 50, up, down, offset, burst));
      }
    }
    const estimate = estimateClock(samples)!;
    expect(estimate.kind).toBe('linear');
    const end = 10_000 + 20 * 30_000;
    expect(Math.abs(offsetAt(estimate, end) - offset(end))).toBeLessThan(0.3);
    expect(estimate.slope * 1e6).toBeCloseTo(ppm, 0);
    // A constant estimate would be off by up to the whole drift over the window (~48 ms).
    expect(offset(end) - offset(10_000)).toBeGreaterThan(40);
  });

  it('stays constant while the bursts span less than a minute', () => {
    const offset = (t: number) => 500 + t * 100e-6;
    const samples = [0, 1].map((burst) => exchange(burst * 30_000, 1, 1, offset, burst));
    expect(estimateClock(samples)!.kind).toBe('constant');
    expect(estimateClock([])).toBeNull();
  });
});

describe('ClockSync', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A server `offsetMs` ahead of `Date.now()`, answering after `up` ms, received `down` later. */
  function fakeServer(offsetMs: number, up = 2, down = 2) {
    const pings: number[] = [];
    const transport: ClockTransport = {
      ping: (clientSendMs) => {
        pings.push(clientSendMs);
        return new Promise((resolve) => {
          setTimeout(() => {
            const serverMs = Date.now() + offsetMs;
            setTimeout(() => resolve({ serverMs }), down);
          }, up);
        });
      },
    };
    return { transport, pings };
  }

  it('runs a first burst of 8, then bursts of 3 every 30 s, and hands over every sample', async () => {
    vi.useFakeTimers();
    const server = fakeServer(10_000);
    const handed: ClockSample[] = [];
    const sync = new ClockSync({
      transport: server.transport,
      clockId: 'page-1',
      now: () => Date.now(),
      timeOrigin: 0,
      onSamples: (samples) => handed.push(...samples),
    }).start();
    expect(sync.synced).toBe(false);
    expect(sync.serverTimeOf(123)).toBe(123); // timeOrigin + p before any answer.

    await vi.advanceTimersByTimeAsync(1_000);
    await expect(sync.ready).resolves.toBeUndefined();
    expect(server.pings).toHaveLength(8);
    // ~50 ms apart (plus the round trip).
    expect(server.pings[1] - server.pings[0]).toBeGreaterThanOrEqual(50);
    expect(handed).toHaveLength(8);
    expect(sync.offsetMs).toBeCloseTo(10_000, 6);
    expect(sync.minRttMs).toBe(4);
    expect(sync.serverTimeOf(Date.now())).toBeCloseTo(Date.now() + 10_000, 6);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.pings).toHaveLength(11);
    expect(handed).toHaveLength(11);
    expect(sync.samples.map((s) => s.clientSendMs)).toEqual(server.pings);
    sync.stop();
  });

  it('retries a burst that got no answer sooner than the interval', async () => {
    vi.useFakeTimers();
    let up = false;
    const transport: ClockTransport = {
      ping: () =>
        up ? Promise.resolve({ serverMs: Date.now() }) : Promise.reject(new Error('down')),
    };
    const sync = new ClockSync({ transport, now: () => Date.now(), retryMs: 1_000 }).start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sync.synced).toBe(false);
    up = true;
    await vi.advanceTimersByTimeAsync(3_000); // Retries after 1 s, then 2 s: not 30 s.
    expect(sync.synced).toBe(true);
    sync.stop();
  });
});
