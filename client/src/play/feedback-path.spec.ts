import { describe, expect, it } from 'vitest';

import {
  clickPath,
  cycleRating,
  emptyRatings,
  initialPath,
  nextRating,
  pathClickEffect,
  pathSteps,
  ratingsForSubmit,
  undoPath,
  type Board,
} from './feedback-path';

// 4 columns x 3 rows, a wall at (1,1), the start at (0,0).
const board: Board = { rows: 3, cols: 4, walls: [{ x: 1, y: 1 }], start: { x: 0, y: 0 } };

function clicks(...cells: [number, number][]) {
  return cells.reduce(
    (path, [x, y]) => clickPath(board, path, { x, y }),
    initialPath(board) as readonly { x: number; y: number }[],
  );
}

describe('drawing the path', () => {
  it('starts at the start cell', () => {
    expect(initialPath(board)).toEqual([{ x: 0, y: 0 }]);
  });

  it('extends with a cell orthogonally next to its end', () => {
    expect(clicks([1, 0], [2, 0], [2, 1])).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 2, y: 0 },
      { x: 2, y: 1 },
    ]);
  });

  it('ignores diagonal, distant and out-of-bounds cells', () => {
    const path = initialPath(board);
    expect(clickPath(board, path, { x: 1, y: 1 })).toBe(path); // diagonal (and a wall)
    expect(clickPath(board, path, { x: 2, y: 0 })).toBe(path);
    expect(clickPath(board, path, { x: -1, y: 0 })).toBe(path);
    expect(clickPath(board, [{ x: 3, y: 2 }], { x: 4, y: 2 })).toEqual([{ x: 3, y: 2 }]);
  });

  it('never enters a wall', () => {
    const path = clicks([1, 0]);
    expect(pathClickEffect(board, path, { x: 1, y: 1 })).toBe('none');
    expect(clickPath(board, path, { x: 1, y: 1 })).toBe(path);
  });

  it('takes back the last cell when it is clicked again, but never the start', () => {
    expect(clicks([1, 0], [2, 0], [2, 0])).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
    ]);
    expect(clicks([0, 0])).toEqual([{ x: 0, y: 0 }]);
    expect(pathClickEffect(board, initialPath(board), { x: 0, y: 0 })).toBe('none');
    expect(undoPath(clicks([1, 0]))).toEqual([{ x: 0, y: 0 }]);
    expect(undoPath(initialPath(board))).toEqual([{ x: 0, y: 0 }]);
  });

  it('may pass a cell again (there and back)', () => {
    const path = clicks([1, 0], [2, 0], [1, 0]);
    expect(path).toHaveLength(4);
    expect(pathSteps(path).get('1,0')).toEqual([1, 3]);
    expect(pathSteps(path).get('0,0')).toEqual([0]);
  });
});

describe('rating cells', () => {
  it('cycles neutral -> happy -> sad -> neutral', () => {
    expect(nextRating(0)).toBe(1);
    expect(nextRating(1)).toBe(-1);
    expect(nextRating(-1)).toBe(0);
  });

  it('rates one cell at a time and leaves walls neutral', () => {
    let ratings = emptyRatings(board);
    expect(ratings).toHaveLength(3);
    expect(ratings[0]).toHaveLength(4);
    ratings = cycleRating(board, ratings, { x: 2, y: 1 });
    ratings = cycleRating(board, ratings, { x: 3, y: 2 });
    ratings = cycleRating(board, ratings, { x: 3, y: 2 });
    ratings = cycleRating(board, ratings, { x: 1, y: 1 }); // wall
    expect(ratings).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, -1],
    ]);
  });

  it('submits exactly rows x cols with walls at 0', () => {
    const ragged: (0 | 1 | -1)[][] = [[1], [0, 1, -1, 1, 1], []];
    expect(ratingsForSubmit(board, ragged)).toEqual([
      [1, 0, 0, 0],
      [0, 0, -1, 1],
      [0, 0, 0, 0],
    ]);
  });
});
