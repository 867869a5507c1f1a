import { describe, expect, it } from 'vitest';
import { SessionStatus } from '../sessions/session.entity.js';
import {
  type AtariLiveEpisode,
  type AtariLiveInput,
  atariLivePhase,
  atariLiveState,
} from './atari-live.js';

/** 60 frames a second. */
const MINUTE = 3600;

const episode = (over: Partial<AtariLiveEpisode>): AtariLiveEpisode => ({
  id: `e${over.index ?? 0}`,
  index: 0,
  practice: false,
  status: 'completed',
  frames: 600,
  score: 10,
  lives: null,
  ...over,
});

const input = (over: Partial<AtariLiveInput> = {}): AtariLiveInput => ({
  sessionId: 's1',
  studyId: 'study1',
  status: SessionStatus.Running,
  startedAt: null,
  abortReason: null,
  demonstrator: { id: 'd', participantId: 'D0001' },
  episodes: [],
  questionnaireAnswered: false,
  trialMinutes: 1,
  sessionMinutes: 2,
  ...over,
});

describe('atariLivePhase', () => {
  it('follows the demonstrator through practice, session, questionnaire and the end', () => {
    expect(atariLivePhase(input())).toBe('practice');
    expect(atariLivePhase(input({ trialMinutes: 0 }))).toBe('session');
    const practice = episode({ practice: true, status: 'running', frames: 100 });
    expect(atariLivePhase(input({ episodes: [practice] }))).toBe('practice');
    const practised = episode({ practice: true, frames: MINUTE / 2 });
    expect(atariLivePhase(input({ episodes: [practised] }))).toBe('session');
    const recorded = episode({ index: 1, frames: MINUTE });
    expect(atariLivePhase(input({ episodes: [practised, recorded] }))).toBe('session');
    const running = episode({ index: 2, status: 'running', frames: 5 });
    expect(atariLivePhase(input({ episodes: [practised, recorded, running] }))).toBe('session');
    const more = episode({ index: 2, frames: MINUTE });
    expect(atariLivePhase(input({ episodes: [practised, recorded, more] }))).toBe('questionnaire');
    expect(
      atariLivePhase(input({ episodes: [practised, recorded, more], questionnaireAnswered: true })),
    ).toBe('finishing');
    expect(atariLivePhase(input({ status: SessionStatus.Completed }))).toBe('complete');
    expect(atariLivePhase(input({ status: SessionStatus.Aborted }))).toBe('aborted');
  });

  it('counts a practice that used its time as done', () => {
    const used = episode({ practice: true, status: 'aborted', frames: MINUTE });
    expect(atariLivePhase(input({ episodes: [used] }))).toBe('session');
  });
});

describe('atariLiveState', () => {
  it('shows the running episode: frames stored, score, lives; a demonstrator without a socket', () => {
    const state = atariLiveState(
      input({
        episodes: [
          episode({ practice: true }),
          episode({ index: 1, status: 'running', frames: 120, score: 30, lives: 2 }),
        ],
      }),
    );
    expect(state).toMatchObject({
      kind: 'atari-demo',
      phase: 'session',
      open: true,
      members: [{ role: 'demonstrator', id: 'd', participantId: 'D0001', connected: null }],
      episodeId: 'e1',
      episodeIndex: 1,
      episodeRunning: true,
      step: 120,
      score: 30,
      lives: 2,
      round: null,
      stepLimit: null,
      pause: null,
      actions: { pause: false, resume: false, end: true },
    });
  });

  it('shows the last episode when none runs, and the reason of an abort', () => {
    const state = atariLiveState(
      input({
        status: SessionStatus.Aborted,
        abortReason: 'Fire drill',
        episodes: [episode({ index: 0, status: 'aborted', frames: 42, score: 7 })],
      }),
    );
    expect(state).toMatchObject({
      open: false,
      phase: 'aborted',
      episodeRunning: false,
      step: 42,
      score: 7,
      lives: null,
      abortReason: 'Fire drill',
      actions: { pause: false, resume: false, end: false },
    });
    expect(atariLiveState(input({ demonstrator: null })).members[0]).toMatchObject({
      id: null,
      participantId: null,
    });
  });
});
