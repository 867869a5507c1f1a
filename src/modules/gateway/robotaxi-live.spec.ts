import { describe, expect, it } from 'vitest';
import type { LivePause } from '../../games/common/dashboard-events.js';
import { SessionStatus } from '../sessions/session.entity.js';
import { type RobotaxiLiveInput, robotaxiActions, robotaxiLiveState } from './robotaxi-live.js';

const input = (over: Partial<RobotaxiLiveInput> = {}): RobotaxiLiveInput => ({
  sessionId: 's1',
  studyId: 'study1',
  status: SessionStatus.Running,
  phase: 'playing',
  startedAt: new Date('2026-01-02T03:04:05Z'),
  abortReason: null,
  plan: { index: 2, round: 1, practice: false, seed: 7 },
  shownPlan: null,
  episodeId: 'e2',
  shownEpisodeId: 'e2',
  members: {
    teacher: { id: 't', participantId: 'T0001', connected: true },
    wizard: { id: 'w', participantId: 'W0001', connected: false },
  },
  game: { step: 12, score: -3 },
  rules: { rounds: 3, stepLimit: 50, practiceRound: true },
  pause: null,
  countdownEndsAtMs: 99,
  ...over,
});

const away: LivePause = { reason: 'wizard-away', message: null, graceEndsAtMs: 5_000 };
const researcher: LivePause = { reason: 'researcher', message: 'Break', graceEndsAtMs: null };

describe('robotaxiLiveState', () => {
  it('shows the round, episode, step, score and who is connected', () => {
    expect(robotaxiLiveState(input())).toEqual({
      sessionId: 's1',
      studyId: 'study1',
      kind: 'woz-robotaxi',
      status: 'running',
      phase: 'playing',
      open: true,
      members: [
        { role: 'teacher', id: 't', participantId: 'T0001', connected: true },
        { role: 'wizard', id: 'w', participantId: 'W0001', connected: false },
      ],
      round: 1,
      rounds: 3,
      practice: false,
      episodeId: 'e2',
      episodeIndex: 2,
      episodeRunning: true,
      step: 12,
      stepLimit: 50,
      score: -3,
      lives: null,
      pause: null,
      countdownEndsAtMs: null,
      abortReason: null,
      startedAt: '2026-01-02T03:04:05.000Z',
      actions: { pause: true, resume: false, end: true },
    });
  });

  it('shows the last episode between episodes, the countdown, the pause and the end', () => {
    // Counting down to the next episode: the last one's round, index, step and score.
    const between = robotaxiLiveState(
      input({
        phase: 'countdown',
        episodeId: null,
        plan: { index: 3, round: 2, practice: false, seed: 8 },
        shownPlan: { index: 2, round: 1, practice: false, seed: 7 },
      }),
    );
    expect(between).toMatchObject({
      episodeId: 'e2',
      episodeIndex: 2,
      round: 1,
      step: 12,
      episodeRunning: false,
      countdownEndsAtMs: 99,
    });
    const paused = robotaxiLiveState(input({ phase: 'paused', pause: researcher }));
    expect(paused.pause).toEqual(researcher);
    // A stale pause of another phase is not shown.
    expect(robotaxiLiveState(input({ pause: away })).pause).toBeNull();
    const aborted = robotaxiLiveState(
      input({ phase: 'aborted', status: SessionStatus.Aborted, abortReason: 'Fire drill' }),
    );
    expect(aborted).toMatchObject({ open: false, status: 'aborted', abortReason: 'Fire drill' });
    expect(aborted.actions).toEqual({ pause: false, resume: false, end: false });
    expect(robotaxiLiveState(input({ plan: null, game: null, startedAt: null }))).toMatchObject({
      round: null,
      episodeIndex: null,
      step: null,
      score: null,
      startedAt: null,
    });
  });
});

describe('robotaxiActions', () => {
  it('pauses a game that runs, counts down or waits for a member; resumes only its own pause', () => {
    expect(robotaxiActions('lobby', null)).toEqual({ pause: false, resume: false, end: true });
    expect(robotaxiActions('countdown', null)).toEqual({ pause: true, resume: false, end: true });
    expect(robotaxiActions('paused', away)).toEqual({ pause: true, resume: false, end: true });
    expect(robotaxiActions('paused', researcher)).toEqual({
      pause: false,
      resume: true,
      end: true,
    });
    expect(robotaxiActions('feedback', null)).toEqual({ pause: false, resume: false, end: true });
    expect(robotaxiActions('complete', null).end).toBe(false);
  });
});
