import { describe, expect, it } from 'vitest';

import type { SessionUpdate } from '../../../src/games/common/dashboard-events';
import {
  agoText,
  ENDED_KEEP_MS,
  fromSnapshot,
  mergeUpdate,
  phaseText,
  progressText,
  pruneEnded,
  stepText,
} from './liveSessions';

const update = (over: Partial<SessionUpdate> = {}): SessionUpdate => ({
  sessionId: 's1',
  studyId: 'study1',
  kind: 'woz-robotaxi',
  status: 'running',
  phase: 'playing',
  open: true,
  members: [],
  round: 1,
  rounds: 3,
  practice: false,
  episodeId: 'e1',
  episodeIndex: 1,
  episodeRunning: true,
  step: 4,
  stepLimit: 100,
  score: -4,
  lives: null,
  pause: null,
  countdownEndsAtMs: null,
  lastUploadAt: null,
  abortReason: null,
  startedAt: null,
  actions: { pause: true, resume: false, end: true },
  serverMs: 1_000,
  ...over,
});

describe('mergeUpdate', () => {
  const list = fromSnapshot({ sessions: [update()], serverMs: 1_000 }, 400);

  it('takes the server clock offset from the snapshot and each update', () => {
    expect(list.clockOffsetMs).toBe(600);
    expect(mergeUpdate(list, update({ serverMs: 2_000 }), null, 1_900).clockOffsetMs).toBe(100);
  });

  it('replaces a known session, puts a new one on top, ignores an older update', () => {
    const stepped = mergeUpdate(list, update({ step: 9, serverMs: 1_500 }), null, 0);
    expect(stepped.sessions.map((s) => s.step)).toEqual([9]);
    const older = mergeUpdate(stepped, update({ step: 2, serverMs: 1_200 }), null, 0);
    expect(older.sessions.map((s) => s.step)).toEqual([9]);
    const added = mergeUpdate(stepped, update({ sessionId: 's2', serverMs: 1_600 }), null, 0);
    expect(added.sessions.map((s) => s.sessionId)).toEqual(['s2', 's1']);
  });

  it('leaves out the sessions of another study when one is chosen', () => {
    const other = update({ sessionId: 's3', studyId: 'study2' });
    expect(mergeUpdate(list, other, 'study1', 0)).toBe(list);
    expect(mergeUpdate(list, other, null, 0).sessions).toHaveLength(2);
  });
});

describe('pruneEnded', () => {
  it('keeps ended sessions a minute, open ones always', () => {
    const list = fromSnapshot(
      {
        sessions: [update(), update({ sessionId: 's2', open: false, serverMs: 1_000 })],
        serverMs: 1_000,
      },
      0,
    );
    expect(pruneEnded(list, 1_000 + ENDED_KEEP_MS - 1)).toBe(list);
    expect(pruneEnded(list, 1_000 + ENDED_KEEP_MS).sessions.map((s) => s.sessionId)).toEqual([
      's1',
    ]);
  });
});

describe('texts', () => {
  it('says how long ago', () => {
    expect(agoText(null, 5_000)).toBe('—');
    expect(agoText(4_500, 5_000)).toBe('just now');
    expect(agoText(2_000, 5_000)).toBe('3 s ago');
    expect(agoText(7_000, 5_000)).toBe('just now'); // a clock a little ahead
    expect(agoText(0, 150_000)).toBe('2 min ago');
    expect(agoText(0, 7_300_000)).toBe('2 h ago');
  });

  it('names the phase and why a session is paused', () => {
    expect(phaseText(update())).toBe('Playing');
    expect(
      phaseText(
        update({
          phase: 'paused',
          pause: { reason: 'wizard-away', message: null, graceEndsAtMs: 9 },
        }),
      ),
    ).toBe('Paused: wizard away');
    expect(
      phaseText(
        update({
          phase: 'paused',
          pause: { reason: 'researcher', message: 'x', graceEndsAtMs: null },
        }),
      ),
    ).toBe('Paused by a researcher');
    expect(phaseText(update({ phase: 'questionnaire' }))).toBe('Questionnaire');
  });

  it('says where the session is and how far the episode has come', () => {
    expect(progressText(update())).toBe('Round 1 of 3 · episode 2');
    expect(progressText(update({ round: 0, practice: true, episodeIndex: 0 }))).toBe(
      'Practice · episode 1',
    );
    expect(progressText(update({ round: null, episodeIndex: 2 }))).toBe('Episode 3');
    expect(progressText(update({ round: null, episodeIndex: null }))).toBe('—');
    expect(stepText(update())).toBe('4 / 100');
    expect(stepText(update({ kind: 'atari-demo', step: 120, stepLimit: null }))).toBe('120 frames');
    expect(stepText(update({ step: null }))).toBe('—');
  });
});
