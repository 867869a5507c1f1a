import { describe, expect, it } from 'vitest';
import {
  archiveFileName,
  compatJsonPath,
  episodeFileBase,
  safeName,
  sessionJsonPath,
  trackPath,
} from './export-names.js';

const SESSION = '5b0c3d8e-1f2a-4b3c-9d4e-5f6a7b8c9d0e';
const TRACK = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('safeName', () => {
  it.each([
    ["teacher's mic (USB)", 'teacher-s-mic-USB'],
    ['../../etc/passwd', 'etc-passwd'],
    ['.hidden', 'hidden'],
    ['Café crème', 'Cafe-creme'],
    ['a..b', 'a.b'],
    ['  ', ''],
    ['///', ''],
    ['T0001', 'T0001'],
  ])('%j -> %j', (input, expected) => {
    expect(safeName(input)).toBe(expected);
  });

  it('cuts long names without leaving a trailing separator', () => {
    expect(safeName('a'.repeat(39) + '-bcd')).toBe('a'.repeat(39));
    expect(safeName('x'.repeat(100))).toHaveLength(40);
  });
});

describe('entry paths', () => {
  it('puts each session in its folder', () => {
    expect(sessionJsonPath(SESSION)).toBe(`sessions/${SESSION}/session.json`);
    expect(compatJsonPath(SESSION)).toBe(`sessions/${SESSION}/compat.json`);
    expect(episodeFileBase(SESSION, 3, TRACK)).toBe(`sessions/${SESSION}/episodes/003-${TRACK}`);
    expect(episodeFileBase(SESSION, 1234, TRACK)).toBe(
      `sessions/${SESSION}/episodes/1234-${TRACK}`,
    );
  });

  it('names a track by participant, label (or kind) and id, never escaping its folder', () => {
    const base = { id: TRACK, participantCode: 'T0001', kind: 'mic' };
    expect(trackPath(SESSION, { ...base, label: null })).toBe(
      `sessions/${SESSION}/audio/T0001-mic-${TRACK}.wav`,
    );
    expect(trackPath(SESSION, { ...base, label: 'Teacher mic / left' })).toBe(
      `sessions/${SESSION}/audio/T0001-Teacher-mic-left-${TRACK}.wav`,
    );
    expect(trackPath(SESSION, { ...base, label: '../..' })).toBe(
      `sessions/${SESSION}/audio/T0001-mic-${TRACK}.wav`,
    );
    expect(trackPath(SESSION, { ...base, participantCode: '', label: null })).toBe(
      `sessions/${SESSION}/audio/unknown-mic-${TRACK}.wav`,
    );
  });
});

describe('archiveFileName', () => {
  const now = new Date('2025-03-04T05:06:07.890Z');
  it('names the download by scope, study and UTC time', () => {
    expect(
      archiveFileName(
        { kind: 'session', sessionId: SESSION },
        { studySlug: 'taxi', sessions: 1 },
        now,
      ),
    ).toBe('ozlab-session-taxi-5b0c3d8e-20250304-050607.zip');
    expect(
      archiveFileName(
        { kind: 'study', studyId: SESSION, from: null, to: null, includePractice: true },
        { studySlug: 'Pong Study!', sessions: 9 },
        now,
      ),
    ).toBe('ozlab-study-Pong-Study-20250304-050607.zip');
    expect(
      archiveFileName({ kind: 'selection', sessionIds: [], episodeIds: [] }, { sessions: 1 }, now),
    ).toBe('ozlab-selection-1-session-20250304-050607.zip');
    expect(
      archiveFileName({ kind: 'selection', sessionIds: [], episodeIds: [] }, { sessions: 3 }, now),
    ).toBe('ozlab-selection-3-sessions-20250304-050607.zip');
  });
});
