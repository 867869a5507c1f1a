import { describe, expect, it } from 'vitest';

import {
  DEFAULT_DEBRIEF_QUESTIONS,
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
    expect(numericHelperText(NUMERIC_SETTINGS['atari-demo'].trialMinutes)).toBe(
      '0 to 30, default 1',
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
