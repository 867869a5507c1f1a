/**
 * NTP-style offset estimation between this page's `performance.now()` and the server clock.
 * Pure functions over the samples, so that the statistics are unit-tested without timers.
 *
 * For one exchange sent at `s` and answered at `r` (client ms) with the server's `S` (server ms),
 * `offset = S − (s + r)/2` is exact when both legs of the round trip took equally long; otherwise
 * it is off by half their difference, which is at most half the round trip `rtt = r − s`. So the
 * exchanges with the smallest round trip are the trustworthy ones (NTP's "minimum filter").
 *
 * - Constant estimate: the offset of the min-RTT sample among the recent bursts.
 * - Drift: a page can stay open for an hour and its clock can run tens of ppm off the server's
 *   (50 ppm = 3 ms in a minute). Once the recent bursts whose best round trip is close to the
 *   minimum span at least `fitMinSpanMs` (60 s), the estimate is a least-squares line through
 *   their best samples, `offset(t) = a + b·t`, with the slope clamped to ±`maxDriftPpm`.
 */
import type { ClockSample } from '../../../src/games/common/recording';

export interface BurstSample extends ClockSample {
  /** Which burst (0, 1, 2, ...) the exchange belonged to. */
  burst: number;
}

export interface EstimatorOptions {
  /** How many of the latest bursts count as "recent" (default 20: ~10 min at one per 30 s). */
  recentBursts: number;
  /** Fit a drift line only over bursts spanning at least this long (default 60 s). */
  fitMinSpanMs: number;
  /** Bound on the fitted drift (default 500 ppm: real clocks are within ~100). */
  maxDriftPpm: number;
}

export const DEFAULT_ESTIMATOR_OPTIONS: EstimatorOptions = {
  recentBursts: 20,
  fitMinSpanMs: 60_000,
  maxDriftPpm: 500,
};

export interface ClockEstimate {
  kind: 'constant' | 'linear';
  /** Offset (server − client, ms) at client time `referenceMs`... */
  offsetMs: number;
  referenceMs: number;
  /** ...changing by this much per client ms (0 for a constant estimate). */
  slope: number;
  /** Smallest round trip among the recent samples: the error bound is about half of it. */
  minRttMs: number;
  /** Samples the estimate looked at. */
  samples: number;
}

export function rttOf(sample: ClockSample): number {
  return sample.clientRecvMs - sample.clientSendMs;
}

export function offsetOf(sample: ClockSample): number {
  return sample.serverMs - (sample.clientSendMs + sample.clientRecvMs) / 2;
}

export function midpointOf(sample: ClockSample): number {
  return (sample.clientSendMs + sample.clientRecvMs) / 2;
}

/** Offset (server − client, ms) at client time `clientMs` by an estimate. */
export function offsetAt(estimate: ClockEstimate, clientMs: number): number {
  return estimate.offsetMs + estimate.slope * (clientMs - estimate.referenceMs);
}

/** The best (min-RTT) sample of each burst, in burst order. */
export function bestPerBurst(samples: readonly BurstSample[]): BurstSample[] {
  const best = new Map<number, BurstSample>();
  for (const sample of samples) {
    if (!(rttOf(sample) >= 0)) continue; // A clock step backwards or garbage: skip.
    const current = best.get(sample.burst);
    if (!current || rttOf(sample) < rttOf(current)) best.set(sample.burst, sample);
  }
  return [...best.values()].sort((a, b) => a.burst - b.burst);
}

/** The estimate from all samples so far, or null before the first one. */
export function estimateClock(
  samples: readonly BurstSample[],
  options: EstimatorOptions = DEFAULT_ESTIMATOR_OPTIONS,
): ClockEstimate | null {
  const bests = bestPerBurst(samples).slice(-options.recentBursts);
  if (bests.length === 0) return null;
  let minimum = bests[0];
  for (const sample of bests) if (rttOf(sample) < rttOf(minimum)) minimum = sample;
  const minRttMs = rttOf(minimum);

  // Bursts whose best exchange was not much slower than the best one (a congested burst would
  // bend the line by up to half its round trip).
  const tolerance = Math.max(2, minRttMs);
  const good = bests.filter((sample) => rttOf(sample) <= minRttMs + tolerance);
  const span = good.length >= 2 ? midpointOf(good[good.length - 1]) - midpointOf(good[0]) : 0;
  const constant: ClockEstimate = {
    kind: 'constant',
    offsetMs: offsetOf(minimum),
    referenceMs: midpointOf(minimum),
    slope: 0,
    minRttMs,
    samples: samples.length,
  };
  if (span < options.fitMinSpanMs) return constant;

  const fit = fitLine(good.map(midpointOf), good.map(offsetOf));
  const maxSlope = options.maxDriftPpm * 1e-6;
  const slope = Math.min(maxSlope, Math.max(-maxSlope, fit.slope));
  // Keep the line through the centroid when the slope was clamped.
  return {
    kind: 'linear',
    offsetMs: fit.meanY,
    referenceMs: fit.meanX,
    slope,
    minRttMs,
    samples: samples.length,
  };
}

/** Ordinary least squares `y = meanY + slope·(x − meanX)`. */
export function fitLine(
  xs: readonly number[],
  ys: readonly number[],
): { meanX: number; meanY: number; slope: number } {
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - meanX) ** 2;
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
  }
  return { meanX, meanY, slope: sxx > 0 ? sxy / sxx : 0 };
}
