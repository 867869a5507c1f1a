/** Placing dropped files in the standalone viewer (pure). */
import { nominalPlacement } from './audio';
import type { LoggedTrack, Replay, TrackPlacement } from './model';

/** The placement choice "the WAV starts with the log's first step or frame". */
export const AT_FIRST_POSITION = 'first';

export type DroppedKind = 'log' | 'rom' | 'audio';

/** What a dropped file is, by its name and type; null when we cannot tell. */
export function classifyFile(file: { name: string; type: string }): DroppedKind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json') || file.type === 'application/json') return 'log';
  if (name.endsWith('.wav') || file.type === 'audio/wav' || file.type === 'audio/x-wav')
    return 'audio';
  if (name.endsWith('.bin') || name.endsWith('.a26') || name.endsWith('.rom')) return 'rom';
  return null;
}

/** When the log's first step or frame appeared (server ms). */
export function firstPositionMs(replay: Replay): number {
  switch (replay.kind) {
    case 'robotaxi':
      return Math.min(...replay.episodes.map((e) => e.frames[0].ms));
    case 'atari':
      return replay.times[0];
  }
}

/** The log's tracks that say where they start. */
export const placedTracks = (replay: Replay): LoggedTrack[] =>
  replay.tracks.filter((t) => t.placement !== null);

/**
 * Where a dropped WAV goes by default: the logged track whose id its name contains (our WAV
 * downloads are named `T0001-mic-<track id>.wav`), else the log's first track with a start time
 * (the researcher can pick another), else the first step or frame.
 */
export function defaultPlacementChoice(fileName: string, replay: Replay): string {
  const placed = placedTracks(replay);
  const named = placed.find((t) => fileName.includes(t.id));
  return (named ?? placed[0])?.id ?? AT_FIRST_POSITION;
}

/**
 * A dropped WAV's placement: a logged track's mapping (scaled if the WAV's rate differs from the
 * logged one, so that one WAV second still spans the same server time), or nominal from the
 * first step or frame; then shifted by `shiftMs`.
 */
export function droppedPlacement(
  choice: string,
  wavSampleRate: number,
  replay: Replay,
  shiftMs = 0,
): TrackPlacement {
  const logged = placedTracks(replay).find((t) => t.id === choice)?.placement;
  const base = logged
    ? {
        interceptMs: logged.interceptMs,
        msPerSample: (logged.msPerSample * logged.sampleRate) / wavSampleRate,
        sampleRate: wavSampleRate,
      }
    : nominalPlacement(firstPositionMs(replay), wavSampleRate);
  return { ...base, interceptMs: base.interceptMs + (Number.isFinite(shiftMs) ? shiftMs : 0) };
}
