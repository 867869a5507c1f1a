import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE } from '../atari/questionnaire.js';
import {
  DEFAULT_DEBRIEF_QUESTIONS,
  DEFAULT_MIC_HELP_TEXT,
  DEFAULT_QUESTIONNAIRE_INTRO,
  DEFAULT_SESSION_INSTRUCTIONS,
  validateStudyConfig,
} from './study-config.js';

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
      sessionInstructions: DEFAULT_SESSION_INSTRUCTIONS,
      micHelpText: DEFAULT_MIC_HELP_TEXT,
      questionnaireIntro: DEFAULT_QUESTIONNAIRE_INTRO,
      questionnaire: DEFAULT_QUESTIONNAIRE,
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

  describe('Atari session texts and questionnaire', () => {
    const problems = (raw: object): string[] => {
      try {
        validateStudyConfig('atari-demo', { ...texts, ...raw });
        return [];
      } catch (error) {
        const body = (error as BadRequestException).getResponse() as {
          errors: { field: string; reason: string }[];
        };
        return body.errors.map((e) => `${e.field}: ${e.reason}`);
      }
    };

    it('has a default questionnaire with a 1–7 scale, a single choice and an optional text', () => {
      expect(DEFAULT_QUESTIONNAIRE.map((q) => q.type)).toEqual(['scale', 'single-choice', 'text']);
      expect(DEFAULT_QUESTIONNAIRE[0]).toMatchObject({ min: 1, max: 7, required: true });
      expect(DEFAULT_QUESTIONNAIRE[1]).toMatchObject({
        options: ['Never', 'A few times', 'Often'],
      });
      expect(DEFAULT_QUESTIONNAIRE[2]).toMatchObject({ required: false, multiline: true });
    });

    it('keeps what the study sets, an empty questionnaire included, and short sessions', () => {
      const questionnaire = [
        { id: 'fun', type: 'scale', text: 'Fun?', required: false, min: 0, max: 10 },
        { id: 'why', type: 'text', text: 'Why?' },
      ];
      const config = validateStudyConfig('atari-demo', {
        ...texts,
        trialMinutes: 0,
        sessionMinutes: 0.1,
        sessionInstructions: 'Go.',
        micHelpText: 'Allow the mic.',
        questionnaireIntro: 'Tell us.',
        questionnaire,
      });
      expect(config).toMatchObject({
        trialMinutes: 0,
        sessionMinutes: 0.1,
        sessionInstructions: 'Go.',
        micHelpText: 'Allow the mic.',
        questionnaireIntro: 'Tell us.',
        questionnaire: [
          questionnaire[0],
          { id: 'why', type: 'text', text: 'Why?', required: false, multiline: false },
        ],
      });
      expect(
        validateStudyConfig('atari-demo', { ...texts, questionnaire: [] }).questionnaire,
      ).toEqual([]);
    });

    it('names every bad text, length and question', () => {
      const fields = (raw: object) => [...new Set(problems(raw).map((p) => p.split(':')[0]))];
      expect(
        fields({
          sessionMinutes: 0.05,
          trialMinutes: -1,
          sessionInstructions: '',
          micHelpText: 3,
          questionnaire: [
            { id: 'a', type: 'scale', text: 'How?', required: true, min: 5, max: 1 },
            { id: 'a', type: 'single-choice', text: 'Which?', required: true, options: ['x', 'x'] },
          ],
        }),
      ).toEqual([
        'config.trialMinutes',
        'config.sessionMinutes',
        'config.sessionInstructions',
        'config.micHelpText',
        'config.questionnaire.0.max',
        'config.questionnaire.1.id',
        'config.questionnaire.1.options.1',
      ]);
      expect(problems({ questionnaire: 'none' })).toEqual([
        'config.questionnaire: questionnaire must be an array',
      ]);
      expect(
        problems({ questionnaire: [{ id: 'q', type: 'text', text: 'Why?', extra: 1 }] }),
      ).toEqual([expect.stringMatching(/^config.questionnaire.0: .*extra/)]);
    });
  });
});
