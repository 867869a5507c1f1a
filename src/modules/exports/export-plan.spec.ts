import { describe, expect, it } from 'vitest';
import {
  type ExportPlan,
  planAudioColumns,
  plannedFileCount,
  type PlannedSession,
  type PlannedTrack,
  sessionFileCount,
  skippedTracks,
  trackInScope,
  trackSkipReason,
} from './export-plan.js';
import type { SummaryEpisode } from './export-summary.js';

const track = (over: Partial<PlannedTrack> = {}): PlannedTrack => ({
  id: 'tr-1',
  participantCode: 'D0001',
  role: 'demonstrator',
  kind: 'mic',
  label: null,
  status: 'finalized',
  wavKey: 'studies/s/sessions/x/recordings/tr-1/tr-1.wav',
  episodeId: null,
  sampleRate: 8000,
  durationSamples: 8000,
  mapping: null,
  error: null,
  ...over,
});

const episode = (id: string): SummaryEpisode => ({
  id,
  sessionId: 'ses',
  index: 0,
  round: null,
  game: 'g',
  status: 'completed',
  outcome: null,
  steps: 1,
  score: 0,
  practice: false,
  verified: null,
  startedAt: new Date(0),
  endedAt: null,
});

const planned = (
  kind: PlannedSession['session']['kind'],
  over: Partial<PlannedSession> = {},
): PlannedSession => ({
  session: { id: 'ses', studyId: 'st', kind, teacherId: null, wizardId: null, demonstratorId: 'd' },
  study: { id: 'st', slug: 'st' },
  participants: ['D0001'],
  episodes: [episode('e1'), episode('e2')],
  tracks: [],
  ...over,
});

describe('trackSkipReason', () => {
  it.each([
    [{ status: 'finalized' }, null],
    [{ status: 'finalized', wavKey: null }, 'finalized without a WAV file'],
    [{ status: 'deleted', wavKey: null }, 'audio deleted'],
    [{ status: 'recording' }, 'still recording: not finalized'],
    [{ status: 'finalizing' }, 'being finalized'],
    [{ status: 'failed', error: 'no chunks' }, 'finalize failed: no chunks'],
  ] as const)('%j -> %j', (over, reason) => {
    expect(trackSkipReason(track(over))).toBe(reason);
  });
});

describe('trackInScope', () => {
  it('keeps session-wide tracks and tracks of episodes in scope', () => {
    expect(trackInScope({ episodeId: null }, new Set(['e1']))).toBe(true);
    expect(trackInScope({ episodeId: 'e1' }, new Set(['e1']))).toBe(true);
    expect(trackInScope({ episodeId: 'e2' }, new Set(['e1']))).toBe(false);
    expect(trackInScope({ episodeId: 'e2' }, null)).toBe(true);
  });
});

describe('planned files', () => {
  const tracks = [
    track(),
    track({ id: 'tr-2', kind: 'game' }),
    track({ id: 'tr-3', status: 'deleted', wavKey: null }),
  ];

  it('counts the JSON, the compat files and the WAVs of a session', () => {
    // Atari: session.json, two files per episode, two WAVs.
    expect(sessionFileCount(planned('atari-demo', { tracks }))).toBe(1 + 4 + 2);
    // RoboTaxi: session.json, compat.json, two WAVs.
    expect(sessionFileCount(planned('woz-robotaxi', { tracks }))).toBe(1 + 1 + 2);
  });

  it('adds summary.csv and manifest.json to the export', () => {
    const plan: ExportPlan = {
      scope: { kind: 'session', sessionId: 'ses' },
      sessions: [planned('atari-demo', { tracks }), planned('woz-robotaxi')],
    };
    expect(plannedFileCount(plan)).toBe(7 + 2 + 2);
    expect(plannedFileCount({ ...plan, sessions: [] })).toBe(2);
    expect(planAudioColumns(plan)).toEqual([
      'audio_s_demonstrator_game',
      'audio_s_demonstrator_mic',
    ]);
  });

  it('lists the tracks left out with their reason', () => {
    expect(skippedTracks(planned('atari-demo', { tracks }))).toEqual([
      {
        sessionId: 'ses',
        trackId: 'tr-3',
        participantCode: 'D0001',
        kind: 'mic',
        label: null,
        status: 'deleted',
        reason: 'audio deleted',
      },
    ]);
  });
});
