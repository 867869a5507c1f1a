/**
 * The rules of RoboTaxi: a new episode, one step, and each role's view. Pure: `step` never
 * mutates its input, and everything random comes from the seeded generator in the state, so a
 * game (or a game resumed from a persisted state) replays bit for bit.
 */
import { randomInt } from '../common/rng.js';
import { bombAhead, deltaOf, pickStart } from './maps.js';
import type {
  GameRules,
  GameState,
  GameView,
  Level,
  Orientation,
  Rover,
  StepInfo,
  StepResult,
  ViewRole,
} from './types.js';
import { Action, Cell } from './types.js';

export type MoveAction = Exclude<Action, Action.NOP>;

const MOVES: readonly MoveAction[] = [Action.UP, Action.RIGHT, Action.DOWN, Action.LEFT];

const ORIENTATION_OF: Readonly<Record<MoveAction, Orientation>> = {
  [Action.UP]: 'UP',
  [Action.RIGHT]: 'RIGHT',
  [Action.DOWN]: 'DOWN',
  [Action.LEFT]: 'LEFT',
};

const ACTION_OF: Readonly<Record<Orientation, MoveAction>> = {
  UP: Action.UP,
  RIGHT: Action.RIGHT,
  DOWN: Action.DOWN,
  LEFT: Action.LEFT,
};

/** The heading a move gives the rover. */
export function orientationOf(action: MoveAction): Orientation {
  return ORIENTATION_OF[action];
}

/** The move toward a heading. */
export function actionOf(orientation: Orientation): MoveAction {
  return ACTION_OF[orientation];
}

function copyMap(map: Cell[][]): Cell[][] {
  return map.map((row) => row.slice());
}

/** A fresh episode on a copy of the level's map; the rng state starts from `seed`. */
export function newEpisode(level: Level, seed: number, clearance: number): GameState {
  const { rover, rng } = pickStart(level, seed >>> 0, clearance);
  return {
    rows: level.rows,
    cols: level.cols,
    map: copyMap(level.map),
    rover: { ...rover },
    hasAcorn: false,
    step: 0,
    score: 0,
    done: false,
    outcome: null,
    recentActions: [],
    rng,
  };
}

/** The heading after bumping into a wall: away from the nearer side, across the blocked axis. */
export function turnAfterWall(state: Pick<GameState, 'rows' | 'cols'>, rover: Rover): Orientation {
  switch (rover.orientation) {
    case 'UP':
    case 'DOWN':
      return rover.x < state.cols / 2 ? 'RIGHT' : 'LEFT';
    case 'LEFT':
    case 'RIGHT':
      return rover.y < state.rows / 2 ? 'DOWN' : 'UP';
  }
}

/** Resolves NOP: the most recent move among the last `nopMemory` chosen actions, else random. */
function resolveAction(
  state: GameState,
  action: Action,
  nopMemory: number,
): { move: MoveAction; resolution: StepInfo['nopResolution']; rng: number } {
  if (action !== Action.NOP) return { move: action, resolution: null, rng: state.rng };
  const window = nopMemory > 0 ? state.recentActions.slice(-nopMemory) : [];
  for (let i = window.length - 1; i >= 0; i--) {
    const recent = window[i];
    if (recent !== Action.NOP) return { move: recent, resolution: 'repeat', rng: state.rng };
  }
  const pick = randomInt(state.rng, MOVES.length);
  return { move: MOVES[pick.value], resolution: 'random', rng: pick.state };
}

function checkAction(action: Action): void {
  if (!Number.isInteger(action) || action < Action.NOP || action > Action.LEFT) {
    throw new RangeError(`step: unknown action ${String(action)}`);
  }
}

/**
 * One step of the game. The rover moves one cell in the (resolved) direction and faces it; a
 * wall stops it and turns it (see `turnAfterWall`). Entering a bomb ends the episode; entering
 * the acorn collects it; entering the squirrel while holding the acorn delivers it and ends the
 * episode (`hasAcorn` stays true: the final state shows what was delivered). The returned state
 * shares nothing with the input, which is never mutated. Throws if the episode is over.
 */
export function step(state: GameState, action: Action, rules: GameRules): StepResult {
  if (state.done) throw new Error('step: the episode is over');
  checkAction(action);
  const { move, resolution, rng } = resolveAction(state, action, rules.nopMemory);
  const recentActions =
    rules.nopMemory > 0 ? [...state.recentActions, action].slice(-rules.nopMemory) : [];
  const map = copyMap(state.map);
  const heading = orientationOf(move);
  const delta = deltaOf(heading);
  const target = { x: state.rover.x + delta.x, y: state.rover.y + delta.y };
  const targetCell = map[target.y]?.[target.x] ?? Cell.Wall;

  let rover: Rover = { ...target, orientation: heading };
  let hasAcorn = state.hasAcorn;
  let reward = rules.stepReward;
  let done = false;
  let outcome: GameState['outcome'] = null;
  let reached: StepInfo['reached'] = null;
  let hitWall = false;

  switch (targetCell) {
    case Cell.Wall: {
      const bumped = { ...state.rover, orientation: heading };
      rover = { ...bumped, orientation: turnAfterWall(state, bumped) };
      hitWall = true;
      break;
    }
    case Cell.Bomb:
      reward += rules.bombReward;
      map[target.y][target.x] = Cell.Empty;
      reached = 'bomb';
      done = true;
      outcome = 'bomb';
      break;
    case Cell.Acorn:
      if (!hasAcorn) {
        reward += rules.acornReward;
        map[target.y][target.x] = Cell.Empty;
        hasAcorn = true;
        reached = 'acorn';
      }
      break;
    case Cell.Squirrel:
      reached = 'squirrel';
      if (hasAcorn) {
        reward += rules.deliveryReward;
        done = true;
        outcome = 'delivered';
      }
      break;
    case Cell.Empty:
      break;
  }

  const stepCount = state.step + 1;
  if (!done && stepCount >= rules.stepLimit) {
    done = true;
    outcome = 'step-limit';
  }
  const next: GameState = {
    rows: state.rows,
    cols: state.cols,
    map,
    rover,
    hasAcorn,
    step: stepCount,
    score: state.score + reward,
    done,
    outcome,
    recentActions,
    rng,
  };
  return {
    state: next,
    reward,
    done,
    info: { move, nopResolution: resolution, hitWall, reached, outcome },
  };
}

/** Whether a bomb lies within `clearance` cells straight ahead of the rover (walls block). */
export function roverFacesBomb(state: GameState, clearance: number): boolean {
  return bombAhead(state.map, state.rover, clearance);
}

/**
 * A role's view of the state: the teacher sees everything; the wizard sees the walls, the rover
 * and whether the acorn is held (every other cell is reported as Empty).
 */
export function project(state: GameState, role: ViewRole): GameView {
  const map =
    role === 'teacher'
      ? copyMap(state.map)
      : state.map.map((row) => row.map((cell) => (cell === Cell.Wall ? Cell.Wall : Cell.Empty)));
  return {
    role,
    rows: state.rows,
    cols: state.cols,
    map,
    rover: { ...state.rover },
    hasAcorn: state.hasAcorn,
    step: state.step,
    score: state.score,
    done: state.done,
    outcome: state.outcome,
  };
}
