import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { validateStudyConfig } from './study-config.js';

const texts = { consentText: 'I agree', instructions: 'Speak to the rover' };

describe('validateStudyConfig', () => {
  it('fills the defaults of each kind', () => {
    expect(validateStudyConfig('woz-robotaxi', texts)).toEqual({
      ...texts,
      stepMs: 1250,
      rounds: 3,
      stepLimit: 100,
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
});
