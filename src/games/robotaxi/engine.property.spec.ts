import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newEpisode, step } from './engine.js';
import { generateLevel, parseLevel, PRACTICE_LEVEL } from './maps.js';
import type { Action, GameRules, GameState, StepResult } from './types.js';
import { ACTIONS, Cell, DEFAULT_RULES } from './types.js';

const RULES: GameRules = { ...DEFAULT_RULES };

/** Plays `actions` until the episode ends; every step's result (state, reward, info) as JSON. */
function play(start: GameState, actions: Action[], rules: GameRules): string[] {
  const trace: string[] = [];
  let state = start;
  for (const action of actions) {
    if (state.done) break;
    const result = step(state, action, rules);
    trace.push(JSON.stringify(result));
    state = result.state;
  }
  return trace;
}

describe('determinism (property)', () => {
  const seedArb = fc.integer({ min: 0, max: 0xffffffff });
  const actionsArb = fc.array(fc.constantFrom(...ACTIONS), { maxLength: 120 });
  const rules = { ...RULES, stepLimit: 100 };

  it('replays identically from the same seed and actions', () => {
    fc.assert(
      fc.property(seedArb, actionsArb, fc.boolean(), (seed, actions, practice) => {
        const level = practice ? parseLevel(PRACTICE_LEVEL) : generateLevel(seed);
        const a = play(newEpisode(level, seed, 3), actions, rules);
        const b = play(newEpisode(level, seed, 3), actions, rules);
        expect(a).toStrictEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it('continues identically from a state persisted as JSON', () => {
    fc.assert(
      fc.property(seedArb, actionsArb, fc.nat(), (seed, actions, cut) => {
        const start = newEpisode(generateLevel(seed), seed, 3);
        const full = play(start, actions, rules);
        if (full.length === 0) return;
        const k = cut % full.length;
        const resumed = (JSON.parse(full[k]) as StepResult).state;
        const rest = play(resumed, actions.slice(k + 1), rules);
        expect(rest).toStrictEqual(full.slice(k + 1));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the invariants: rover off walls, score the sum of rewards, bounded memory', () => {
    fc.assert(
      fc.property(seedArb, actionsArb, (seed, actions) => {
        let state = newEpisode(generateLevel(seed), seed, 3);
        let sum = 0;
        for (const action of actions) {
          if (state.done) break;
          const result = step(state, action, rules);
          sum += result.reward;
          state = result.state;
          expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
          expect(state.map[state.rover.y][state.rover.x]).not.toBe(Cell.Wall);
          expect(state.recentActions.length).toBeLessThanOrEqual(rules.nopMemory);
          expect(state.done).toBe(state.outcome !== null);
        }
        expect(state.score).toBeCloseTo(sum, 10);
        expect(state.step).toBeLessThanOrEqual(rules.stepLimit);
      }),
      { numRuns: 200 },
    );
  });
});
