/**
 * The wizard's feedback board as pure functions: drawing the best path (from the start cell, one
 * orthogonal step at a time; clicking the path's last cell takes it back) and rating cells
 * (neutral -> happy -> sad -> neutral).
 */
import type { CellRating } from '../../../src/games/common/robotaxi-events';
import type { Position } from '../../../src/games/robotaxi/types';

export interface Board {
  rows: number;
  cols: number;
  walls: Position[];
  start: Position;
}

export function cellKey(cell: Position): string {
  return `${cell.x},${cell.y}`;
}

export function sameCell(a: Position, b: Position): boolean {
  return a.x === b.x && a.y === b.y;
}

export function isAdjacent(a: Position, b: Position): boolean {
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y) === 1;
}

export function inBounds(board: Board, cell: Position): boolean {
  return cell.x >= 0 && cell.y >= 0 && cell.x < board.cols && cell.y < board.rows;
}

/** The walls as a set of `cellKey`s. */
export function wallSet(board: Board): Set<string> {
  return new Set(board.walls.map(cellKey));
}

export function isWall(board: Board, cell: Position, walls = wallSet(board)): boolean {
  return walls.has(cellKey(cell));
}

/** A path of just the start cell. */
export function initialPath(board: Board): Position[] {
  return [{ x: board.start.x, y: board.start.y }];
}

/** What clicking `cell` does to `path`: 'extend', 'undo' or nothing ('none'). */
export function pathClickEffect(
  board: Board,
  path: readonly Position[],
  cell: Position,
  walls = wallSet(board),
): 'extend' | 'undo' | 'none' {
  const last = path[path.length - 1];
  if (!last) return 'none';
  if (sameCell(last, cell)) return path.length > 1 ? 'undo' : 'none';
  if (!inBounds(board, cell) || isWall(board, cell, walls)) return 'none';
  return isAdjacent(last, cell) ? 'extend' : 'none';
}

/**
 * The path after clicking `cell`: a free cell next to the path's end extends it (the path may
 * pass a cell again, e.g. back from the acorn); the end itself is taken back (never the start);
 * anything else leaves it unchanged (the same array).
 */
export function clickPath(
  board: Board,
  path: readonly Position[],
  cell: Position,
  walls = wallSet(board),
): readonly Position[] {
  switch (pathClickEffect(board, path, cell, walls)) {
    case 'extend':
      return [...path, { x: cell.x, y: cell.y }];
    case 'undo':
      return path.slice(0, -1);
    case 'none':
      return path;
  }
}

/** The path without its last step (the start stays). */
export function undoPath(path: readonly Position[]): readonly Position[] {
  return path.length > 1 ? path.slice(0, -1) : path;
}

/** For each cell on the path, its step numbers (0 is the start), keyed by `cellKey`. */
export function pathSteps(path: readonly Position[]): Map<string, number[]> {
  const steps = new Map<string, number[]>();
  path.forEach((cell, index) => {
    const key = cellKey(cell);
    const list = steps.get(key);
    if (list) list.push(index);
    else steps.set(key, [index]);
  });
  return steps;
}

/** Neutral -> happy -> sad -> neutral. */
export function nextRating(rating: CellRating): CellRating {
  if (rating === 0) return 1;
  if (rating === 1) return -1;
  return 0;
}

/** `rows` x `cols` neutral ratings (`ratings[row][col]`). */
export function emptyRatings(board: Pick<Board, 'rows' | 'cols'>): CellRating[][] {
  return Array.from({ length: board.rows }, () =>
    Array.from({ length: board.cols }, (): CellRating => 0),
  );
}

/** The ratings with `cell` cycled to its next value (walls are never rated). */
export function cycleRating(
  board: Board,
  ratings: readonly (readonly CellRating[])[],
  cell: Position,
  walls = wallSet(board),
): CellRating[][] {
  const next = ratings.map((row) => [...row]);
  if (!inBounds(board, cell) || isWall(board, cell, walls)) return next;
  const row = next[cell.y];
  if (row) row[cell.x] = nextRating(row[cell.x] ?? 0);
  return next;
}

/** The ratings as submitted: exactly rows x cols, walls 0. */
export function ratingsForSubmit(
  board: Board,
  ratings: readonly (readonly CellRating[])[],
): CellRating[][] {
  const walls = wallSet(board);
  return emptyRatings(board).map((row, y) =>
    row.map((_, x) => (walls.has(cellKey({ x, y })) ? 0 : (ratings[y]?.[x] ?? 0))),
  );
}
