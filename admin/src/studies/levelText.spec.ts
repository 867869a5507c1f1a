import { describe, expect, it } from 'vitest';

import {
  describeStart,
  draftToLevel,
  levelProblems,
  levelToDraft,
  normalizeLevel,
  validateLevel,
  type LevelDraft,
} from './levelText';

const GRID = ['#######', '#R...A#', '#.....#', '#..B..#', '#....S#', '#######'];

describe('level text <-> level object', () => {
  it('turns a level into text, one row per line, and back', () => {
    const level = { name: 'city', grid: GRID, orientation: 'LEFT' as const, randomStart: false };
    const draft = levelToDraft(level);
    expect(draft).toEqual({
      text: GRID.join('\n'),
      orientation: 'LEFT',
      others: { name: 'city', randomStart: false },
    });
    expect(draftToLevel(draft)).toEqual(level);
  });

  it('keeps the text exactly as typed, so that typing a new line is not undone', () => {
    for (const text of ['#####\n', '#####\n\n#...', '  ##', '\n']) {
      const draft: LevelDraft = { text, orientation: '', others: {} };
      expect(levelToDraft(draftToLevel(draft))).toEqual(draft);
    }
  });

  it('leaves out the orientation when none is chosen', () => {
    expect(draftToLevel({ text: '#', orientation: '', others: {} })).toEqual({ grid: ['#'] });
  });

  it('has no level for an empty draft, and an empty draft for no level', () => {
    const empty: LevelDraft = { text: '', orientation: '', others: {} };
    expect(draftToLevel(empty)).toBeNull();
    expect(levelToDraft(null)).toEqual(empty);
    expect(levelToDraft(undefined)).toEqual(empty);
  });

  it('keeps a chosen orientation while the grid is still empty', () => {
    const draft: LevelDraft = { text: '', orientation: 'UP', others: {} };
    expect(draftToLevel(draft)).toEqual({ grid: [], orientation: 'UP' });
    expect(levelToDraft(draftToLevel(draft))).toEqual(draft);
  });
});

describe('normalizeLevel', () => {
  it('trims rows and drops blank lines around the grid', () => {
    expect(
      normalizeLevel({ grid: ['', '  #####  ', '#...#\r', '', ' '], orientation: 'UP' }),
    ).toEqual({ grid: ['#####', '#...#'], orientation: 'UP' });
  });

  it('has no level when no row is left', () => {
    expect(normalizeLevel({ grid: ['', '  '], orientation: 'UP' })).toBeUndefined();
    expect(normalizeLevel({ grid: [] })).toBeUndefined();
  });

  it('leaves what is not a grid of strings for the server to refuse', () => {
    expect(normalizeLevel({ grid: 'nope' })).toEqual({ grid: 'nope' });
    expect(normalizeLevel(null)).toBeNull();
  });
});

describe('level validation', () => {
  it('accepts a valid level, and a blank one (the default level)', () => {
    expect(levelProblems({ grid: GRID })).toEqual([]);
    expect(levelProblems({ grid: ['', GRID[0], ...GRID.slice(1), '   '] })).toEqual([]);
    expect(levelProblems(null)).toEqual([]);
    expect(levelProblems({ grid: [''] })).toEqual([]);
  });

  it('names rows of unequal length', () => {
    const grid = [...GRID];
    grid[2] = '#....#';
    expect(levelProblems({ grid })).toContain('grid row 2: expected 7 characters, found 6');
  });

  it('names characters that are not allowed', () => {
    const grid = [...GRID];
    grid[2] = '#..X..#';
    expect(levelProblems({ grid })).toEqual([
      'grid row 2, col 3: unknown character "X" (allowed: # . B A S R)',
    ]);
  });

  it('names a missing acorn and an open border', () => {
    const grid = [...GRID];
    grid[1] = '.R....#';
    expect(levelProblems({ grid })).toEqual([
      "grid row 1, col 0: the border must be walls (#), found '.'",
      'grid: needs exactly 1 acorn (A), found 0',
    ]);
  });

  it('reports every problem in one message', () => {
    expect(validateLevel({ grid: ['###', '#X#'] })).toMatch(
      /^grid: expected 5 to 40 rows.*; .*"X"/,
    );
    expect(validateLevel({ grid: GRID })).toBeUndefined();
  });
});

describe('describeStart', () => {
  it('tells a fixed start from a random one', () => {
    expect(describeStart({ grid: GRID })).toBe('Starts at R facing down');
    expect(describeStart({ grid: GRID, orientation: 'RIGHT' })).toBe('Starts at R facing right');
    expect(describeStart({ grid: GRID.map((row) => row.replace('R', '.')) })).toBe(
      'Starts on a random cell in each episode',
    );
  });
});
