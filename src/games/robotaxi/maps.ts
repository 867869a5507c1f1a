/**
 * RoboTaxi levels: the researchers' JSON format (`LevelJson`), its validation, seeded generation
 * and the choice of the rover's start cell. Pure: no Node or browser APIs.
 */
import { randomInt } from '../common/rng.js';
import type { Level, LevelJson, Orientation, Position, Rover } from './types.js';
import { Cell, ORIENTATIONS } from './types.js';

export const MIN_LEVEL_SIZE = 5;
export const MAX_LEVEL_SIZE = 40;
/** Cell problems (bad characters, open border) listed before the rest are summarised. */
const MAX_CELL_PROBLEMS = 20;
/** Layout attempts of `generateLevel` before it gives up. */
const MAX_LAYOUT_ATTEMPTS = 1000;

/** A level that is not valid; `problems` lists every problem found, each naming its place. */
export class LevelError extends Error {
  readonly problems: string[];

  constructor(problems: string[], name?: string) {
    super(
      `${name === undefined ? 'Invalid level' : `Invalid level "${name}"`}: ${problems.join('; ')}`,
    );
    this.name = 'LevelError';
    this.problems = problems;
  }
}

const CELL_OF_CHAR: Readonly<Record<string, Cell>> = {
  '#': Cell.Wall,
  '.': Cell.Empty,
  B: Cell.Bomb,
  A: Cell.Acorn,
  S: Cell.Squirrel,
  R: Cell.Empty,
};

const CHAR_OF_CELL: Readonly<Record<Cell, string>> = {
  [Cell.Empty]: '.',
  [Cell.Wall]: '#',
  [Cell.Bomb]: 'B',
  [Cell.Acorn]: 'A',
  [Cell.Squirrel]: 'S',
};

const LEVEL_FIELDS = ['name', 'grid', 'orientation', 'randomStart'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOrientation(value: unknown): value is Orientation {
  return typeof value === 'string' && (ORIENTATIONS as readonly string[]).includes(value);
}

/**
 * Validates a level written as `LevelJson` and returns the parsed level. Throws a `LevelError`
 * listing all problems found. The level's name is the JSON's `name`, else the `name` argument
 * (e.g. a file name), else `'level'`.
 */
export function parseLevel(json: unknown, name?: string): Level {
  const label = isRecord(json) && typeof json.name === 'string' ? json.name : name;
  if (!isRecord(json)) {
    throw new LevelError(['level: expected an object with a "grid" array of strings'], label);
  }
  const problems: string[] = [];
  for (const key of Object.keys(json)) {
    if (!LEVEL_FIELDS.includes(key)) problems.push(`${key}: unknown field`);
  }
  if (json.name !== undefined && typeof json.name !== 'string') {
    problems.push('name: expected a string');
  }
  if (json.orientation !== undefined && !isOrientation(json.orientation)) {
    problems.push(
      `orientation: expected one of ${ORIENTATIONS.join(', ')}, found ${JSON.stringify(json.orientation)}`,
    );
  }
  if (json.randomStart !== undefined && typeof json.randomStart !== 'boolean') {
    problems.push('randomStart: expected true or false');
  }
  const grid = json.grid;
  if (!Array.isArray(grid)) {
    problems.push('grid: expected an array of strings, one per row');
    throw new LevelError(problems, label);
  }
  const rows = grid.length;
  if (rows < MIN_LEVEL_SIZE || rows > MAX_LEVEL_SIZE) {
    problems.push(`grid: expected ${MIN_LEVEL_SIZE} to ${MAX_LEVEL_SIZE} rows, found ${rows}`);
  }
  const lines: string[] = [];
  grid.forEach((row: unknown, r) => {
    if (typeof row === 'string') {
      lines.push(row);
    } else {
      problems.push(`grid row ${r}: expected a string`);
      lines.push('');
    }
  });
  const cols = lines.length > 0 ? lines[0].length : 0;
  if (rows > 0 && (cols < MIN_LEVEL_SIZE || cols > MAX_LEVEL_SIZE)) {
    problems.push(`grid: expected ${MIN_LEVEL_SIZE} to ${MAX_LEVEL_SIZE} columns, found ${cols}`);
  }
  lines.forEach((line, r) => {
    if (r > 0 && typeof grid[r] === 'string' && line.length !== cols) {
      problems.push(`grid row ${r}: expected ${cols} characters, found ${line.length}`);
    }
  });

  const cellProblems: string[] = [];
  const map: Cell[][] = [];
  const found: Record<'A' | 'S' | 'R', Position[]> = { A: [], S: [], R: [] };
  let emptyInterior = 0;
  lines.forEach((line, r) => {
    const cells: Cell[] = [];
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      const cell = CELL_OF_CHAR[ch] as Cell | undefined;
      const border = r === 0 || r === rows - 1 || c === 0 || c === line.length - 1;
      if (cell === undefined) {
        cellProblems.push(
          `grid row ${r}, col ${c}: unknown character ${JSON.stringify(ch)} (allowed: # . B A S R)`,
        );
        cells.push(Cell.Empty);
        continue;
      }
      if (border && cell !== Cell.Wall) {
        cellProblems.push(`grid row ${r}, col ${c}: the border must be walls (#), found '${ch}'`);
      }
      if (ch === 'A' || ch === 'S' || ch === 'R') found[ch].push({ x: c, y: r });
      if (cell === Cell.Empty && !border) emptyInterior++;
      cells.push(cell);
    }
    map.push(cells);
  });
  problems.push(...cellProblems.slice(0, MAX_CELL_PROBLEMS));
  if (cellProblems.length > MAX_CELL_PROBLEMS) {
    problems.push(`grid: ${cellProblems.length - MAX_CELL_PROBLEMS} more cell problems`);
  }
  if (found.A.length !== 1) {
    problems.push(`grid: needs exactly 1 acorn (A), found ${found.A.length}`);
  }
  if (found.S.length !== 1) {
    problems.push(`grid: needs exactly 1 squirrel (S), found ${found.S.length}`);
  }
  if (found.R.length > 1) {
    problems.push(`grid: at most 1 rover start (R), found ${found.R.length}`);
  }
  if (json.randomStart === true && found.R.length > 0) {
    const { x, y } = found.R[0];
    problems.push(`randomStart: true conflicts with the rover start (R) at row ${y}, col ${x}`);
  }
  if (emptyInterior === 0) {
    problems.push('grid: needs at least one empty cell (. or R) inside the border');
  }
  if (problems.length > 0) throw new LevelError(problems, label);

  const orientation: Orientation = isOrientation(json.orientation) ? json.orientation : 'DOWN';
  const startAt = found.R[0] as Position | undefined;
  return {
    name: label ?? 'level',
    rows,
    cols,
    map,
    start: startAt === undefined ? null : { x: startAt.x, y: startAt.y, orientation },
  };
}

/** The JSON form of a level; `parseLevel(levelToJson(level))` equals `level`. */
export function levelToJson(level: Level): LevelJson {
  const grid = level.map.map((row) => row.map((cell) => CHAR_OF_CELL[cell]).join(''));
  const json: LevelJson = { name: level.name, grid };
  if (level.start !== null) {
    const { x, y, orientation } = level.start;
    const row = grid[y];
    if (row === undefined || row[x] !== '.') {
      throw new LevelError([`start: row ${y}, col ${x} is not an empty cell`], level.name);
    }
    grid[y] = `${row.slice(0, x)}R${row.slice(x + 1)}`;
    json.orientation = orientation;
  }
  return json;
}

/** The practice map: the same for every session, with a fixed start. */
export const PRACTICE_LEVEL: LevelJson = {
  name: 'practice',
  grid: [
    '############',
    '#....B.....#',
    '#R.........#',
    '#.........A#',
    '#..........#',
    '#....B.....#',
    '#..........#',
    '#..........#',
    '#..........#',
    '#..........#',
    '#.B.......S#',
    '############',
  ],
  orientation: 'DOWN',
};

export interface GenerateOptions {
  /** Rows and columns, border included. */
  size: number;
  bombs: number;
  /** Smallest Manhattan distance between any two items (acorn, squirrel, bombs). */
  minItemDistance: number;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = { size: 12, bombs: 3, minItemDistance: 4 };

function checkGenerateOptions({ size, bombs, minItemDistance }: GenerateOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(size) || size < MIN_LEVEL_SIZE || size > MAX_LEVEL_SIZE) {
    problems.push(`size: expected an integer in ${MIN_LEVEL_SIZE}..${MAX_LEVEL_SIZE}, got ${size}`);
  }
  if (!Number.isInteger(bombs) || bombs < 0) {
    problems.push(`bombs: expected a non-negative integer, got ${bombs}`);
  }
  if (!Number.isInteger(minItemDistance) || minItemDistance < 0) {
    problems.push(`minItemDistance: expected a non-negative integer, got ${minItemDistance}`);
  }
  if (problems.length > 0) throw new LevelError(problems, 'generated');
}

/**
 * A square level with border walls and an empty interior holding 1 acorn, 1 squirrel and
 * `bombs` bombs, every two items at Manhattan distance >= `minItemDistance`; `start: null`.
 * Deterministic from the seed. Each layout attempt places the items one by one, each uniformly
 * among the cells still allowed; an attempt that runs out of cells is rejected and retried.
 */
export function generateLevel(
  seed: number,
  options: GenerateOptions = DEFAULT_GENERATE_OPTIONS,
): Level {
  checkGenerateOptions(options);
  const { size, bombs, minItemDistance } = options;
  const name = `generated-${seed >>> 0}`;
  const interior: Position[] = [];
  for (let y = 1; y < size - 1; y++) for (let x = 1; x < size - 1; x++) interior.push({ x, y });
  const items = [Cell.Acorn, Cell.Squirrel, ...new Array<Cell>(bombs).fill(Cell.Bomb)];
  const impossible = (): LevelError =>
    new LevelError(
      [
        `cannot place 1 acorn, 1 squirrel and ${bombs} bombs at Manhattan distance >= ` +
          `${minItemDistance} from each other on a ${size}x${size} grid`,
      ],
      name,
    );
  if (items.length > interior.length) throw impossible();

  const distance = Math.max(1, minItemDistance);
  const blocked = new Uint8Array(size * size);
  let rng = seed >>> 0;
  for (let attempt = 0; attempt < MAX_LAYOUT_ATTEMPTS; attempt++) {
    blocked.fill(0);
    const placed: Position[] = [];
    for (let i = 0; i < items.length; i++) {
      const allowed = interior.filter((p) => blocked[p.y * size + p.x] === 0);
      if (allowed.length === 0) break;
      const pick = randomInt(rng, allowed.length);
      rng = pick.state;
      const at = allowed[pick.value];
      placed.push(at);
      blockAround(blocked, size, at, distance);
    }
    if (placed.length < items.length) continue;
    const map: Cell[][] = [];
    for (let y = 0; y < size; y++) {
      const border = y === 0 || y === size - 1;
      map.push(
        Array.from({ length: size }, (_, x) =>
          border || x === 0 || x === size - 1 ? Cell.Wall : Cell.Empty,
        ),
      );
    }
    placed.forEach((p, i) => (map[p.y][p.x] = items[i]));
    return { name, rows: size, cols: size, map, start: null };
  }
  throw impossible();
}

/** Marks the cells closer than `distance` (Manhattan) to `at`. */
function blockAround(blocked: Uint8Array, size: number, at: Position, distance: number): void {
  for (let dy = 1 - distance; dy < distance; dy++) {
    const y = at.y + dy;
    if (y < 0 || y >= size) continue;
    const reach = distance - 1 - Math.abs(dy);
    for (let x = Math.max(0, at.x - reach); x <= Math.min(size - 1, at.x + reach); x++) {
      blocked[y * size + x] = 1;
    }
  }
}

const DELTAS: Readonly<Record<Orientation, Position>> = {
  UP: { x: 0, y: -1 },
  RIGHT: { x: 1, y: 0 },
  DOWN: { x: 0, y: 1 },
  LEFT: { x: -1, y: 0 },
};

/** The step `(dx, dy)` of one move in the given direction. */
export function deltaOf(orientation: Orientation): Position {
  return DELTAS[orientation];
}

/** Whether a bomb lies within `clearance` cells straight ahead, looking no further than a wall. */
export function bombAhead(map: Cell[][], rover: Rover, clearance: number): boolean {
  const { x: dx, y: dy } = DELTAS[rover.orientation];
  for (let i = 1; i <= clearance; i++) {
    const cell = map[rover.y + dy * i]?.[rover.x + dx * i];
    if (cell === undefined || cell === Cell.Wall) return false;
    if (cell === Cell.Bomb) return true;
  }
  return false;
}

/**
 * The rover's start: the level's fixed start (rng unchanged), or a seeded random empty interior
 * cell and heading with no bomb within `clearance` cells straight ahead. All allowed
 * (cell, heading) pairs are listed and one is drawn uniformly, so an impossible level is reported
 * at once rather than after a run of rejected draws.
 */
export function pickStart(
  level: Level,
  rngState: number,
  clearance: number,
): { rover: Rover; rng: number } {
  if (level.start !== null) return { rover: { ...level.start }, rng: rngState };
  const allowed: Rover[] = [];
  for (let y = 1; y < level.rows - 1; y++) {
    for (let x = 1; x < level.cols - 1; x++) {
      if (level.map[y][x] !== Cell.Empty) continue;
      for (const orientation of ORIENTATIONS) {
        const rover = { x, y, orientation };
        if (!bombAhead(level.map, rover, clearance)) allowed.push(rover);
      }
    }
  }
  if (allowed.length === 0) {
    throw new LevelError(
      [`start: no empty cell and heading without a bomb within ${clearance} cells ahead`],
      level.name,
    );
  }
  const pick = randomInt(rngState, allowed.length);
  return { rover: allowed[pick.value], rng: pick.state };
}
