/**
 * What an export will write (pure): the sessions, the episodes in scope and the tracks, all
 * resolved and access-checked before the first byte of the ZIP is sent.
 */
import type { StudyKind } from '../../games/common/api.js';
import type { ExportScope } from './export-names.js';
import type { SkippedTrack } from './export-manifest.js';
import {
  audioColumns,
  type SummaryEpisode,
  type SummarySession,
  type SummaryStudy,
  type SummaryTrack,
  type TrackRole,
} from './export-summary.js';

/** Most ids a selection export takes, per list. */
export const MAX_SELECTION_IDS = 1000;

export interface PlannedTrack {
  id: string;
  participantCode: string;
  role: TrackRole;
  kind: string;
  label: string | null;
  status: string;
  wavKey: string | null;
  episodeId: string | null;
  sampleRate: number;
  durationSamples: number | null;
  mapping: SummaryTrack['mapping'];
  error: string | null;
}

export interface PlannedSession {
  session: SummarySession & { kind: StudyKind; studyId: string };
  study: SummaryStudy;
  /** Participant codes (T0001;W0001, D0001). */
  participants: string[];
  /** The episodes in scope, by index. */
  episodes: SummaryEpisode[];
  /** The session's tracks in scope, finalized or not (see `trackSkipReason`). */
  tracks: PlannedTrack[];
}

export interface ExportPlan {
  scope: ExportScope;
  sessions: PlannedSession[];
  /** The study's slug when every session is of one study (for the file name). */
  studySlug?: string;
}

/** Why a track's audio is not exported, or null when its WAV is. */
export function trackSkipReason(
  t: Pick<PlannedTrack, 'status' | 'wavKey' | 'error'>,
): string | null {
  switch (t.status) {
    case 'finalized':
      return t.wavKey ? null : 'finalized without a WAV file';
    case 'deleted':
      return 'audio deleted';
    case 'recording':
      return 'still recording: not finalized';
    case 'finalizing':
      return 'being finalized';
    case 'failed':
      return `finalize failed${t.error ? `: ${t.error}` : ''}`;
    default:
      return `status ${t.status}`;
  }
}

/** A track is in scope when it is session-wide or belongs to an episode in scope. */
export function trackInScope(
  t: Pick<PlannedTrack, 'episodeId'>,
  episodeIds: ReadonlySet<string> | null,
): boolean {
  return t.episodeId === null || episodeIds === null || episodeIds.has(t.episodeId);
}

export const exportedTracks = (s: PlannedSession) =>
  s.tracks.filter((t) => trackSkipReason(t) === null);

export function skippedTracks(s: PlannedSession): SkippedTrack[] {
  return s.tracks.flatMap((t) => {
    const reason = trackSkipReason(t);
    return reason === null
      ? []
      : [
          {
            sessionId: s.session.id,
            trackId: t.id,
            participantCode: t.participantCode,
            kind: t.kind,
            label: t.label,
            status: t.status,
            reason,
          },
        ];
  });
}

/** Entries the session adds: its JSON, the compat file(s), its WAVs. */
export function sessionFileCount(s: PlannedSession): number {
  const compat = s.session.kind === 'atari-demo' ? 2 * s.episodes.length : 1;
  return 1 + compat + exportedTracks(s).length;
}

/** Entries planned: every session's, `summary.csv` and `manifest.json` (not `errors.txt`). */
export const plannedFileCount = (plan: ExportPlan): number =>
  plan.sessions.reduce((n, s) => n + sessionFileCount(s), 0) + 2;

/** The summary's audio columns: one per role and kind of exported track. */
export const planAudioColumns = (plan: ExportPlan): string[] =>
  audioColumns(plan.sessions.flatMap(exportedTracks));
