import { describe, expect, it } from 'vitest';

import type {
  AtariEpisodeSummary,
  AtariSessionView,
  AtariSettings,
} from '../../../src/games/common/atari-session';
import {
  durationText,
  formatTimeLeft,
  minutesToFrames,
  practiceOver,
  resumeStep,
  stepAfterGame,
} from './flow-step';

const SETTINGS: AtariSettings = {
  romId: 'rom-1',
  romMd5: 'abc',
  profileId: 'ozlab-test',
  gameName: 'OzLab test ROM',
  trialMinutes: 1,
  sessionMinutes: 2,
  gameInstructions: 'Play.',
  sessionInstructions: 'Now for real.',
  micHelpText: 'Allow the mic.',
  questionnaireIntro: 'A few questions.',
  questionnaire: [],
};

function view(patch: Partial<AtariSessionView> = {}): AtariSessionView {
  return {
    sessionId: null,
    status: 'not-started',
    settings: SETTINGS,
    practiceDone: false,
    playedMs: 0,
    episodes: [],
    questionnaireAnswered: false,
    completion: null,
    ...patch,
  };
}

let index = 0;
function episode(patch: Partial<AtariEpisodeSummary>): AtariEpisodeSummary {
  return {
    id: `e${index}`,
    index: index++,
    practice: false,
    status: 'completed',
    outcome: 'game-over',
    frames: 600,
    score: 0,
    seed: 1,
    ...patch,
  };
}

describe('resumeStep', () => {
  it('starts with the game instructions', () => {
    expect(resumeStep(view())).toBe('game-instructions');
  });

  it('skips the practice when the study has none', () => {
    expect(resumeStep(view({ settings: { ...SETTINGS, trialMinutes: 0 } }))).toBe(
      'session-instructions',
    );
  });

  it('goes back to the game instructions while practice time is left', () => {
    const v = view({
      status: 'running',
      sessionId: 's',
      episodes: [episode({ practice: true, status: 'aborted', frames: 600 })],
    });
    expect(practiceOver(v)).toBe(false);
    expect(resumeStep(v)).toBe('game-instructions');
  });

  it('shows the session instructions once the practice is done', () => {
    const practice = episode({ practice: true, outcome: 'practice-over', frames: 3600 });
    expect(resumeStep(view({ status: 'running', practiceDone: true, episodes: [practice] }))).toBe(
      'session-instructions',
    );
    // Practice time used up, even if the server has not flagged it.
    expect(resumeStep(view({ status: 'running', episodes: [practice] }))).toBe(
      'session-instructions',
    );
  });

  it('offers a new game in a session with time left', () => {
    const v = view({
      status: 'running',
      practiceDone: true,
      playedMs: 30_000,
      episodes: [episode({ practice: true }), episode({ frames: 1800 })],
    });
    expect(resumeStep(v)).toBe('game-over');
  });

  it('asks the questionnaire once the session time is played', () => {
    const v = view({
      status: 'running',
      practiceDone: true,
      playedMs: 120_000,
      episodes: [episode({ frames: 7200, outcome: 'time-up' })],
    });
    expect(resumeStep(v)).toBe('questionnaire');
  });

  it('finishes once the questionnaire is answered, and ends as the server says', () => {
    expect(resumeStep(view({ status: 'running', questionnaireAnswered: true }))).toBe('finishing');
    expect(
      resumeStep(view({ status: 'completed', completion: { code: 'X', redirectUrl: null } })),
    ).toBe('complete');
    expect(resumeStep(view({ status: 'aborted' }))).toBe('aborted');
  });
});

describe('budgets', () => {
  it('counts minutes in 60 Hz frames', () => {
    expect(minutesToFrames(1)).toBe(3600);
    expect(minutesToFrames(0.1)).toBe(360);
    expect(minutesToFrames(0)).toBe(0);
  });

  it('moves on when a game ends with no time left', () => {
    expect(stepAfterGame('practice', 10)).toBe('game-over');
    expect(stepAfterGame('practice', 0)).toBe('session-instructions');
    expect(stepAfterGame('session', 1)).toBe('game-over');
    expect(stepAfterGame('session', 0)).toBe('questionnaire');
  });

  it('shows the time left as m:ss, rounded up', () => {
    expect(formatTimeLeft(3600)).toBe('1:00');
    expect(formatTimeLeft(3599)).toBe('1:00');
    expect(formatTimeLeft(60 * 75)).toBe('1:15');
    expect(formatTimeLeft(1)).toBe('0:01');
    expect(formatTimeLeft(0)).toBe('0:00');
    expect(formatTimeLeft(-5)).toBe('0:00');
  });

  it('says a budget in words', () => {
    expect(durationText(360)).toBe('6 seconds');
    expect(durationText(60)).toBe('1 second');
    expect(durationText(3600)).toBe('1 minute');
    expect(durationText(9000)).toBe('2 minutes 30 seconds');
  });
});
