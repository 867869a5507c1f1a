/**
 * A RoboTaxi study's config (validated by `validateStudyConfig`) as the game loop needs it.
 * Pure: no Nest, no I/O.
 */
import { plainToInstance } from 'class-transformer';
import { parseLevel, PRACTICE_LEVEL } from '../../games/robotaxi/maps.js';
import type { SessionRules } from '../../games/robotaxi/session-plan.js';
import { RobotaxiStudyConfig } from '../studies/study-config.js';

/** What the runner needs beyond the game rules. */
export interface RobotaxiSettings {
  rules: SessionRules;
  stepMs: number;
  disconnectGraceMs: number;
  twoWayVoice: boolean;
  rewards: { step: number; bomb: number; acorn: number; delivery: number };
  debriefQuestions: { id: string; text: string }[];
  completionCode: string | null;
  completionRedirectUrl: string | null;
}

/**
 * The stored config is the validated class's JSON. It is read back through the same class, so
 * that a study saved before a setting existed gets that setting's one default (the class's).
 */
export function robotaxiSettings(raw: Record<string, unknown>): RobotaxiSettings {
  const config = plainToInstance(RobotaxiStudyConfig, raw, { exposeDefaultValues: true });
  const { rewards } = config;
  const rules: SessionRules = {
    stepReward: rewards.step,
    bombReward: rewards.bomb,
    acornReward: rewards.acorn,
    deliveryReward: rewards.delivery,
    stepLimit: config.stepLimit,
    nopMemory: config.nopMemory,
    rounds: config.rounds,
    practiceRound: config.practiceRound,
    bombs: config.bombs,
    minItemDistance: config.minItemDistance,
    gridSize: config.gridSize,
    startClearance: config.startClearance,
    bombCountdownMs: config.bombCountdownMs,
    roundCountdownMs: config.roundCountdownMs,
    practiceLevel: parseLevel(config.practiceLevel ?? PRACTICE_LEVEL, 'practice'),
    level: config.level ? parseLevel(config.level, 'level') : null,
  };
  return {
    rules,
    stepMs: config.stepMs,
    disconnectGraceMs: config.disconnectGraceS * 1000,
    twoWayVoice: config.twoWayVoice,
    rewards: {
      step: rewards.step,
      bomb: rewards.bomb,
      acorn: rewards.acorn,
      delivery: rewards.delivery,
    },
    debriefQuestions: config.debriefQuestions.map(({ id, text }) => ({ id, text })),
    completionCode: config.completionCode ?? null,
    completionRedirectUrl: config.completionRedirectUrl ?? null,
  };
}
