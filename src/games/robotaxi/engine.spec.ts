import { describe, expect, it } from 'vitest';
import { randomInt } from '../common/rng.js';
import { actionOf, newEpisode, orientationOf, project, roverFacesBomb, step } from './engine.js';
import { generateLevel, parseLevel, PRACTICE_LEVEL } from './maps.js';
import type { GameRules, GameState, Rover } from './types.js';
import { Action, Cell, DEFAULT_RULES } from './types.js';

/**
 * 7x7 test map (x = col, y = row):
 *   0123456
 * 0 #######
 * 1 #.....#
 * 2 #.B...#
 * 3 #.....#
 * 4 #.....#
 * 5 #A...S#
 * 6 #######
 */
const GRID = ['#######', '#.....#', '#.B...#', '#.....#', '#.....#', '#A...S#', '#######'];
const RULES: GameRules = { ...DEFAULT_RULES };

function stateAt(rover: Rover, patch: Partial<GameState> = {}): GameState {
  const level = parseLevel({ grid: GRID });
  return { ...newEpisode({ ...level, start: rover }, 1, 0), ...patch };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('newEpisode', () => {
  it('starts a fresh episode on a copy of the map', () => {
    const level = parseLevel(PRACTICE_LEVEL);
    const before = JSON.stringify(level);
    const state = newEpisode(level, 9, 3);
    expect(state).toStrictEqual({
      rows: 12,
      cols: 12,
      map: level.map,
      rover: { x: 1, y: 2, orientation: 'DOWN' },
      hasAcorn: false,
      step: 0,
      score: 0,
      done: false,
      outcome: null,
      recentActions: [],
      rng: 9,
    });
    expect(state.map).not.toBe(level.map);
    expect(state.map[1]).not.toBe(level.map[1]);
    expect(state.rover).not.toBe(level.start);
    state.map[1][1] = Cell.Bomb;
    expect(JSON.stringify(level)).toBe(before);
  });

  it('draws a random start from the seed when the level has none', () => {
    const level = generateLevel(4);
    const a = newEpisode(level, 10, 3);
    expect(newEpisode(level, 10, 3)).toStrictEqual(a);
    expect(a.rng).not.toBe(10);
    expect(level.map[a.rover.y][a.rover.x]).toBe(Cell.Empty);
    expect(roverFacesBomb(a, 3)).toBe(false);
  });
});

describe('step: moves', () => {
  it.each([
    [Action.UP, { x: 3, y: 2, orientation: 'UP' }],
    [Action.RIGHT, { x: 4, y: 3, orientation: 'RIGHT' }],
    [Action.DOWN, { x: 3, y: 4, orientation: 'DOWN' }],
    [Action.LEFT, { x: 2, y: 3, orientation: 'LEFT' }],
  ] as const)('action %i moves one cell and faces the move', (action, rover) => {
    const result = step(stateAt({ x: 3, y: 3, orientation: 'DOWN' }), action, RULES);
    expect(result.state.rover).toStrictEqual(rover);
    expect(result.info).toStrictEqual({
      move: action,
      nopResolution: null,
      hitWall: false,
      reached: null,
      outcome: null,
    });
    expect(result.reward).toBe(RULES.stepReward);
    expect(result.state.step).toBe(1);
    expect(result.state.score).toBe(-1);
    expect(result.done).toBe(false);
    expect(result.state.recentActions).toStrictEqual([action]);
  });

  it('maps actions and headings both ways', () => {
    for (const action of [Action.UP, Action.RIGHT, Action.DOWN, Action.LEFT] as const) {
      expect(actionOf(orientationOf(action))).toBe(action);
    }
  });
});

describe('step: walls', () => {
  it.each([
    ['UP, left half', { x: 1, y: 1 }, Action.UP, 'RIGHT'],
    ['UP, right half', { x: 4, y: 1 }, Action.UP, 'LEFT'],
    ['DOWN, left half', { x: 3, y: 5 }, Action.DOWN, 'RIGHT'],
    ['DOWN, right half', { x: 4, y: 5 }, Action.DOWN, 'LEFT'],
    ['LEFT, top half', { x: 1, y: 3 }, Action.LEFT, 'DOWN'],
    ['LEFT, bottom half', { x: 1, y: 4 }, Action.LEFT, 'UP'],
    ['RIGHT, top half', { x: 5, y: 1 }, Action.RIGHT, 'DOWN'],
    ['RIGHT, bottom half', { x: 5, y: 4 }, Action.RIGHT, 'UP'],
  ] as const)('%s: stays and turns', (_name, at, action, turned) => {
    const result = step(stateAt({ ...at, orientation: 'DOWN' }), action, RULES);
    expect(result.state.rover).toStrictEqual({ ...at, orientation: turned });
    expect(result.info.hitWall).toBe(true);
    expect(result.info.move).toBe(action);
    expect(result.reward).toBe(RULES.stepReward);
    expect(result.state.step).toBe(1);
  });

  it('uses the centre of an even grid (x < cols/2)', () => {
    const level = parseLevel(PRACTICE_LEVEL);
    const at = (x: number): GameState =>
      newEpisode({ ...level, start: { x, y: 1, orientation: 'UP' } }, 1, 0);
    expect(step(at(5), Action.UP, RULES).state.rover.orientation).toBe('RIGHT');
    expect(step(at(6), Action.UP, RULES).state.rover.orientation).toBe('LEFT');
  });
});

describe('step: items', () => {
  it('ends the episode on a bomb and removes it', () => {
    const result = step(stateAt({ x: 2, y: 3, orientation: 'UP' }), Action.UP, RULES);
    expect(result.state.rover).toStrictEqual({ x: 2, y: 2, orientation: 'UP' });
    expect(result.state.map[2][2]).toBe(Cell.Empty);
    expect(result.reward).toBe(RULES.stepReward + RULES.bombReward);
    expect(result.state.score).toBe(-11);
    expect(result.done).toBe(true);
    expect(result.state.done).toBe(true);
    expect(result.state.outcome).toBe('bomb');
    expect(result.info).toMatchObject({ reached: 'bomb', outcome: 'bomb', hitWall: false });
  });

  it('collects the acorn', () => {
    const result = step(stateAt({ x: 1, y: 4, orientation: 'DOWN' }), Action.DOWN, RULES);
    expect(result.state.map[5][1]).toBe(Cell.Empty);
    expect(result.state.hasAcorn).toBe(true);
    expect(result.reward).toBe(RULES.stepReward + RULES.acornReward);
    expect(result.done).toBe(false);
    expect(result.info).toMatchObject({ reached: 'acorn', outcome: null });
  });

  it('crosses the squirrel without the acorn', () => {
    const result = step(stateAt({ x: 5, y: 4, orientation: 'DOWN' }), Action.DOWN, RULES);
    expect(result.state.rover).toMatchObject({ x: 5, y: 5 });
    expect(result.state.map[5][5]).toBe(Cell.Squirrel);
    expect(result.reward).toBe(RULES.stepReward);
    expect(result.done).toBe(false);
    expect(result.info).toMatchObject({ reached: 'squirrel', outcome: null });
    const off = step(result.state, Action.LEFT, RULES);
    expect(off.state.map[5][5]).toBe(Cell.Squirrel);
    expect(off.info.reached).toBeNull();
  });

  it('delivers the acorn to the squirrel', () => {
    const state = stateAt({ x: 5, y: 4, orientation: 'DOWN' }, { hasAcorn: true, score: 3 });
    const result = step(state, Action.DOWN, RULES);
    expect(result.reward).toBe(RULES.stepReward + RULES.deliveryReward);
    expect(result.state.score).toBe(12);
    expect(result.done).toBe(true);
    expect(result.state.outcome).toBe('delivered');
    expect(result.state.hasAcorn).toBe(true);
    expect(result.state.map[5][5]).toBe(Cell.Squirrel);
    expect(result.info).toMatchObject({ reached: 'squirrel', outcome: 'delivered' });
  });

  it('sums the rewards of a whole episode', () => {
    const rules = { ...RULES, stepReward: -0.5, acornReward: 7, deliveryReward: 20 };
    let state = stateAt({ x: 1, y: 3, orientation: 'DOWN' });
    const rewards: number[] = [];
    const path = [Action.DOWN, Action.DOWN, Action.RIGHT, Action.RIGHT, Action.RIGHT, Action.RIGHT];
    for (const action of path) {
      const result = step(state, action, rules);
      rewards.push(result.reward);
      state = result.state;
    }
    expect(rewards).toStrictEqual([-0.5, 6.5, -0.5, -0.5, -0.5, 19.5]);
    expect(state.score).toBe(24);
    expect(state.outcome).toBe('delivered');
    expect(() => step(state, Action.UP, rules)).toThrow('episode is over');
  });
});

describe('step: step limit', () => {
  it('ends the episode at the step limit', () => {
    const rules = { ...RULES, stepLimit: 3 };
    let state = stateAt({ x: 3, y: 3, orientation: 'DOWN' });
    const done: boolean[] = [];
    for (const action of [Action.UP, Action.DOWN, Action.UP]) {
      const result = step(state, action, rules);
      done.push(result.done);
      state = result.state;
    }
    expect(done).toStrictEqual([false, false, true]);
    expect(state.outcome).toBe('step-limit');
    expect(state.step).toBe(3);
    expect(state.score).toBe(-3);
    expect(() => step(state, Action.UP, rules)).toThrow();
  });

  it('reports a bomb on the last step as a bomb', () => {
    const rules = { ...RULES, stepLimit: 1 };
    const result = step(stateAt({ x: 2, y: 3, orientation: 'UP' }), Action.UP, rules);
    expect(result.state.outcome).toBe('bomb');
    expect(result.info.outcome).toBe('bomb');
  });
});

describe('step: NOP', () => {
  it('repeats the last move within the memory window, then moves at random', () => {
    let state = stateAt({ x: 1, y: 1, orientation: 'DOWN' }, { rng: 5 });
    state = step(state, Action.RIGHT, RULES).state;
    const resolutions: (string | null)[] = [];
    const moves: Action[] = [];
    let rngBefore = state.rng;
    for (let i = 0; i < 4; i++) {
      rngBefore = state.rng;
      const result = step(state, Action.NOP, RULES);
      resolutions.push(result.info.nopResolution);
      moves.push(result.info.move);
      state = result.state;
    }
    expect(resolutions).toStrictEqual(['repeat', 'repeat', 'repeat', 'random']);
    expect(moves.slice(0, 3)).toStrictEqual([Action.RIGHT, Action.RIGHT, Action.RIGHT]);
    const drawn = randomInt(rngBefore, 4);
    expect(moves[3]).toBe([Action.UP, Action.RIGHT, Action.DOWN, Action.LEFT][drawn.value]);
    expect(state.rng).toBe(drawn.state);
    expect(state.recentActions).toStrictEqual([Action.NOP, Action.NOP, Action.NOP]);
  });

  it('repeats the most recent move, leaving the rng alone', () => {
    const state = stateAt(
      { x: 3, y: 3, orientation: 'DOWN' },
      { recentActions: [Action.UP, Action.LEFT, Action.NOP], rng: 99 },
    );
    const result = step(state, Action.NOP, RULES);
    expect(result.info.move).toBe(Action.LEFT);
    expect(result.info.nopResolution).toBe('repeat');
    expect(result.state.rover).toStrictEqual({ x: 2, y: 3, orientation: 'LEFT' });
    expect(result.state.rng).toBe(99);
    expect(result.state.recentActions).toStrictEqual([Action.LEFT, Action.NOP, Action.NOP]);
  });

  it('moves at random with no history and follows the seeded rng', () => {
    const moves = new Set<Action>();
    for (let seed = 0; seed < 40; seed++) {
      const state = stateAt({ x: 3, y: 3, orientation: 'DOWN' }, { rng: seed });
      const result = step(state, Action.NOP, RULES);
      expect(result.info.nopResolution).toBe('random');
      expect(result.state.rng).toBe(randomInt(seed, 4).state);
      expect(step(state, Action.NOP, RULES)).toStrictEqual(result);
      moves.add(result.info.move);
    }
    expect(moves.size).toBe(4);
  });

  it('keeps the last nopMemory chosen actions', () => {
    let state = stateAt({ x: 3, y: 3, orientation: 'DOWN' });
    for (const action of [Action.RIGHT, Action.NOP, Action.UP, Action.NOP]) {
      state = step(state, action, RULES).state;
    }
    expect(state.recentActions).toStrictEqual([Action.NOP, Action.UP, Action.NOP]);
  });

  it('looks at the last nopMemory actions only, however many are stored', () => {
    const rules = { ...RULES, nopMemory: 2 };
    const state = stateAt(
      { x: 3, y: 3, orientation: 'DOWN' },
      { recentActions: [Action.RIGHT, Action.NOP, Action.NOP] },
    );
    const result = step(state, Action.NOP, rules);
    expect(result.info.nopResolution).toBe('random');
    expect(result.state.recentActions).toStrictEqual([Action.NOP, Action.NOP]);
    expect(step(state, Action.NOP, RULES).info.nopResolution).toBe('repeat');
  });

  it('honours other memory sizes', () => {
    const one = { ...RULES, nopMemory: 1 };
    let state = step(stateAt({ x: 3, y: 3, orientation: 'DOWN' }), Action.RIGHT, one).state;
    const first = step(state, Action.NOP, one);
    expect(first.info.nopResolution).toBe('repeat');
    state = first.state;
    expect(step(state, Action.NOP, one).info.nopResolution).toBe('random');
    const none = { ...RULES, nopMemory: 0 };
    const zero = step(stateAt({ x: 3, y: 3, orientation: 'DOWN' }), Action.UP, none);
    expect(zero.state.recentActions).toStrictEqual([]);
    expect(step(zero.state, Action.NOP, none).info.nopResolution).toBe('random');
  });
});

describe('step: purity', () => {
  it('never mutates its input and shares nothing with it', () => {
    const cases: [Rover, Action, Partial<GameState>][] = [
      [{ x: 2, y: 3, orientation: 'UP' }, Action.UP, {}],
      [{ x: 1, y: 4, orientation: 'DOWN' }, Action.DOWN, {}],
      [{ x: 1, y: 1, orientation: 'UP' }, Action.UP, {}],
      [{ x: 3, y: 3, orientation: 'UP' }, Action.NOP, { recentActions: [Action.LEFT] }],
      [{ x: 3, y: 3, orientation: 'UP' }, Action.NOP, {}],
    ];
    for (const [rover, action, patch] of cases) {
      const state = deepFreeze(stateAt(rover, patch));
      const before = JSON.stringify(state);
      const result = step(state, action, RULES);
      expect(JSON.stringify(state)).toBe(before);
      expect(result.state.map).not.toBe(state.map);
      result.state.map.forEach((row, y) => expect(row).not.toBe(state.map[y]));
      expect(result.state.rover).not.toBe(state.rover);
      expect(result.state.recentActions).not.toBe(state.recentActions);
    }
  });

  it('rejects unknown actions', () => {
    const state = stateAt({ x: 3, y: 3, orientation: 'UP' });
    expect(() => step(state, 7 as Action, RULES)).toThrow(RangeError);
    expect(() => step(state, -1 as Action, RULES)).toThrow(RangeError);
  });
});

describe('project', () => {
  const state = stateAt({ x: 3, y: 3, orientation: 'LEFT' }, { hasAcorn: true, step: 4, score: 2 });

  it('shows the teacher everything, as a copy', () => {
    const view = project(state, 'teacher');
    expect(view).toStrictEqual({
      role: 'teacher',
      rows: 7,
      cols: 7,
      map: state.map,
      rover: state.rover,
      hasAcorn: true,
      step: 4,
      score: 2,
      done: false,
      outcome: null,
    });
    expect(view.map).not.toBe(state.map);
    expect(view.map[2]).not.toBe(state.map[2]);
  });

  it('shows the wizard walls and the rover only', () => {
    const view = project(state, 'wizard');
    expect(view.map.flat().filter((c) => c !== Cell.Wall && c !== Cell.Empty)).toStrictEqual([]);
    view.map.forEach((row, y) =>
      row.forEach((cell, x) => expect(cell === Cell.Wall).toBe(state.map[y][x] === Cell.Wall)),
    );
    expect(view).toMatchObject({ role: 'wizard', rover: state.rover, hasAcorn: true, score: 2 });
    expect(state.map[2][2]).toBe(Cell.Bomb);
  });
});
