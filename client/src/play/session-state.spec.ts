import { describe, expect, it } from 'vitest';

import type { SessionView, StepFrame } from '../../../src/games/common/robotaxi-events';
import {
  describeRefusal,
  INITIAL_STATE,
  isNewerFrame,
  perfTimeOf,
  robotaxiReducer,
} from './session-state';

function frame(overrides: Partial<StepFrame> = {}): StepFrame {
  return {
    sessionId: 's1',
    episodeId: 'e1',
    episodeIndex: 0,
    round: 0,
    practice: true,
    step: 0,
    action: null,
    reward: 0,
    done: false,
    outcome: null,
    view: {} as StepFrame['view'],
    hud: { round: 0, rounds: 3, practice: true, stepsLeft: 100, secondsLeft: 50 },
    serverMs: 1000,
    ...overrides,
  };
}

function view(overrides: Partial<SessionView> = {}): SessionView {
  return {
    sessionId: 's1',
    role: 'teacher',
    participantId: 'T0007',
    phase: 'lobby',
    partnerPresent: false,
    round: 0,
    rounds: 3,
    practice: true,
    episodeId: null,
    episodeIndex: 0,
    stepMs: 500,
    stepLimit: 100,
    lastOutcome: null,
    countdown: null,
    pause: null,
    abortReason: null,
    feedbackDone: false,
    completion: null,
    voice: { provider: 'webrtc', iceServers: [], twoWay: false },
    rewards: null,
    debriefQuestions: [],
    serverMs: 1000,
    ...overrides,
  };
}

describe('isNewerFrame', () => {
  it('ignores a lower step of the same episode', () => {
    expect(isNewerFrame(frame({ step: 5 }), frame({ step: 4 }))).toBe(false);
    expect(isNewerFrame(frame({ step: 5 }), frame({ step: 5 }))).toBe(true);
    expect(isNewerFrame(frame({ step: 5 }), frame({ step: 6 }))).toBe(true);
  });

  it('takes a later episode and ignores an earlier one', () => {
    const shown = frame({ step: 40 });
    expect(isNewerFrame(shown, frame({ episodeId: 'e2', episodeIndex: 1, step: 0 }))).toBe(true);
    const later = frame({ episodeId: 'e2', episodeIndex: 1, step: 0 });
    expect(isNewerFrame(later, frame({ step: 41 }))).toBe(false);
  });
});

describe('robotaxiReducer', () => {
  it('applies a join and keeps the newer of pushed and joined frames', () => {
    let state = robotaxiReducer(INITIAL_STATE, { type: 'connected' });
    state = robotaxiReducer(state, { type: 'step', frame: frame({ step: 7 }) });
    state = robotaxiReducer(state, {
      type: 'joined',
      result: {
        session: view({ phase: 'playing' }),
        frame: frame({ step: 6 }),
        feedbackBoard: null,
      },
    });
    expect(state.joined).toBe(true);
    expect(state.session?.phase).toBe('playing');
    expect(state.frame?.step).toBe(7);
  });

  it('ignores an older session view', () => {
    let state = robotaxiReducer(INITIAL_STATE, {
      type: 'session',
      view: view({ phase: 'playing', serverMs: 2000 }),
    });
    state = robotaxiReducer(state, {
      type: 'session',
      view: view({ phase: 'lobby', serverMs: 1500 }),
    });
    expect(state.session?.phase).toBe('playing');
  });

  it('goes to reconnecting on a drop, but stays failed after a refusal', () => {
    let state = robotaxiReducer(INITIAL_STATE, { type: 'connected' });
    state = robotaxiReducer(state, { type: 'disconnected' });
    expect(state.connection).toBe('reconnecting');
    state = robotaxiReducer(state, {
      type: 'failed',
      error: { message: 'jwt expired', auth: true },
    });
    state = robotaxiReducer(state, { type: 'disconnected' });
    expect(state.connection).toBe('failed');
  });
});

describe('describeRefusal', () => {
  it('asks for a new login when the token was refused', () => {
    expect(describeRefusal(new Error('jwt expired'))).toEqual({
      message: 'jwt expired',
      auth: true,
    });
    const withStatus = Object.assign(new Error('Refused'), { data: { status: 401 } });
    expect(describeRefusal(withStatus).auth).toBe(true);
  });

  it('passes other refusals on as they are', () => {
    expect(describeRefusal(new Error('This study has no RoboTaxi session for you'))).toEqual({
      message: 'This study has no RoboTaxi session for you',
      auth: false,
    });
  });
});

describe('perfTimeOf', () => {
  it('keeps an event time on the performance.now() timebase', () => {
    expect(perfTimeOf(900, 1000)).toBe(900);
  });

  it('falls back to now for a missing or epoch time stamp', () => {
    expect(perfTimeOf(undefined, 1000)).toBe(1000);
    expect(perfTimeOf(0, 1000)).toBe(1000);
    expect(perfTimeOf(1_700_000_000_000, 1000)).toBe(1000);
  });
});
