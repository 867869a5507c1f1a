import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIC_HELP_TEXT,
  DEFAULT_QUESTIONNAIRE_INTRO,
  DEFAULT_SESSION_INSTRUCTIONS,
} from '../studies/study-config.js';
import { atariSettings, sessionProgress } from './atari-session-view.js';
import { DEFAULT_QUESTIONNAIRE } from './questionnaire.js';

const episode = (
  practice: boolean,
  status: 'running' | 'completed' | 'aborted',
  frames: number,
) => ({
  practice,
  status,
  frames,
});

describe('sessionProgress', () => {
  it('counts the frames of ended recorded episodes only', () => {
    const progress = sessionProgress(
      [
        episode(true, 'completed', 600),
        episode(false, 'completed', 3600),
        episode(false, 'aborted', 60),
        episode(false, 'running', 1200),
      ],
      1,
    );
    expect(progress).toEqual({ practiceDone: true, playedMs: 61_000, recordedEpisodes: 2 });
  });

  it('has the practice done only once a practice episode ended, or with no practice', () => {
    expect(sessionProgress([episode(true, 'running', 30)], 1).practiceDone).toBe(false);
    expect(sessionProgress([episode(false, 'completed', 30)], 1).practiceDone).toBe(false);
    expect(sessionProgress([], 0).practiceDone).toBe(true);
  });
});

describe('atariSettings', () => {
  const rom = { id: 'r1', md5: 'abc', profileId: 'pong', gameName: 'Pong' };

  it('fills the defaults for a study saved before the settings existed', () => {
    expect(atariSettings({ instructions: 'Play.' }, null)).toEqual({
      romId: null,
      romMd5: null,
      profileId: null,
      gameName: null,
      trialMinutes: 1,
      sessionMinutes: 10,
      gameInstructions: 'Play.',
      sessionInstructions: DEFAULT_SESSION_INSTRUCTIONS,
      micHelpText: DEFAULT_MIC_HELP_TEXT,
      questionnaireIntro: DEFAULT_QUESTIONNAIRE_INTRO,
      questionnaire: DEFAULT_QUESTIONNAIRE,
    });
  });

  it("takes the study's values and its ROM", () => {
    const settings = atariSettings(
      {
        instructions: 'Play.',
        trialMinutes: 0,
        sessionMinutes: 0.5,
        sessionInstructions: 'Go.',
        micHelpText: 'Allow it.',
        questionnaireIntro: 'Tell us.',
        questionnaire: [],
      },
      rom,
    );
    expect(settings).toMatchObject({
      romId: 'r1',
      romMd5: 'abc',
      profileId: 'pong',
      gameName: 'Pong',
      trialMinutes: 0,
      sessionMinutes: 0.5,
      sessionInstructions: 'Go.',
      micHelpText: 'Allow it.',
      questionnaireIntro: 'Tell us.',
      questionnaire: [],
    });
  });

  it('refuses a stored questionnaire that does not check', () => {
    expect(() => atariSettings({ questionnaire: [{ id: 'x' }] }, null)).toThrow(
      /stored questionnaire is invalid: config.questionnaire.0/,
    );
  });
});
