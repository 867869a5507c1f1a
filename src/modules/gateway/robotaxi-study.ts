/**
 * A RoboTaxi study's config (validated by `validateStudyConfig`) as the game loop needs it.
 * Pure: no Nest, no I/O.
 */
import { parseLevel, PRACTICE_LEVEL } from '../../games/robotaxi/maps.js';
import type { SessionRules } from '../../games/robotaxi/session-plan.js';
import type { RobotaxiStudyConfig } from '../studies/study-config.js';

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

/** The stored config is the validated class's JSON; defaults fill anything an older study lacks. */
export type StoredRobotaxiConfig = Partial<Omit<RobotaxiStudyConfig, 'rewards'>> & {
  rewards?: Partial<RobotaxiStudyConfig['rewards']>;
};

export function robotaxiSettings(raw: Record<string, unknown>): RobotaxiSettings {
  const config = raw as StoredRobotaxiConfig;
  const rewards = {
    step: config.rewards?.step ?? -1,
    bomb: config.rewards?.bomb ?? -10,
    acorn: config.rewards?.acorn ?? 5,
    delivery: config.rewards?.delivery ?? 10,
  };
  const rules: SessionRules = {
    stepReward: rewards.step,
    bombReward: rewards.bomb,
    acornReward: rewards.acorn,
    deliveryReward: rewards.delivery,
    stepLimit: config.stepLimit ?? 100,
    nopMemory: config.nopMemory ?? 3,
    rounds: config.rounds ?? 3,
    practiceRound: config.practiceRound ?? true,
    bombs: config.bombs ?? 3,
    minItemDistance: config.minItemDistance ?? 4,
    gridSize: config.gridSize ?? 12,
    startClearance: config.startClearance ?? 3,
    bombCountdownMs: config.bombCountdownMs ?? 3000,
    roundCountdownMs: config.roundCountdownMs ?? 15_000,
    practiceLevel: parseLevel(config.practiceLevel ?? PRACTICE_LEVEL, 'practice'),
    level: config.level ? parseLevel(config.level, 'level') : null,
  };
  return {
    rules,
    stepMs: config.stepMs ?? 1250,
    disconnectGraceMs: (config.disconnectGraceS ?? 60) * 1000,
    twoWayVoice: config.twoWayVoice ?? false,
    rewards,
    debriefQuestions: config.debriefQuestions ?? [],
    completionCode: config.completionCode ?? null,
    completionRedirectUrl: config.completionRedirectUrl ?? null,
  };
}
