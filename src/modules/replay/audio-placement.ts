/**
 * Where each audio track goes in a render (pure). A finalized track's `mapping` gives the server
 * time of every sample: `serverMs(s) = interceptMs + msPerSample * s`. The track's sample 0 goes
 * at `interceptMs - zeroMs` on the video's timeline (negative: it started before the episode and
 * its head is trimmed; positive: it is delayed). When the track's clock ran fast or slow against
 * the server's (`msPerSample` off the nominal rate by more than one sample a second), the track
 * is played at its measured rate, so that it stays on the server clock to the end, not just at
 * its start.
 */
import type { SampleTimeMapping } from '../../games/common/recording.js';

export interface TrackToPlace {
  id: string;
  /** What a player shows for the stream, e.g. "T0001 mic". */
  label: string;
  sampleRate: number;
  durationSamples: number;
  mapping: Pick<SampleTimeMapping, 'interceptMs' | 'msPerSample'>;
}

export interface PlacedTrack {
  id: string;
  label: string;
  /** Where the track's first sample goes, ms on the video's timeline. */
  offsetMs: number;
  /** The rate to play the samples at (samples per second of server time), or null: nominal. */
  rate: number | null;
}

/** The track's span on the video's timeline. */
export function trackSpan(track: TrackToPlace, zeroMs: number): { startMs: number; endMs: number } {
  const startMs = track.mapping.interceptMs - zeroMs;
  return { startMs, endMs: startMs + track.durationSamples * track.mapping.msPerSample };
}

/**
 * Places the tracks that overlap the video `[0, durationMs)`; the others are left out. Order is
 * kept (the caller sorts: it becomes the order of the audio streams).
 */
export function placeTracks(
  tracks: readonly TrackToPlace[],
  zeroMs: number,
  durationMs: number,
): PlacedTrack[] {
  const placed: PlacedTrack[] = [];
  for (const track of tracks) {
    const { msPerSample } = track.mapping;
    if (!(msPerSample > 0) || !Number.isFinite(track.mapping.interceptMs)) continue;
    const { startMs, endMs } = trackSpan(track, zeroMs);
    if (endMs <= 0 || startMs >= durationMs) continue;
    const measured = Math.round(1000 / msPerSample);
    placed.push({
      id: track.id,
      label: track.label,
      offsetMs: startMs,
      rate: measured === track.sampleRate ? null : measured,
    });
  }
  return placed;
}
