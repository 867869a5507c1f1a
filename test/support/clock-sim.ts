/**
 * Simulated clocks for the recordings specs and integration tests: a seeded RNG and NTP-style
 * exchanges with jittered, asymmetric delays. Pure; test-only.
 */
import type { ClockSample } from '../../src/games/common/recording.js';

/** mulberry32: a small seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A client clock: `serverMs = clientMs + offsetMs + driftPpm·1e-6 × (clientMs − refClientMs)`. */
export interface SimulatedClock {
  offsetMs: number;
  /** How much faster the server clock runs than the client's, ppm. */
  driftPpm: number;
  /** Client time at which the offset is exactly `offsetMs` (default 0). */
  refClientMs?: number;
}

export const clientToServer = (c: SimulatedClock, clientMs: number): number =>
  clientMs + c.offsetMs + c.driftPpm * 1e-6 * (clientMs - (c.refClientMs ?? 0));

export const serverToClient = (c: SimulatedClock, serverMs: number): number => {
  const ref = c.refClientMs ?? 0;
  return ref + (serverMs - c.offsetMs - ref) / (1 + c.driftPpm * 1e-6);
};

export interface PingPlan {
  /** Client time of the first ping, ms. */
  startClientMs: number;
  bursts: number;
  burstEveryMs: number;
  pingsPerBurst: number;
  /** Bursts (by index) whose every ping is delayed by `outlierDelayMs` on the way up. */
  outlierBursts?: number[];
  outlierDelayMs?: number;
  /** Mean extra delays, exponentially distributed: asymmetric by default (up slower). */
  meanUpMs?: number;
  meanDownMs?: number;
  minOneWayMs?: number;
}

/** NTP-style exchanges as a client would record them. */
export function simulatePings(
  clock: SimulatedClock,
  plan: PingPlan,
  random: () => number,
): ClockSample[] {
  const exp = (m: number) => -Math.log(1 - random()) * m;
  const base = plan.minOneWayMs ?? 0.15;
  const samples: ClockSample[] = [];
  for (let b = 0; b < plan.bursts; b++) {
    const outlier = plan.outlierBursts?.includes(b) ? (plan.outlierDelayMs ?? 150) : 0;
    for (let i = 0; i < plan.pingsPerBurst; i++) {
      const clientSendMs = plan.startClientMs + b * plan.burstEveryMs + i * 50 + random() * 5;
      const up = base + outlier + exp(plan.meanUpMs ?? 3);
      const down = base + exp(plan.meanDownMs ?? 0.8);
      const serverMs = clientToServer(clock, clientSendMs + up);
      samples.push({ clientSendMs, serverMs, clientRecvMs: clientSendMs + up + down });
    }
  }
  return samples;
}
