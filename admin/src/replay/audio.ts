/**
 * Audio placement and sync maths (pure). A track's mapping gives the server time of each of its
 * samples, `serverMs(s) = interceptMs + msPerSample · s`; the WAV's own time of sample `s` is
 * `s / sampleRate` seconds. So at viewer time `t` (server ms) a track plays at
 * `(t − interceptMs) / msPerSample / sampleRate` seconds of its WAV, and before 0 it is silent.
 */
import type { TrackPlacement } from './model';

/** The WAV time (s) that plays at server time `ms`; negative before the track starts. */
export function audioSecondsAt(placement: TrackPlacement, ms: number): number {
  return (ms - placement.interceptMs) / placement.msPerSample / placement.sampleRate;
}

/** The server time (ms) at which WAV time `seconds` plays. */
export function serverMsAt(placement: TrackPlacement, seconds: number): number {
  return placement.interceptMs + seconds * placement.sampleRate * placement.msPerSample;
}

/** Where a track of `durationS` seconds lies on the server clock. */
export function trackSpan(
  placement: TrackPlacement,
  durationS: number,
): { startMs: number; endMs: number } {
  return { startMs: placement.interceptMs, endMs: serverMsAt(placement, durationS) };
}

/** A track whose first sample is at `startMs` and whose clock is exactly nominal. */
export function nominalPlacement(startMs: number, sampleRate: number): TrackPlacement {
  return { interceptMs: startMs, msPerSample: 1000 / sampleRate, sampleRate };
}

/**
 * The media playback rate that keeps a track on the server clock at viewer speed `speed`: a track
 * whose audio clock ran fast has more samples per server second, so it plays a little faster.
 */
export function basePlaybackRate(placement: TrackPlacement, speed: number): number {
  return (speed * 1000) / placement.sampleRate / placement.msPerSample;
}

/** Beyond this error the element is seeked; below it, the playback rate is nudged. */
export const SEEK_THRESHOLD_S = 0.25;
/** Errors smaller than this are left alone (an element's currentTime is coarse). */
export const DEAD_ZONE_S = 0.015;
/** Rate nudge per second of error, and its limit (±5 %: inaudible for speech). */
export const NUDGE_PER_S = 0.5;
export const MAX_NUDGE = 0.05;

export type SyncCommand =
  /** Out of the track (silence) or the viewer is paused: the element should not play. */
  | { kind: 'stop'; seconds: number | null }
  /** Start playing from `seconds` (or jump there) at `playbackRate`. */
  | { kind: 'seek'; seconds: number; playbackRate: number }
  /** Keep playing, at `playbackRate` (nudged to close a small error). */
  | { kind: 'rate'; playbackRate: number };

export interface SyncInput {
  placement: TrackPlacement;
  durationS: number;
  /** The viewer's time, server ms. */
  timeMs: number;
  playing: boolean;
  speed: number;
  /** The element's state. */
  elementSeconds: number;
  elementPlaying: boolean;
}

/**
 * What to do with a track's media element on one tick of the viewer's clock (which is the
 * master): keep it silent outside the track, start it at the right place, and close drift with a
 * proportional rate nudge (seeking only for a large error, which would be audible).
 */
export function syncCommand(input: SyncInput): SyncCommand {
  const expected = audioSecondsAt(input.placement, input.timeMs);
  const inside = expected >= 0 && expected < input.durationS;
  if (!input.playing || !inside) {
    const seconds = Math.min(Math.max(expected, 0), input.durationS);
    return { kind: 'stop', seconds };
  }
  const base = basePlaybackRate(input.placement, input.speed);
  const error = input.elementSeconds - expected;
  if (!input.elementPlaying || Math.abs(error) > SEEK_THRESHOLD_S * Math.max(1, input.speed))
    return { kind: 'seek', seconds: expected, playbackRate: base };
  if (Math.abs(error) < DEAD_ZONE_S) return { kind: 'rate', playbackRate: base };
  const nudge = Math.min(MAX_NUDGE, Math.max(-MAX_NUDGE, error * NUDGE_PER_S));
  return { kind: 'rate', playbackRate: base * (1 - nudge) };
}

/** What a WAV header says. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Sample frames (samples per channel). */
  frames: number;
  durationS: number;
}

const ascii = (view: DataView, at: number) =>
  String.fromCharCode(
    view.getUint8(at),
    view.getUint8(at + 1),
    view.getUint8(at + 2),
    view.getUint8(at + 3),
  );

/**
 * Reads a RIFF/WAVE header (PCM or float, any chunk order) from the file's first bytes. A `data`
 * size that runs past the end of the file (`fileBytes`, default: the bytes given; a stream whose
 * header was never patched) counts the bytes present.
 */
export function readWavInfo(bytes: ArrayBuffer, fileBytes = bytes.byteLength): WavInfo {
  const view = new DataView(bytes);
  if (view.byteLength < 12 || ascii(view, 0) !== 'RIFF' || ascii(view, 8) !== 'WAVE')
    throw new Error('not a WAV file (no RIFF/WAVE header)');
  let at = 12;
  let fmt: { channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  while (at + 8 <= view.byteLength) {
    const id = ascii(view, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > view.byteLength) throw new Error('WAV: fmt chunk too short');
      fmt = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV: data before fmt');
      if (!fmt.sampleRate || !fmt.channels || !fmt.bitsPerSample)
        throw new Error('WAV: fmt chunk has zero rate, channels or sample size');
      const available = Math.min(size, fileBytes - body);
      const frames = Math.floor(available / (fmt.channels * Math.ceil(fmt.bitsPerSample / 8)));
      return { ...fmt, frames, durationS: frames / fmt.sampleRate };
    }
    at = body + size + (size % 2);
  }
  throw new Error('WAV: no data chunk');
}
