/**
 * `summary.csv` of an export (pure): one row per episode, with one `audio_s_<role>_<kind>` column
 * per kind of track found in the export (e.g. `audio_s_teacher_mic`, `audio_s_demonstrator_game`).
 *
 * An audio cell holds the seconds of audio of that role and kind that overlap the episode:
 * - a track recorded for this episode (its `episodeId`) counts whole;
 * - a session-wide track counts the part of its span (placed on the server clock by its fitted
 *   sample → server-time mapping) that lies between the episode's start and end;
 * - tracks of another episode count nothing.
 * The cell is empty when the session has no finalized track of that role and kind that could
 * cover the episode, or when one of them cannot be placed in time (no mapping).
 */
import { safeName } from './export-names.js';

export type TrackRole = 'teacher' | 'wizard' | 'demonstrator' | 'participant';

export interface SummaryStudy {
  id: string;
  slug: string;
}

export interface SummarySession {
  id: string;
  teacherId: string | null;
  wizardId: string | null;
  demonstratorId: string | null;
}

export interface SummaryEpisode {
  id: string;
  sessionId: string;
  index: number;
  round: number | null;
  game: string;
  status: string;
  outcome: string | null;
  /** RoboTaxi steps or Atari frames. */
  steps: number;
  score: number;
  practice: boolean;
  verified: boolean | null;
  startedAt: Date;
  endedAt: Date | null;
}

/** A finalized track, as far as the summary needs it. */
export interface SummaryTrack {
  kind: string;
  role: TrackRole;
  episodeId: string | null;
  sampleRate: number;
  durationSamples: number | null;
  mapping: { interceptMs: number; msPerSample: number } | null;
}

export const BASE_COLUMNS = [
  'study_id',
  'study',
  'session_id',
  'episode_id',
  'episode_index',
  'round',
  'participants',
  'game',
  'start',
  'duration_s',
  'steps_or_frames',
  'score',
  'outcome',
  'status',
  'practice',
  'verified',
] as const;

export type SummaryRow = Record<string, string>;

/** Who a track belongs to in its session. */
export function trackRole(session: SummarySession, participantId: string): TrackRole {
  if (participantId === session.teacherId) return 'teacher';
  if (participantId === session.wizardId) return 'wizard';
  if (participantId === session.demonstratorId) return 'demonstrator';
  return 'participant';
}

export const audioColumn = (role: TrackRole, kind: string): string =>
  `audio_s_${role}_${safeName(kind) || 'track'}`;

/** The audio columns of a set of tracks, sorted (so the header is stable). */
export function audioColumns(tracks: Iterable<Pick<SummaryTrack, 'role' | 'kind'>>): string[] {
  return [...new Set([...tracks].map((t) => audioColumn(t.role, t.kind)))].sort();
}

export const summaryColumns = (audio: readonly string[]): string[] => [...BASE_COLUMNS, ...audio];

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Seconds of `track` that belong to `episode`: `null` when unknown (a session-wide track
 * without a mapping, or without a length), 0 when it belongs to another episode.
 */
export function audioSecondsIn(episode: SummaryEpisode, track: SummaryTrack): number | null {
  if (track.episodeId !== null && track.episodeId !== episode.id) return 0;
  if (track.durationSamples === null || track.sampleRate <= 0) return null;
  if (track.episodeId === episode.id) return track.durationSamples / track.sampleRate;
  if (!track.mapping) return null;
  const start = track.mapping.interceptMs;
  const end = start + track.mapping.msPerSample * track.durationSamples;
  const from = Math.max(start, episode.startedAt.getTime());
  const to = Math.min(end, episode.endedAt?.getTime() ?? Infinity);
  return Math.max(0, to - from) / 1000;
}

const text = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined ? '' : String(v);

/** One CSV row; every cell a string (csv-stringify would write `true` as `1`). */
export function summaryRow(
  study: SummaryStudy,
  participants: readonly string[],
  episode: SummaryEpisode,
  tracks: readonly SummaryTrack[],
  columns: readonly string[],
): SummaryRow {
  const durationMs = episode.endedAt
    ? episode.endedAt.getTime() - episode.startedAt.getTime()
    : null;
  const row: SummaryRow = {
    study_id: study.id,
    study: study.slug,
    session_id: episode.sessionId,
    episode_id: episode.id,
    episode_index: text(episode.index),
    round: text(episode.round),
    participants: participants.join(';'),
    game: episode.game,
    start: episode.startedAt.toISOString(),
    duration_s: durationMs === null ? '' : text(round3(durationMs / 1000)),
    steps_or_frames: text(episode.steps),
    score: text(episode.score),
    outcome: text(episode.outcome),
    status: episode.status,
    practice: text(episode.practice),
    verified: text(episode.verified),
  };
  for (const column of columns.slice(BASE_COLUMNS.length)) {
    const covering = tracks.filter(
      (t) =>
        audioColumn(t.role, t.kind) === column &&
        (t.episodeId === null || t.episodeId === episode.id),
    );
    const seconds = covering.map((t) => audioSecondsIn(episode, t));
    row[column] =
      covering.length === 0 || seconds.some((s) => s === null)
        ? ''
        : text(round3(seconds.reduce<number>((sum, s) => sum + (s ?? 0), 0)));
  }
  return row;
}
