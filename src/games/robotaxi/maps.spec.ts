import { describe, expect, it } from 'vitest';
import {
  bombAhead,
  generateLevel,
  LevelError,
  levelToJson,
  parseLevel,
  pickStart,
  PRACTICE_LEVEL,
} from './maps.js';
import type { Level, LevelJson, Position } from './types.js';
import { Cell } from './types.js';

function problemsOf(json: unknown): string[] {
  try {
    parseLevel(json);
  } catch (error) {
    expect(error).toBeInstanceOf(LevelError);
    return (error as LevelError).problems;
  }
  throw new Error('expected parseLevel to throw');
}

function cellsOf(level: Level, cell: Cell): Position[] {
  const found: Position[] = [];
  level.map.forEach((row, y) => row.forEach((c, x) => c === cell && found.push({ x, y })));
  return found;
}

function manhattan(a: Position, b: Position): number {
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
}

const SMALL: LevelJson = {
  grid: ['#######', '#.....#', '#.B...#', '#..R..#', '#.....#', '#A...S#', '#######'],
};

describe('parseLevel', () => {
  it('parses the practice level', () => {
    const level = parseLevel(PRACTICE_LEVEL);
    expect(level.rows).toBe(12);
    expect(level.cols).toBe(12);
    expect(level.name).toBe('practice');
    expect(level.start).toStrictEqual({ x: 1, y: 2, orientation: 'DOWN' });
    expect(level.map[2][1]).toBe(Cell.Empty);
    expect(cellsOf(level, Cell.Bomb)).toStrictEqual([
      { x: 5, y: 1 },
      { x: 5, y: 5 },
      { x: 2, y: 10 },
    ]);
    expect(cellsOf(level, Cell.Acorn)).toStrictEqual([{ x: 10, y: 3 }]);
    expect(cellsOf(level, Cell.Squirrel)).toStrictEqual([{ x: 10, y: 10 }]);
    for (let i = 0; i < 12; i++) {
      for (const [y, x] of [
        [0, i],
        [11, i],
        [i, 0],
        [i, 11],
      ]) {
        expect(level.map[y][x]).toBe(Cell.Wall);
      }
    }
    expect(cellsOf(level, Cell.Wall)).toHaveLength(44);
  });

  it('reads the start, its orientation and the name', () => {
    const level = parseLevel({ ...SMALL, orientation: 'LEFT' }, 'small.json');
    expect(level.start).toStrictEqual({ x: 3, y: 3, orientation: 'LEFT' });
    expect(level.name).toBe('small.json');
    expect(parseLevel({ ...SMALL, name: 'mine' }, 'file').name).toBe('mine');
    expect(parseLevel(SMALL).name).toBe('level');
    expect(level.map[2][2]).toBe(Cell.Bomb);
    expect(level.map[5][1]).toBe(Cell.Acorn);
    expect(level.map[5][5]).toBe(Cell.Squirrel);
  });

  it('gives a random start without R', () => {
    const grid = SMALL.grid.map((row) => row.replace('R', '.'));
    expect(parseLevel({ grid }).start).toBeNull();
    expect(parseLevel({ grid, randomStart: true }).start).toBeNull();
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      grid: ['#######', '#..x..#', '#.B...#', '#..R.#', '#.....#', '#A.A..#', '#######'],
    });
    expect(problems).toStrictEqual([
      'grid row 3: expected 7 characters, found 6',
      'grid row 1, col 3: unknown character "x" (allowed: # . B A S R)',
      'grid: needs exactly 1 acorn (A), found 2',
      'grid: needs exactly 1 squirrel (S), found 0',
    ]);
  });

  it('names the error and joins the problems in its message', () => {
    const json = { name: 'broken', grid: ['#####', '#A..#', '#...#', '#...#', '#####'] };
    expect(() => parseLevel(json)).toThrow(LevelError);
    expect(() => parseLevel(json)).toThrow(
      'Invalid level "broken": grid: needs exactly 1 squirrel (S), found 0',
    );
  });

  it('requires walls all around the border', () => {
    const problems = problemsOf({
      grid: ['###.###', '#.....#', '#.B...#', '.A...S#', '#.....#', '#.....#', '####B##'],
    });
    expect(problems).toStrictEqual([
      "grid row 0, col 3: the border must be walls (#), found '.'",
      "grid row 3, col 0: the border must be walls (#), found '.'",
      "grid row 6, col 4: the border must be walls (#), found 'B'",
    ]);
  });

  it('checks the size of the grid', () => {
    expect(problemsOf({ grid: ['#####', '#AS.#', '#####'] })).toContain(
      'grid: expected 5 to 40 rows, found 3',
    );
    expect(problemsOf({ grid: ['####', '#AS#', '#..#', '#..#', '#..#', '####'] })).toContain(
      'grid: expected 5 to 40 columns, found 4',
    );
    const wide = [
      '#'.repeat(41),
      `#AS${'.'.repeat(37)}#`,
      ...new Array<string>(3).fill('#'.repeat(41)),
    ];
    expect(problemsOf({ grid: wide })).toContain('grid: expected 5 to 40 columns, found 41');
  });

  it('checks the types of the fields', () => {
    expect(problemsOf(null)).toStrictEqual([
      'level: expected an object with a "grid" array of strings',
    ]);
    expect(problemsOf([])).toHaveLength(1);
    expect(problemsOf({ grid: 'abc' })).toStrictEqual([
      'grid: expected an array of strings, one per row',
    ]);
    const problems = problemsOf({
      ...SMALL,
      grid: [...SMALL.grid.slice(0, 6), 7],
      name: 5,
      orientation: 'NORTH',
      randomStart: 'yes',
      colour: 'red',
    });
    expect(problems).toStrictEqual([
      'colour: unknown field',
      'name: expected a string',
      'orientation: expected one of UP, RIGHT, DOWN, LEFT, found "NORTH"',
      'randomStart: expected true or false',
      'grid row 6: expected a string',
    ]);
  });

  it('refuses several starts and a start with randomStart', () => {
    const two = SMALL.grid.map((row, y) => (y === 1 ? '#R....#' : row));
    expect(problemsOf({ grid: two })).toStrictEqual(['grid: at most 1 rover start (R), found 2']);
    expect(problemsOf({ ...SMALL, randomStart: true })).toStrictEqual([
      'randomStart: true conflicts with the rover start (R) at row 3, col 3',
    ]);
  });

  it('needs an empty interior cell', () => {
    expect(problemsOf({ grid: ['#####', '#ABS#', '#BBB#', '#BBB#', '#####'] })).toStrictEqual([
      'grid: needs at least one empty cell (. or R) inside the border',
    ]);
  });

  it('summarises a flood of cell problems', () => {
    const grid = [
      '#'.repeat(10),
      ...new Array<string>(8).fill(`#AS${'?'.repeat(6)}#`),
      '#'.repeat(10),
    ];
    const problems = problemsOf({ grid });
    expect(problems.filter((p) => p.includes('unknown character'))).toHaveLength(20);
    expect(problems).toContain('grid: 28 more cell problems');
  });
});

describe('levelToJson', () => {
  it('round-trips levels through parseLevel', () => {
    const levels = [
      parseLevel(PRACTICE_LEVEL),
      parseLevel({ ...SMALL, orientation: 'UP' }, 'small'),
      generateLevel(9),
    ];
    for (const level of levels) expect(parseLevel(levelToJson(level))).toStrictEqual(level);
  });

  it('writes the grid back as it was read', () => {
    const json = levelToJson(parseLevel(PRACTICE_LEVEL));
    expect(json.grid).toStrictEqual(PRACTICE_LEVEL.grid);
    expect(json.orientation).toBe('DOWN');
    expect(levelToJson(generateLevel(1)).orientation).toBeUndefined();
  });

  it('refuses a start on a non-empty cell', () => {
    const level = parseLevel(SMALL);
    expect(() => levelToJson({ ...level, start: { x: 0, y: 0, orientation: 'UP' } })).toThrow(
      LevelError,
    );
  });
});

describe('generateLevel', () => {
  it('places the items apart, inside walls, for many seeds', () => {
    for (let seed = 0; seed < 200; seed++) {
      const level = generateLevel(seed, { size: 12, bombs: 3, minItemDistance: 4 });
      expect(level.rows).toBe(12);
      expect(level.cols).toBe(12);
      expect(level.start).toBeNull();
      const items = [Cell.Acorn, Cell.Squirrel, Cell.Bomb].flatMap((c) => cellsOf(level, c));
      expect(cellsOf(level, Cell.Acorn)).toHaveLength(1);
      expect(cellsOf(level, Cell.Squirrel)).toHaveLength(1);
      expect(cellsOf(level, Cell.Bomb)).toHaveLength(3);
      expect(cellsOf(level, Cell.Wall)).toHaveLength(44);
      for (const a of items) {
        expect(a.x > 0 && a.x < 11 && a.y > 0 && a.y < 11).toBe(true);
        for (const b of items) if (a !== b) expect(manhattan(a, b)).toBeGreaterThanOrEqual(4);
      }
    }
  });

  it('honours other sizes, bomb counts and distances', () => {
    for (let seed = 0; seed < 30; seed++) {
      const level = generateLevel(seed, { size: 20, bombs: 10, minItemDistance: 3 });
      expect(level.map).toHaveLength(20);
      const items = [Cell.Acorn, Cell.Squirrel, Cell.Bomb].flatMap((c) => cellsOf(level, c));
      expect(items).toHaveLength(12);
      for (const a of items) {
        for (const b of items) if (a !== b) expect(manhattan(a, b)).toBeGreaterThanOrEqual(3);
      }
      expect(() => parseLevel(levelToJson(level))).not.toThrow();
    }
  });

  it('is deterministic from the seed', () => {
    expect(generateLevel(1234)).toStrictEqual(generateLevel(1234));
    const maps = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(generateLevel(seed).map)));
    expect(maps.size).toBeGreaterThan(1);
  });

  it('throws when the constraints cannot be met', () => {
    expect(() => generateLevel(1, { size: 5, bombs: 5, minItemDistance: 4 })).toThrow(
      /cannot place 1 acorn, 1 squirrel and 5 bombs .* on a 5x5 grid/,
    );
    expect(() => generateLevel(1, { size: 5, bombs: 20, minItemDistance: 0 })).toThrow(LevelError);
  });

  it('refuses bad options', () => {
    expect(() => generateLevel(1, { size: 4, bombs: -1, minItemDistance: 1.5 })).toThrow(
      expect.objectContaining({
        problems: [
          'size: expected an integer in 5..40, got 4',
          'bombs: expected a non-negative integer, got -1',
          'minItemDistance: expected a non-negative integer, got 1.5',
        ],
      }),
    );
  });
});

describe('pickStart', () => {
  it('keeps a fixed start and the rng', () => {
    const level = parseLevel(PRACTICE_LEVEL);
    expect(pickStart(level, 77, 3)).toStrictEqual({
      rover: { x: 1, y: 2, orientation: 'DOWN' },
      rng: 77,
    });
  });

  it('starts on an empty cell facing no bomb within the clearance, for many seeds', () => {
    for (let seed = 0; seed < 200; seed++) {
      const level = generateLevel(seed);
      const { rover, rng } = pickStart(level, seed, 3);
      expect(rng).not.toBe(seed);
      expect(level.map[rover.y][rover.x]).toBe(Cell.Empty);
      const dx = { UP: 0, RIGHT: 1, DOWN: 0, LEFT: -1 }[rover.orientation];
      const dy = { UP: -1, RIGHT: 0, DOWN: 1, LEFT: 0 }[rover.orientation];
      for (let i = 1; i <= 3; i++) {
        const cell = level.map[rover.y + dy * i][rover.x + dx * i];
        if (cell === Cell.Wall) break;
        expect(cell).not.toBe(Cell.Bomb);
      }
      expect(pickStart(level, seed, 3)).toStrictEqual({ rover, rng });
    }
  });

  it('varies the start with the rng state', () => {
    const level = generateLevel(3);
    const starts = new Set(
      [1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(pickStart(level, s, 2).rover)),
    );
    expect(starts.size).toBeGreaterThan(1);
  });

  it('looks no further than a wall and as far as the clearance', () => {
    const walled = parseLevel({ grid: ['#####', '#.#B#', '##A##', '#S#B#', '#####'] });
    const open = parseLevel({ grid: ['#####', '#..B#', '##A##', '#S#B#', '#####'] });
    for (let seed = 0; seed < 100; seed++) {
      const start = pickStart(walled, seed, 5).rover;
      expect({ x: start.x, y: start.y }).toStrictEqual({ x: 1, y: 1 });
      const near = pickStart(open, seed, 2).rover;
      expect(near.orientation === 'RIGHT').toBe(false);
    }
    const rights = [...Array(100).keys()].filter(
      (seed) => pickStart(open, seed, 1).rover.orientation === 'RIGHT',
    );
    expect(rights.length).toBeGreaterThan(0);
    expect(
      rights.every((seed) => {
        const r = pickStart(open, seed, 1).rover;
        return r.x === 1;
      }),
    ).toBe(true);
  });

  it('throws when no start is possible', () => {
    const boxed = parseLevel({ grid: ['#####', '#ABS#', '#B.B#', '#BBB#', '#####'] });
    expect(() => pickStart(boxed, 1, 1)).toThrow(LevelError);
    expect(pickStart(boxed, 1, 0).rover).toMatchObject({ x: 2, y: 2 });
  });
});

describe('bombAhead', () => {
  it('sees a bomb within the clearance only', () => {
    const { map } = parseLevel(PRACTICE_LEVEL);
    expect(bombAhead(map, { x: 5, y: 3, orientation: 'UP' }, 2)).toBe(true);
    expect(bombAhead(map, { x: 5, y: 3, orientation: 'UP' }, 1)).toBe(false);
    expect(bombAhead(map, { x: 5, y: 3, orientation: 'DOWN' }, 2)).toBe(true);
    expect(bombAhead(map, { x: 5, y: 3, orientation: 'LEFT' }, 10)).toBe(false);
  });
});
