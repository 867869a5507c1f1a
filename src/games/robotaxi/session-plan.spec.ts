import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../common/rng.js';
import { newEpisode } from './engine.js';
import { generateLevel, parseLevel, PRACTICE_LEVEL } from './maps.js';
import type { EpisodePlan, SessionRules } from './session-plan.js';
import {
  DEFAULT_SESSION_RULES,
  episodeState,
  firstEpisode,
  planAfter,
  realLevel,
  roundLevel,
} from './session-plan.js';
import type { EpisodeOutcome } from './types.js';
import { Cell, DEFAULT_RULES } from './types.js';

const SEED = 4242;
const RULES: SessionRules = { ...DEFAULT_SESSION_RULES };

function plan(index: number, round: number): EpisodePlan {
  return { index, round, practice: round === 0, seed: deriveSeed(SEED, 'episode', index) };
}

describe('DEFAULT_SESSION_RULES', () => {
  it('holds the study defaults', () => {
    expect(DEFAULT_SESSION_RULES).toMatchObject({
      ...DEFAULT_RULES,
      rounds: 3,
      practiceRound: true,
      bombs: 3,
      minItemDistance: 4,
      gridSize: 12,
      bombCountdownMs: 3000,
      roundCountdownMs: 15000,
      level: null,
    });
    expect(DEFAULT_SESSION_RULES.practiceLevel).toStrictEqual(parseLevel(PRACTICE_LEVEL));
  });
});

describe('firstEpisode', () => {
  it('starts with the practice round', () => {
    expect(firstEpisode(RULES, SEED)).toStrictEqual({
      index: 0,
      round: 0,
      practice: true,
      seed: deriveSeed(SEED, 'episode', 0),
    });
  });

  it('starts with round 1 without practice', () => {
    expect(firstEpisode({ ...RULES, practiceRound: false }, SEED)).toStrictEqual({
      index: 0,
      round: 1,
      practice: false,
      seed: deriveSeed(SEED, 'episode', 0),
    });
  });
});

describe('planAfter', () => {
  it('restarts the practice round after a bomb', () => {
    expect(planAfter(plan(0, 0), 'bomb', RULES, SEED)).toStrictEqual({
      next: 'episode',
      countdownMs: 3000,
      plan: plan(1, 0),
    });
  });

  it.each(['delivered', 'step-limit'] as const)(
    'goes from practice to round 1 on %s',
    (outcome) => {
      expect(planAfter(plan(2, 0), outcome, RULES, SEED)).toStrictEqual({
        next: 'round',
        countdownMs: 15000,
        plan: plan(3, 1),
      });
    },
  );

  it('restarts a real round with a new episode after a bomb', () => {
    expect(planAfter(plan(5, 2), 'bomb', RULES, SEED)).toStrictEqual({
      next: 'episode',
      countdownMs: 3000,
      plan: plan(6, 2),
    });
  });

  it('moves to the next round', () => {
    expect(planAfter(plan(3, 1), 'delivered', RULES, SEED)).toStrictEqual({
      next: 'round',
      countdownMs: 15000,
      plan: plan(4, 2),
    });
  });

  it.each(['delivered', 'step-limit'] as const)(
    'ends with feedback after the last round (%s)',
    (outcome) => {
      expect(planAfter(plan(7, 3), outcome, RULES, SEED)).toStrictEqual({
        next: 'feedback',
        countdownMs: 0,
        plan: null,
      });
    },
  );

  it('uses the configured countdowns and round count', () => {
    const rules = { ...RULES, rounds: 1, bombCountdownMs: 1000, roundCountdownMs: 2000 };
    expect(planAfter(plan(0, 1), 'bomb', rules, SEED).countdownMs).toBe(1000);
    expect(planAfter(plan(0, 0), 'delivered', rules, SEED).countdownMs).toBe(2000);
    expect(planAfter(plan(1, 1), 'delivered', rules, SEED).next).toBe('feedback');
    expect(planAfter(plan(0, 0), 'delivered', { ...rules, rounds: 0 }, SEED).next).toBe('feedback');
  });

  it('walks a whole session', () => {
    const outcomes: EpisodeOutcome[] = [
      'bomb',
      'delivered',
      'bomb',
      'bomb',
      'step-limit',
      'delivered',
      'bomb',
      'delivered',
    ];
    let current: EpisodePlan | null = firstEpisode(RULES, SEED);
    const seen: [number, number][] = [];
    for (const outcome of outcomes) {
      if (current === null) throw new Error('session ended early');
      seen.push([current.index, current.round]);
      current = planAfter(current, outcome, RULES, SEED).plan;
    }
    expect(current).toBeNull();
    expect(seen).toStrictEqual([
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 2],
      [6, 3],
      [7, 3],
    ]);
  });
});

describe('roundLevel', () => {
  it('plays the practice level in practice', () => {
    expect(roundLevel(RULES, SEED, plan(0, 0))).toBe(RULES.practiceLevel);
  });

  it('plays one generated level in every real round, from the session seed', () => {
    const level = roundLevel(RULES, SEED, plan(1, 1));
    expect(level).toStrictEqual(
      generateLevel(deriveSeed(SEED, 'map'), { size: 12, bombs: 3, minItemDistance: 4 }),
    );
    expect(roundLevel(RULES, SEED, plan(4, 2))).toStrictEqual(level);
    expect(roundLevel(RULES, SEED, plan(9, 3))).toStrictEqual(level);
    expect(roundLevel(RULES, SEED + 1, plan(1, 1))).not.toStrictEqual(level);
    expect(level.start).toBeNull();
  });

  it('follows the generation settings', () => {
    const rules = { ...RULES, gridSize: 15, bombs: 6, minItemDistance: 3 };
    const level = realLevel(rules, SEED);
    expect(level.rows).toBe(15);
    expect(level.map.flat().filter((c) => c === Cell.Bomb)).toHaveLength(6);
  });

  it("plays the researcher's own level when given", () => {
    const own = parseLevel({ grid: ['#####', '#A.S#', '#...#', '#B..#', '#####'] });
    expect(roundLevel({ ...RULES, level: own }, SEED, plan(1, 1))).toBe(own);
    expect(roundLevel({ ...RULES, level: own }, SEED, plan(0, 0))).toBe(RULES.practiceLevel);
  });
});

describe('episodeState', () => {
  it('starts the planned episode on its level with its seed', () => {
    const real = plan(3, 1);
    const state = episodeState(RULES, SEED, real);
    expect(state).toStrictEqual(
      newEpisode(realLevel(RULES, SEED), real.seed, RULES.startClearance),
    );
    expect(episodeState(RULES, SEED, real)).toStrictEqual(state);
  });

  it('restarts practice at the fixed start', () => {
    const state = episodeState(RULES, SEED, plan(1, 0));
    expect(state.rover).toStrictEqual({ x: 1, y: 2, orientation: 'DOWN' });
    expect(state.map).toStrictEqual(RULES.practiceLevel.map);
  });

  it('gives different episodes of a round different random starts', () => {
    const starts = new Set(
      [1, 2, 3, 4, 5, 6].map((i) => JSON.stringify(episodeState(RULES, SEED, plan(i, 1)).rover)),
    );
    expect(starts.size).toBeGreaterThan(1);
  });
});
