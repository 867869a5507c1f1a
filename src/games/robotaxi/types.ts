/**
 * Types of the RoboTaxi game, shared by the engine, the renderer, the server's session loop and
 * the client. Pure: no Node or browser APIs.
 *
 * Coordinates: `map[row][col]`; the rover's position is `(x = col, y = row)`.
 */

/** Wizard actions (absolute directions). NOP repeats a recent action (see the engine). */
export enum Action {
  NOP = 0,
  UP = 1,
  RIGHT = 2,
  DOWN = 3,
  LEFT = 4,
}
export const ACTIONS: readonly Action[] = [
  Action.NOP,
  Action.UP,
  Action.RIGHT,
  Action.DOWN,
  Action.LEFT,
];

export type Orientation = 'UP' | 'RIGHT' | 'DOWN' | 'LEFT';
export const ORIENTATIONS: readonly Orientation[] = ['UP', 'RIGHT', 'DOWN', 'LEFT'];

/** Map cells. The rover is not a cell. */
export enum Cell {
  Empty = 0,
  Wall = 1,
  Bomb = 2,
  Acorn = 3,
  Squirrel = 4,
}

export interface Position {
  /** Column. */
  x: number;
  /** Row. */
  y: number;
}

export interface Rover extends Position {
  orientation: Orientation;
}

/**
 * A level as researchers write it (JSON). `grid` is one string per row, one character per cell:
 * `#` wall, `.` empty, `B` bomb, `A` acorn, `S` squirrel, `R` the rover's start (an empty cell).
 * Without `R` (or with `randomStart: true`) each episode starts the rover at a seeded random cell.
 */
export interface LevelJson {
  name?: string;
  grid: string[];
  /** The rover's heading at its start cell (default DOWN). */
  orientation?: Orientation;
  randomStart?: boolean;
}

/** A parsed, validated level. */
export interface Level {
  name: string;
  rows: number;
  cols: number;
  /** `map[row][col]`, values of `Cell`. */
  map: Cell[][];
  /** Fixed start, or null for a seeded random start per episode. */
  start: Rover | null;
}

/** Rewards and limits of the game (study config values; defaults in `DEFAULT_RULES`). */
export interface GameRules {
  stepReward: number;
  bombReward: number;
  acornReward: number;
  deliveryReward: number;
  /** Steps after which the episode (and the round) ends. */
  stepLimit: number;
  /** NOP repeats the most recent non-NOP action among this many last actions. */
  nopMemory: number;
}

export const DEFAULT_RULES: GameRules = {
  stepReward: -1,
  bombReward: -10,
  acornReward: 5,
  deliveryReward: 10,
  stepLimit: 100,
  nopMemory: 3,
};

export type EpisodeOutcome = 'bomb' | 'delivered' | 'step-limit';

/** Everything the engine needs to take the next step; serialisable as JSON (persisted per step). */
export interface GameState {
  rows: number;
  cols: number;
  /** `map[row][col]`; a bomb that exploded is removed, the acorn is removed once collected. */
  map: Cell[][];
  rover: Rover;
  hasAcorn: boolean;
  /** Steps taken in this episode. */
  step: number;
  /** Sum of rewards in this episode. */
  score: number;
  done: boolean;
  outcome: EpisodeOutcome | null;
  /** The last `nopMemory` actions as chosen (NOPs included), oldest first. */
  recentActions: Action[];
  /** State of the seeded generator (uint32), so that a resumed game continues bit for bit. */
  rng: number;
}

/** What happened in one step, besides the new state. */
export interface StepInfo {
  /** The direction the rover actually tried to move in, after resolving NOP. */
  move: Exclude<Action, Action.NOP>;
  /** Whether NOP was resolved from memory (`repeat`) or at random (`random`); null if not NOP. */
  nopResolution: 'repeat' | 'random' | null;
  hitWall: boolean;
  /** The item the rover reached this step, if any (a squirrel without the acorn counts). */
  reached: 'bomb' | 'acorn' | 'squirrel' | null;
  outcome: EpisodeOutcome | null;
}

export interface StepResult {
  state: GameState;
  reward: number;
  done: boolean;
  info: StepInfo;
}

export type ViewRole = 'teacher' | 'wizard';

/**
 * A role's projection of the state. The teacher sees everything; the wizard sees the walls and the
 * rover only (every item cell is reported as Empty), plus whether the acorn is held.
 */
export interface GameView {
  role: ViewRole;
  rows: number;
  cols: number;
  map: Cell[][];
  rover: Rover;
  hasAcorn: boolean;
  step: number;
  score: number;
  done: boolean;
  outcome: EpisodeOutcome | null;
}

/** What the renderer draws around the grid (heads-up display). */
export interface Hud {
  round: number;
  rounds: number;
  practice: boolean;
  stepsLeft: number;
  /** Seconds left in the episode at the study's step period. */
  secondsLeft: number;
}

/** A rendered frame: RGBA, row-major, 4 bytes per pixel (what canvas ImageData and ffmpeg take). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}
