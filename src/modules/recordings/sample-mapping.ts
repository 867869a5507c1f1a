/**
 * The mapping from a track's sample index to server time. Pure: no Nest, no I/O.
 *
 * An anchor is a chunk's first sample: its index on the track (after assembly) and the server time
 * at which it was captured (its `captureMs` mapped through its clock domain's offset model).
 */
import type { SampleTimeMapping } from '../../games/common/recording.js';
import { fitLine, mean, rms } from './clock-offset.js';

export interface Anchor {
  /** Track sample index of the chunk's first sample. */
  sample: number;
  /** Server time of that sample, Unix ms. */
  serverMs: number;
}

/** `serverMs = refMs + msPerSample × (sample − refSample)` */
export interface SampleLine {
  refSample: number;
  refMs: number;
  msPerSample: number;
}

export const nominalMsPerSample = (sampleRate: number): number => 1000 / sampleRate;

/** Least anchor span (seconds of audio) before a fitted slope is trusted for extrapolation. */
export const MIN_SLOPE_SPAN_S = 10;

/**
 * The line to extrapolate with (placing a later segment): fitted over the anchors when they span at
 * least `MIN_SLOPE_SPAN_S`, else the nominal rate through their mean. Null without anchors.
 */
export function placementLine(anchors: readonly Anchor[], sampleRate: number): SampleLine | null {
  if (anchors.length === 0) return null;
  const xs = anchors.map((a) => a.sample);
  const ys = anchors.map((a) => a.serverMs);
  const span = Math.max(...xs) - Math.min(...xs);
  const line = span >= MIN_SLOPE_SPAN_S * sampleRate ? fitLine(xs, ys) : null;
  if (line) return { refSample: line.meanX, refMs: line.meanY, msPerSample: line.slope };
  return { refSample: mean(xs), refMs: mean(ys), msPerSample: nominalMsPerSample(sampleRate) };
}

export const msAt = (line: SampleLine, sample: number): number =>
  line.refMs + line.msPerSample * (sample - line.refSample);

export const sampleAt = (line: SampleLine, serverMs: number): number =>
  line.refSample + (serverMs - line.refMs) / line.msPerSample;

/**
 * How far the audio clock runs fast (+) or slow (−) against the server clock, in ppm: a fast
 * audio clock makes more samples per server second, so each sample spans fewer server ms.
 */
export function driftPpm(msPerSample: number, sampleRate: number): number {
  return (nominalMsPerSample(sampleRate) / msPerSample - 1) * 1e6;
}

export interface ClockStats {
  clockSamples: number;
  minRttMs: number | null;
}

/**
 * Least-squares fit over every anchor. With a single anchor (or all at one index) the slope is the
 * nominal rate. Null without anchors.
 */
export function fitSampleMapping(
  anchors: readonly Anchor[],
  sampleRate: number,
  clock: ClockStats,
): SampleTimeMapping | null {
  if (anchors.length === 0) return null;
  const xs = anchors.map((a) => a.sample);
  const ys = anchors.map((a) => a.serverMs);
  const fitted = fitLine(xs, ys);
  const line: SampleLine = fitted
    ? { refSample: fitted.meanX, refMs: fitted.meanY, msPerSample: fitted.slope }
    : { refSample: mean(xs), refMs: mean(ys), msPerSample: nominalMsPerSample(sampleRate) };
  const residuals = anchors.map((a) => a.serverMs - msAt(line, a.sample));
  return {
    interceptMs: msAt(line, 0),
    msPerSample: line.msPerSample,
    driftPpm: driftPpm(line.msPerSample, sampleRate),
    anchors: anchors.length,
    rmsResidualMs: rms(residuals),
    maxResidualMs: Math.max(...residuals.map(Math.abs)),
    clockSamples: clock.clockSamples,
    minRttMs: clock.minRttMs,
  };
}
