import { describe, expect, it } from 'vitest';
import { validateStudyConfig } from '../studies/study-config.js';
import { robotaxiSettings } from './robotaxi-study.js';

const texts = { consentText: 'c', instructions: 'i' };

describe('robotaxiSettings', () => {
  it('gives a study saved before a setting existed that setting’s default', () => {
    // What an early study stored: no rewards, countdowns, grace period or debrief questions.
    const settings = robotaxiSettings({ ...texts, stepMs: 500, rounds: 2, stepLimit: 40 });
    expect(settings.stepMs).toBe(500);
    expect(settings.rules).toMatchObject({
      rounds: 2,
      stepLimit: 40,
      stepReward: -1,
      bombReward: -10,
    });
    expect(settings.disconnectGraceMs).toBe(60_000);
    expect(settings.debriefQuestions.length).toBeGreaterThan(0);
  });

  it('reads what validateStudyConfig stored, partial rewards included', () => {
    const stored = validateStudyConfig('woz-robotaxi', {
      ...texts,
      rewards: { bomb: -20 },
      disconnectGraceS: 5,
      level: { grid: ['#####', '#RA.#', '#...#', '#..S#', '#####'] },
    });
    const settings = robotaxiSettings(stored);
    expect(settings.rewards).toEqual({ step: -1, bomb: -20, acorn: 5, delivery: 10 });
    expect(settings.disconnectGraceMs).toBe(5_000);
    expect(settings.rules.level?.start).toEqual({ x: 1, y: 1, orientation: 'DOWN' });
  });
});
