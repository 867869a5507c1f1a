import { describe, expect, it } from 'vitest';
import {
  audioColumns,
  audioSecondsIn,
  BASE_COLUMNS,
  type SummaryEpisode,
  summaryColumns,
  summaryRow,
  type SummaryTrack,
  trackRole,
} from './export-summary.js';

const T0 = Date.parse('2025-01-01T10:00:00Z');
const study = { id: 'study-1', slug: 'taxi' };

const episode = (over: Partial<SummaryEpisode> = {}): SummaryEpisode => ({
  id: 'ep-1',
  sessionId: 'ses-1',
  index: 1,
  round: 1,
  game: 'robotaxi',
  status: 'completed',
  outcome: 'delivered',
  steps: 42,
  score: 7,
  practice: false,
  verified: null,
  startedAt: new Date(T0 + 10_000),
  endedAt: new Date(T0 + 40_000),
  ...over,
});

/** A session-wide track from T0 for `seconds` at 8 kHz, placed exactly on the server clock. */
const track = (over: Partial<SummaryTrack> = {}, seconds = 60): SummaryTrack => ({
  kind: 'mic',
  role: 'teacher',
  episodeId: null,
  sampleRate: 8000,
  durationSamples: seconds * 8000,
  mapping: { interceptMs: T0, msPerSample: 1000 / 8000 },
  ...over,
});

describe('trackRole', () => {
  const session = { id: 's', teacherId: 't', wizardId: 'w', demonstratorId: null };
  it('names the participant by their part in the session', () => {
    expect(trackRole(session, 't')).toBe('teacher');
    expect(trackRole(session, 'w')).toBe('wizard');
    expect(trackRole({ ...session, demonstratorId: 'd' }, 'd')).toBe('demonstrator');
    expect(trackRole(session, 'someone')).toBe('participant');
  });
});

describe('audioSecondsIn', () => {
  it('counts the part of a session-wide track that overlaps the episode', () => {
    expect(audioSecondsIn(episode(), track())).toBe(30);
    expect(audioSecondsIn(episode(), track({}, 25))).toBe(15);
    expect(audioSecondsIn(episode(), track({}, 5))).toBe(0);
  });
  it('counts a running episode up to the end of the track', () => {
    expect(audioSecondsIn(episode({ endedAt: null }), track())).toBe(50);
  });
  it('counts a track of this episode whole, and one of another episode not at all', () => {
    expect(audioSecondsIn(episode(), track({ episodeId: 'ep-1', mapping: null }, 3))).toBe(3);
    expect(audioSecondsIn(episode(), track({ episodeId: 'ep-2' }))).toBe(0);
  });
  it('does not guess for a session-wide track that cannot be placed in time', () => {
    expect(audioSecondsIn(episode(), track({ mapping: null }))).toBeNull();
    expect(audioSecondsIn(episode(), track({ durationSamples: null }))).toBeNull();
  });
});

describe('summary rows', () => {
  it('has one audio column per role and kind, sorted', () => {
    const tracks = [
      track({ role: 'wizard' }),
      track(),
      track({ role: 'teacher' }),
      track({ role: 'demonstrator', kind: 'game' }),
    ];
    expect(audioColumns(tracks)).toEqual([
      'audio_s_demonstrator_game',
      'audio_s_teacher_mic',
      'audio_s_wizard_mic',
    ]);
    expect(summaryColumns(['audio_s_teacher_mic'])).toEqual([
      ...BASE_COLUMNS,
      'audio_s_teacher_mic',
    ]);
  });

  it('writes every cell as text, sums tracks of one column, leaves unknowns empty', () => {
    const columns = summaryColumns([
      'audio_s_teacher_mic',
      'audio_s_wizard_mic',
      'audio_s_participant_mic',
    ]);
    const tracks = [
      track({}, 20), // 10 s in the episode
      track({ episodeId: 'ep-1', mapping: null }, 2.5), // whole: 2.5 s
      track({ role: 'wizard', mapping: null }),
    ];
    const row = summaryRow(study, ['T0001', 'W0001'], episode(), tracks, columns);
    expect(Object.keys(row)).toEqual(columns);
    expect(row).toEqual({
      study_id: 'study-1',
      study: 'taxi',
      session_id: 'ses-1',
      episode_id: 'ep-1',
      episode_index: '1',
      round: '1',
      participants: 'T0001;W0001',
      game: 'robotaxi',
      start: '2025-01-01T10:00:10.000Z',
      duration_s: '30',
      steps_or_frames: '42',
      score: '7',
      outcome: 'delivered',
      status: 'completed',
      practice: 'false',
      verified: '',
      audio_s_teacher_mic: '12.5',
      audio_s_wizard_mic: '',
      audio_s_participant_mic: '',
    });
  });

  it('shows Atari frames, verification and an unfinished episode', () => {
    const row = summaryRow(
      study,
      ['D0001'],
      episode({
        game: 'ozlab-test',
        steps: 300,
        round: null,
        verified: true,
        endedAt: null,
        outcome: null,
        practice: true,
      }),
      [],
      summaryColumns([]),
    );
    expect(row).toMatchObject({
      round: '',
      steps_or_frames: '300',
      verified: 'true',
      duration_s: '',
      outcome: '',
      practice: 'true',
    });
  });

  it('rounds seconds to the millisecond', () => {
    const row = summaryRow(
      study,
      [],
      episode({ endedAt: new Date(T0 + 10_000 + 1234) }),
      [track({ episodeId: 'ep-1', sampleRate: 3000, durationSamples: 2000 })],
      summaryColumns(['audio_s_teacher_mic']),
    );
    expect(row.duration_s).toBe('1.234');
    expect(row.audio_s_teacher_mic).toBe('0.667');
  });
});
