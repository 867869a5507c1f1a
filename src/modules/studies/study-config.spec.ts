import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEBRIEF_QUESTIONS, validateStudyConfig } from './study-config.js';

const texts = { consentText: 'I agree', instructions: 'Speak to the rover' };

describe('validateStudyConfig', () => {
  it('fills the defaults of each kind', () => {
    expect(validateStudyConfig('woz-robotaxi', texts)).toEqual({
      ...texts,
      stepMs: 1250,
      rounds: 3,
      stepLimit: 100,
      practiceRound: true,
      rewards: { step: -1, bomb: -10, acorn: 5, delivery: 10 },
      nopMemory: 3,
      gridSize: 12,
      bombs: 3,
      minItemDistance: 4,
      startClearance: 3,
      bombCountdownMs: 3000,
      roundCountdownMs: 15000,
      disconnectGraceS: 60,
      twoWayVoice: false,
      debriefQuestions: DEFAULT_DEBRIEF_QUESTIONS,
      recording: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    expect(validateStudyConfig('atari-demo', texts)).toEqual({
      ...texts,
      trialMinutes: 1,
      sessionMinutes: 10,
      recording: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  });

  it('takes the recording processing a study asks for, and names a bad flag', () => {
    const config = validateStudyConfig('atari-demo', {
      ...texts,
      recording: { noiseSuppression: true },
    });
    expect(config.recording).toEqual({
      echoCancellation: false,
      noiseSuppression: true,
      autoGainControl: false,
    });
    expect(() =>
      validateStudyConfig('atari-demo', { ...texts, recording: { autoGainControl: 'yes' } }),
    ).toThrow(/config.recording.autoGainControl/);
    expect(() => validateStudyConfig('atari-demo', { ...texts, recording: { agc: true } })).toThrow(
      /config.recording.agc/,
    );
  });

  it('names every bad field', () => {
    try {
      validateStudyConfig('woz-robotaxi', {
        consentText: '',
        instructions: 'x',
        stepMs: 5,
        bogus: 1,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      const body = (error as BadRequestException).getResponse() as { errors: { field: string }[] };
      expect(body.errors.map((e) => e.field).sort()).toEqual([
        'config.bogus',
        'config.consentText',
        'config.stepMs',
      ]);
    }
  });

  it('rejects fields of the other kind and non-objects', () => {
    expect(() => validateStudyConfig('atari-demo', { ...texts, stepMs: 1000 })).toThrow(
      /config.stepMs/,
    );
    expect(() => validateStudyConfig('atari-demo', [])).toThrow(/must be an object/);
  });

  describe('RoboTaxi levels and generation', () => {
    const fields = (raw: object): string[] => {
      try {
        validateStudyConfig('woz-robotaxi', { ...texts, ...raw });
        return [];
      } catch (error) {
        const body = (error as BadRequestException).getResponse() as {
          errors: { field: string; reason: string }[];
        };
        return body.errors.map((e) => `${e.field}: ${e.reason}`);
      }
    };

    it('keeps a valid level and names every problem of a bad one', () => {
      const level = { grid: ['#####', '#RA.#', '#...#', '#..S#', '#####'] };
      expect(fields({ level })).toEqual([]);
      const problems = fields({ practiceLevel: { grid: ['#####', '#X..#', '#####'] } });
      expect(problems.length).toBeGreaterThan(1);
      expect(problems.every((p) => p.startsWith('config.practiceLevel: '))).toBe(true);
      expect(problems.join('\n')).toMatch(/acorn/);
    });

    it('refuses generation settings that cannot place the items', () => {
      expect(fields({ gridSize: 7, bombs: 20, minItemDistance: 6 })).toEqual([
        expect.stringMatching(/^config.gridSize: /),
      ]);
    });

    it('refuses duplicate debrief question ids', () => {
      expect(
        fields({
          debriefQuestions: [
            { id: 'a', text: 'One?' },
            { id: 'a', text: 'Two?' },
          ],
        }),
      ).toEqual(['config.debriefQuestions.1.id: duplicate id a']);
    });
  });
});
