import { describe, expect, it } from 'vitest';

import {
  pickConfig,
  toStudyCreatePayload,
  toStudyUpdatePayload,
  validateHttpUrl,
  validateIdPattern,
  validateSlugFormat,
} from './studyConfig';

const texts = { consentText: 'I agree.\n', instructions: 'Drive.' };

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

  it('keeps the RoboTaxi settings', () => {
    expect(
      pickConfig('woz-robotaxi', { ...texts, stepMs: 1250, rounds: 3, stepLimit: 100, romId: 'x' }),
    ).toEqual({ ...texts, stepMs: 1250, rounds: 3, stepLimit: 100 });
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
