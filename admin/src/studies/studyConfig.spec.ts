import { describe, expect, it } from 'vitest';

import type { AtariConfig } from '../types';
import { DEFAULT_QUESTIONNAIRE as SERVER_QUESTIONNAIRE } from '../../../src/modules/atari/questionnaire';
import {
  DEFAULT_DEBRIEF_QUESTIONS,
  DEFAULT_QUESTIONNAIRE,
  describeQuestion,
  NUMERIC_SETTINGS,
  numericHelperText,
  pickConfig,
  REWARD_SETTINGS,
  toStudyCreatePayload,
  toStudyUpdatePayload,
  validateDebriefIdFormat,
  validateDebriefList,
  validateHttpUrl,
  validateIdPattern,
  validateOptionLines,
  validateQuestionnaireList,
  validateSlugFormat,
  type NumericSetting,
} from './studyConfig';

const texts = { consentText: 'I agree.\n', instructions: 'Drive.' };

const LEVEL = { grid: ['#####', '#RA.#', '#...#', '#..S#', '#####'], orientation: 'UP' };

/** A RoboTaxi config as the server returns it (`RobotaxiStudyConfig`, every setting set). */
const robotaxiConfig = {
  ...texts,
  completionCode: 'C0DE',
  recording: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  stepMs: 1250,
  rounds: 3,
  stepLimit: 100,
  practiceRound: false,
  rewards: { step: -1, bomb: -10, acorn: 5, delivery: 10 },
  nopMemory: 3,
  gridSize: 12,
  bombs: 3,
  minItemDistance: 4,
  startClearance: 3,
  bombCountdownMs: 3000,
  roundCountdownMs: 15000,
  practiceLevel: { name: 'practice', ...LEVEL, randomStart: false },
  level: LEVEL,
  disconnectGraceS: 60,
  twoWayVoice: false,
  debriefQuestions: [{ id: 'strategy', text: 'How did you decide what to say?' }],
};

describe('pickConfig', () => {
  it("keeps only the kind's keys and drops empty optional values", () => {
    expect(
      pickConfig('atari-demo', {
        ...texts,
        completionCode: '  ',
        completionRedirectUrl: null,
        stepMs: 1250,
        romId: ' pong ',
        trialMinutes: 0,
        sessionMinutes: 10,
      }),
    ).toEqual({ ...texts, romId: 'pong', trialMinutes: 0, sessionMinutes: 10 });
  });

  it('keeps every RoboTaxi setting the server stores, so that an edit loses none', () => {
    expect(pickConfig('woz-robotaxi', { ...robotaxiConfig, romId: 'x' })).toEqual(robotaxiConfig);
  });

  it('keeps false booleans, zeros and an empty list of debrief questions', () => {
    expect(
      pickConfig('woz-robotaxi', {
        ...texts,
        practiceRound: false,
        twoWayVoice: false,
        bombs: 0,
        rewards: { step: 0, bomb: -10, acorn: 5, delivery: 10 },
        debriefQuestions: [],
      }),
    ).toEqual({
      ...texts,
      practiceRound: false,
      twoWayVoice: false,
      bombs: 0,
      rewards: { step: 0, bomb: -10, acorn: 5, delivery: 10 },
      debriefQuestions: [],
    });
  });

  it('drops blank levels (the default ones) and tidies typed ones', () => {
    expect(
      pickConfig('woz-robotaxi', {
        ...texts,
        practiceLevel: { grid: ['', '  '], orientation: 'LEFT' },
        level: { grid: ['', ' #####', ...LEVEL.grid.slice(1), ''], orientation: 'UP' },
      }),
    ).toEqual({ ...texts, level: LEVEL });
    expect(pickConfig('woz-robotaxi', { ...texts, practiceLevel: null, level: null })).toEqual(
      texts,
    );
  });

  it('trims debrief questions and drops empty reward entries', () => {
    expect(
      pickConfig('woz-robotaxi', {
        ...texts,
        debriefQuestions: [{ id: ' strategy ', text: ' Why? ' }],
        rewards: { step: -1, bomb: null, acorn: 5, delivery: 10 },
      }),
    ).toEqual({
      ...texts,
      debriefQuestions: [{ id: 'strategy', text: 'Why?' }],
      rewards: { step: -1, acorn: 5, delivery: 10 },
    });
  });

  it('keeps the recording settings of either kind, so that an edit does not reset them', () => {
    const recording = { echoCancellation: false, noiseSuppression: true, autoGainControl: false };
    expect(pickConfig('atari-demo', { ...texts, sessionMinutes: 10, recording })).toMatchObject({
      recording,
    });
  });
});

/** An Atari config as the server returns it (`AtariStudyConfig`, every setting set). */
const atariConfig = {
  ...texts,
  recording: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  romId: 'rom-1',
  trialMinutes: 0,
  sessionMinutes: 0.5,
  sessionInstructions: 'Keep talking.\n',
  micHelpText: 'Allow the microphone.',
  questionnaireIntro: 'A few questions.',
  questionnaire: [...DEFAULT_QUESTIONNAIRE],
};

describe('pickConfig for Atari studies', () => {
  it('keeps every Atari setting the server stores, so that an edit loses none', () => {
    expect(pickConfig('atari-demo', { ...atariConfig, stepMs: 1250 })).toEqual(atariConfig);
  });

  it('keeps an empty questionnaire and drops blank texts (the defaults)', () => {
    expect(
      pickConfig('atari-demo', {
        ...texts,
        sessionInstructions: '  ',
        micHelpText: null,
        questionnaire: [],
      }),
    ).toEqual({ ...texts, questionnaire: [] });
  });

  it('sends each question with the fields of its type only, tidied', () => {
    expect(
      pickConfig('atari-demo', {
        ...texts,
        questionnaire: [
          // Typed as a choice first, then turned into a scale: the options stay in the form.
          {
            id: ' rating ',
            type: 'scale',
            text: ' How? ',
            min: 1,
            max: 5,
            minLabel: ' ',
            maxLabel: 'Well',
            options: ['a', 'b'],
          },
          {
            id: 'before',
            type: 'single-choice',
            text: 'Which?',
            required: true,
            options: [' Never', '', 'Often ', ''],
            multiline: true,
          },
          { id: 'why', type: 'text', text: 'Why?', required: null },
        ],
      }) as AtariConfig,
    ).toEqual({
      ...texts,
      questionnaire: [
        {
          id: 'rating',
          type: 'scale',
          text: 'How?',
          required: false,
          min: 1,
          max: 5,
          maxLabel: 'Well',
        },
        {
          id: 'before',
          type: 'single-choice',
          text: 'Which?',
          required: true,
          options: ['Never', 'Often'],
        },
        { id: 'why', type: 'text', text: 'Why?', required: false, multiline: false },
      ],
    });
  });
});

describe('questionnaire validators', () => {
  it('has the default questionnaire of the server', () => {
    expect(DEFAULT_QUESTIONNAIRE).toEqual(SERVER_QUESTIONNAIRE);
    expect(validateQuestionnaireList([...DEFAULT_QUESTIONNAIRE])).toBeUndefined();
  });

  it('checks the options typed one per line', () => {
    expect(validateOptionLines(['Never', ' Often', ''])).toBeUndefined();
    expect(validateOptionLines(['Never', '', ' '])).toBe('At least 2 options, one per line');
    expect(validateOptionLines(['a', 'b', 'a '])).toBe('The option "a" is listed twice');
    expect(validateOptionLines(Array.from({ length: 21 }, (_, i) => `o${i}`))).toBe(
      'At most 20 options',
    );
    expect(validateOptionLines(['x'.repeat(201), 'y'])).toBe('At most 200 characters an option');
  });

  it('refuses an ID used twice and scales that are empty or too long', () => {
    const scale = (min: number, max: number) => ({ id: `s${min}${max}`, type: 'scale', min, max });
    expect(validateQuestionnaireList([{ id: 'a' }, { id: ' a ' }])).toBe(
      'The ID "a" is used twice: each question needs its own',
    );
    expect(validateQuestionnaireList([scale(0, 10)])).toBeUndefined();
    expect(validateQuestionnaireList([{ id: 'x' }, scale(3, 3)])).toBe(
      'Question 2: the largest value must be above the smallest',
    );
    expect(validateQuestionnaireList([scale(0, 11)])).toBe(
      'Question 1: a scale has at most 11 steps (e.g. 0 to 10)',
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ id: `q${i}` }));
    expect(validateQuestionnaireList(many)).toBe('At most 50 questions');
  });

  it('describes each question in a few words', () => {
    expect(DEFAULT_QUESTIONNAIRE.map(describeQuestion)).toEqual([
      'scale 1 (Very badly) to 7 (Very well), required',
      'one of Never / A few times / Often, required',
      'paragraph text, optional',
    ]);
  });
});

describe('study payloads', () => {
  const values = {
    id: 's1',
    name: ' Pilot ',
    slug: 'pilot-1',
    kind: 'woz-robotaxi' as const,
    idPattern: '',
    requireAccessCode: true,
    participantCount: 12,
    createdAt: '2025-01-01T00:00:00Z',
    config: { ...texts, stepMs: 500, rounds: 2, stepLimit: 50 },
  };

  it('sends no read-only field on create and defaults the ID pattern', () => {
    expect(toStudyCreatePayload(values)).toEqual({
      name: 'Pilot',
      slug: 'pilot-1',
      kind: 'woz-robotaxi',
      idPattern: '^[TWD]\\d{4,6}$',
      requireAccessCode: true,
      config: { ...texts, stepMs: 500, rounds: 2, stepLimit: 50 },
    });
  });

  it('does not send the kind on update', () => {
    expect(toStudyUpdatePayload(values)).not.toHaveProperty('kind');
  });
});

describe('settings', () => {
  it('default to the values the server fills in', () => {
    const defaultsOf = (settings: Record<string, NumericSetting>) =>
      Object.fromEntries(Object.entries(settings).map(([key, s]) => [key, s.default]));
    expect(robotaxiConfig).toMatchObject(defaultsOf(NUMERIC_SETTINGS['woz-robotaxi']));
    expect(robotaxiConfig.rewards).toEqual(defaultsOf(REWARD_SETTINGS));
  });

  it('describe themselves with their range and default', () => {
    expect(numericHelperText(NUMERIC_SETTINGS['woz-robotaxi'].bombCountdownMs)).toBe(
      'Countdown after the rover hits a bomb, before the round starts again. 0 to 120,000, default 3,000.',
    );
    expect(numericHelperText(NUMERIC_SETTINGS['atari-demo'].sessionMinutes)).toBe(
      'Minutes of play in the recorded session (counted while the game runs). 0.1 to 120, default 10.',
    );
  });
});

describe('debrief question validators', () => {
  it.each(['strategy', 'q1', 'how-it-went', 'a_b', 'a'.repeat(64)])('accepts the ID %s', (id) => {
    expect(validateDebriefIdFormat(id)).toBeUndefined();
  });

  it.each(['Strategy', '-a', 'two words', 'a'.repeat(65)])('rejects the ID %s', (id) => {
    expect(validateDebriefIdFormat(id)).toMatch(/^Up to 64 lowercase letters/);
  });

  it('refuses an ID used twice and more than 20 questions', () => {
    expect(validateDebriefList([...DEFAULT_DEBRIEF_QUESTIONS])).toBeUndefined();
    expect(
      validateDebriefList([
        { id: 'a', text: 'One?' },
        { id: ' a ', text: 'Two?' },
      ]),
    ).toBe('The ID "a" is used twice: each question needs its own');
    const many = Array.from({ length: 21 }, (_, i) => ({ id: `q${i}`, text: 'Why?' }));
    expect(validateDebriefList(many)).toBe('At most 20 questions');
  });
});

describe('validators', () => {
  it('checks that the ID pattern compiles', () => {
    expect(validateIdPattern('^[TWD]\\d{4,6}$')).toBeUndefined();
    expect(validateIdPattern('^[TWD')).toBe('Not a valid regular expression');
  });

  it('accepts only http(s) URLs, and nothing', () => {
    expect(validateHttpUrl('https://example.org/done?cc=1')).toBeUndefined();
    expect(validateHttpUrl(null)).toBeUndefined();
    expect(validateHttpUrl('javascript:alert(1)')).toBe('Must be an http(s) URL');
    expect(validateHttpUrl('example.org')).toMatch(/^Must be a full URL/);
  });
});

describe('validateSlugFormat', () => {
  it.each(['abc', 'pilot-2025', 'a'.repeat(40)])('accepts %s', (slug) => {
    expect(validateSlugFormat(slug)).toBeUndefined();
  });

  it.each(['ab', 'Pilot', 'pilot study', 'pilot_1', 'a'.repeat(41)])('rejects %s', (slug) => {
    expect(validateSlugFormat(slug)).toBe(
      '3 to 40 characters: lowercase letters, digits and dashes',
    );
  });
});
