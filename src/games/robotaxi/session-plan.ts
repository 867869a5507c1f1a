/**
 * The rounds and episodes of a RoboTaxi session: which level each episode plays, its seed, and
 * what follows an episode's end. Pure: the server's session loop holds the clock and the sockets.
 *
 * A session is an optional practice round (round 0, on `practiceLevel`) and then `rounds` real
 * rounds (1..rounds), all on the same real level. A bomb restarts the round with a new episode
 * after `bombCountdownMs`; a delivery or the step limit ends the round, and after
 * `roundCountdownMs` the next round begins; the last real round leads to the feedback form.
 */
import { deriveSeed } from '../common/rng.js';
import { newEpisode } from './engine.js';
import { DEFAULT_GENERATE_OPTIONS, generateLevel, parseLevel, PRACTICE_LEVEL } from './maps.js';
import type { EpisodeOutcome, GameRules, GameState, Level } from './types.js';
import { DEFAULT_RULES } from './types.js';

export interface SessionRules extends GameRules {
  /** Real rounds after the practice round. */
  rounds: number;
  practiceRound: boolean;
  /** Bombs of a generated level. */
  bombs: number;
  /** Smallest Manhattan distance between items of a generated level. */
  minItemDistance: number;
  /** Rows and columns of a generated level, border included. */
  gridSize: number;
  /** A random start faces no bomb within this many cells straight ahead. */
  startClearance: number;
  /** Pause after a bomb before the round restarts. */
  bombCountdownMs: number;
  /** Pause between rounds. */
  roundCountdownMs: number;
  practiceLevel: Level;
  /** The researcher's own level for the real rounds; null: generated from the session seed. */
  level: Level | null;
}

export const DEFAULT_SESSION_RULES: SessionRules = {
  ...DEFAULT_RULES,
  rounds: 3,
  practiceRound: true,
  bombs: DEFAULT_GENERATE_OPTIONS.bombs,
  minItemDistance: DEFAULT_GENERATE_OPTIONS.minItemDistance,
  gridSize: DEFAULT_GENERATE_OPTIONS.size,
  startClearance: 3,
  bombCountdownMs: 3000,
  roundCountdownMs: 15000,
  practiceLevel: parseLevel(PRACTICE_LEVEL),
  level: null,
};

export interface EpisodePlan {
  /** Episodes of the session so far, from 0 (practice episodes included). */
  index: number;
  /** 0 for the practice round, else 1..rules.rounds. */
  round: number;
  practice: boolean;
  seed: number;
}

/**
 * What follows an episode: another episode of the same round (after a bomb), the next round, or
 * the feedback form. The feedback comes at once (`countdownMs: 0`): the session is over and
 * nothing is left to count down to.
 */
export type NextStep =
  | { next: 'episode' | 'round'; countdownMs: number; plan: EpisodePlan }
  | { next: 'feedback'; countdownMs: number; plan: null };

/** The seed of the session's `index`-th episode. */
export function episodeSeed(sessionSeed: number, index: number): number {
  return deriveSeed(sessionSeed, 'episode', index);
}

/** The real rounds' level: the researcher's, or one generated from the session seed. */
export function realLevel(rules: SessionRules, sessionSeed: number): Level {
  if (rules.level !== null) return rules.level;
  return generateLevel(deriveSeed(sessionSeed, 'map'), {
    size: rules.gridSize,
    bombs: rules.bombs,
    minItemDistance: rules.minItemDistance,
  });
}

/** The level an episode plays: the practice level in practice, else the session's real level. */
export function roundLevel(rules: SessionRules, sessionSeed: number, plan: EpisodePlan): Level {
  return plan.practice ? rules.practiceLevel : realLevel(rules, sessionSeed);
}

function planFor(sessionSeed: number, index: number, round: number): EpisodePlan {
  return { index, round, practice: round === 0, seed: episodeSeed(sessionSeed, index) };
}

/** The session's first episode: the practice round if there is one, else round 1. */
export function firstEpisode(rules: SessionRules, sessionSeed: number): EpisodePlan {
  return planFor(sessionSeed, 0, rules.practiceRound ? 0 : 1);
}

/** What follows the episode `prev` that ended with `outcome`. */
export function planAfter(
  prev: EpisodePlan,
  outcome: EpisodeOutcome,
  rules: SessionRules,
  sessionSeed: number,
): NextStep {
  switch (outcome) {
    case 'bomb':
      return {
        next: 'episode',
        countdownMs: rules.bombCountdownMs,
        plan: planFor(sessionSeed, prev.index + 1, prev.round),
      };
    case 'delivered':
    case 'step-limit': {
      const round = prev.practice ? 1 : prev.round + 1;
      if (round > rules.rounds) return { next: 'feedback', countdownMs: 0, plan: null };
      return {
        next: 'round',
        countdownMs: rules.roundCountdownMs,
        plan: planFor(sessionSeed, prev.index + 1, round),
      };
    }
  }
}

/** The initial state of a planned episode. */
export function episodeState(
  rules: SessionRules,
  sessionSeed: number,
  plan: EpisodePlan,
): GameState {
  return newEpisode(roundLevel(rules, sessionSeed, plan), plan.seed, rules.startClearance);
}
