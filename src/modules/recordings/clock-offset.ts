/**
 * NTP-style clock offset estimation for one clock domain (one page load's `performance.now()`
 * timebase). Pure: no Nest, no I/O.
 *
 * Each exchange gives `offset ≈ serverMs − (clientSendMs + clientRecvMs) / 2` at client time
 * `(clientSendMs + clientRecvMs) / 2`, wrong by at most half the round trip (by how much the two
 * directions' delays differ). So only the fastest exchanges are trusted: samples are grouped into
 * bursts, each burst keeps its min-RTT sample, and bursts whose best RTT is far above the overall
 * minimum are dropped. With ≥ 2 bursts spanning ≥ 30 s the offset is fitted as a line in client
 * time (the client clock drifts against the server's); otherwise it is the one min-RTT sample's.
 */
import type { ClockSample } from '../../games/common/recording.js';

export interface ClockOffsetOptions {
  /** A pause of at least this long between two sends starts a new burst. */
  burstGapMs: number;
  /** A burst never spans more than this (continuous pinging is cut into bursts). */
  maxBurstMs: number;
  /** Bursts whose best RTT exceeds `minRtt + max(rttSlackMs, rttSlackRatio × minRtt)` are dropped. */
  rttSlackMs: number;
  rttSlackRatio: number;
  /** Least client-time span of the kept bursts for a drift (linear) fit. */
  minDriftSpanMs: number;
  /** A fitted drift beyond this is not believed (a constant offset is used instead). */
  maxDriftPpm: number;
}

export const DEFAULT_CLOCK_OFFSET_OPTIONS: ClockOffsetOptions = {
  burstGapMs: 2000,
  maxBurstMs: 10_000,
  rttSlackMs: 2,
  rttSlackRatio: 0.5,
  minDriftSpanMs: 30_000,
  maxDriftPpm: 500,
};

/** `offset(clientMs) = offsetMs + slope × (clientMs − refClientMs)`; server = client + offset. */
export interface ClockOffsetModel {
  kind: 'constant' | 'linear';
  refClientMs: number;
  offsetMs: number;
  /** d(offset)/d(clientMs): how much faster the server clock runs than the client's (ppm × 1e-6). */
  slope: number;
  /** Samples the estimate rests on (the kept bursts' best), and all samples offered. */
  samplesUsed: number;
  samplesTotal: number;
  bursts: number;
  burstsUsed: number;
  minRttMs: number;
  /** RMS of the kept samples' residuals against the model, ms. */
  rmsResidualMs: number;
}

interface Exchange {
  midMs: number;
  offsetMs: number;
  rttMs: number;
  sendMs: number;
}

const toExchange = (s: ClockSample): Exchange => ({
  midMs: (s.clientSendMs + s.clientRecvMs) / 2,
  offsetMs: s.serverMs - (s.clientSendMs + s.clientRecvMs) / 2,
  rttMs: s.clientRecvMs - s.clientSendMs,
  sendMs: s.clientSendMs,
});

const isUsable = (s: ClockSample): boolean =>
  Number.isFinite(s.clientSendMs) &&
  Number.isFinite(s.serverMs) &&
  Number.isFinite(s.clientRecvMs) &&
  s.clientRecvMs >= s.clientSendMs;

/** Groups exchanges (sorted by send time) into bursts. */
export function groupBursts(
  exchanges: readonly Exchange[],
  opts: Pick<ClockOffsetOptions, 'burstGapMs' | 'maxBurstMs'>,
): Exchange[][] {
  const sorted = [...exchanges].sort((a, b) => a.sendMs - b.sendMs);
  const bursts: Exchange[][] = [];
  let current: Exchange[] = [];
  for (const e of sorted) {
    const first = current[0];
    const last = current[current.length - 1];
    if (
      first &&
      (e.sendMs - last.sendMs >= opts.burstGapMs || e.sendMs - first.sendMs >= opts.maxBurstMs)
    ) {
      bursts.push(current);
      current = [];
    }
    current.push(e);
  }
  if (current.length) bursts.push(current);
  return bursts;
}

const best = (burst: readonly Exchange[]): Exchange =>
  burst.reduce((a, b) => (b.rttMs < a.rttMs ? b : a));

/** The clock offset model of one clock domain, or null without usable samples. */
export function estimateClockOffset(
  samples: readonly ClockSample[],
  options: Partial<ClockOffsetOptions> = {},
): ClockOffsetModel | null {
  const opts = { ...DEFAULT_CLOCK_OFFSET_OPTIONS, ...options };
  const exchanges = samples.filter(isUsable).map(toExchange);
  if (exchanges.length === 0) return null;
  const bursts = groupBursts(exchanges, opts);
  const bests = bursts.map(best);
  const minRtt = Math.min(...bests.map((b) => b.rttMs));
  const limit = minRtt + Math.max(opts.rttSlackMs, opts.rttSlackRatio * minRtt);
  const kept = bests.filter((b) => b.rttMs <= limit).sort((a, b) => a.midMs - b.midMs);
  const base = {
    samplesTotal: exchanges.length,
    bursts: bursts.length,
    burstsUsed: kept.length,
    minRttMs: minRtt,
  };
  const span = kept.length ? kept[kept.length - 1].midMs - kept[0].midMs : 0;
  if (kept.length >= 2 && span >= opts.minDriftSpanMs) {
    const line = fitLine(
      kept.map((k) => k.midMs),
      kept.map((k) => k.offsetMs),
    );
    if (line && Math.abs(line.slope) * 1e6 <= opts.maxDriftPpm) {
      return {
        kind: 'linear',
        refClientMs: line.meanX,
        offsetMs: line.meanY,
        slope: line.slope,
        samplesUsed: kept.length,
        rmsResidualMs: line.rmsResidual,
        ...base,
      };
    }
  }
  const one = bests.reduce((a, b) => (b.rttMs < a.rttMs ? b : a));
  const residuals = kept.map((k) => k.offsetMs - one.offsetMs);
  return {
    kind: 'constant',
    refClientMs: one.midMs,
    offsetMs: one.offsetMs,
    slope: 0,
    samplesUsed: 1,
    rmsResidualMs: rms(residuals),
    ...base,
  };
}

/** Server time (ms) of a client time of the model's clock domain. */
export function toServerMs(model: ClockOffsetModel, clientMs: number): number {
  return clientMs + model.offsetMs + model.slope * (clientMs - model.refClientMs);
}

export function rms(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
}

export interface FittedLine {
  meanX: number;
  meanY: number;
  slope: number;
  rmsResidual: number;
  maxResidual: number;
}

/**
 * Ordinary least squares `y = meanY + slope × (x − meanX)`, on centred values so that large
 * magnitudes (Unix ms ≈ 1.7e12) lose no precision. Null when x does not vary.
 */
export function fitLine(xs: readonly number[], ys: readonly number[]): FittedLine | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const meanX = mean(xs);
  const meanY = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - meanX;
    sxx += dx * dx;
    sxy += dx * (ys[i] - meanY);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const residuals = xs.map((x, i) => ys[i] - meanY - slope * (x - meanX));
  return {
    meanX,
    meanY,
    slope,
    rmsResidual: rms(residuals),
    maxResidual: Math.max(...residuals.map(Math.abs)),
  };
}

/** Mean by a first value as origin, so that ~1e12 magnitudes keep sub-µs precision. */
export function mean(values: readonly number[]): number {
  const origin = values[0];
  let sum = 0;
  for (const v of values) sum += v - origin;
  return origin + sum / values.length;
}
