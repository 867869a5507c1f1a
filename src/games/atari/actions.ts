/**
 * The 18 joystick actions of the Arcade Learning Environment (ALE), numbered as ALE numbers them
 * (`Action` in ALE's `src/ale/common/Constants.h`: PLAYER_A_NOOP = 0 ... PLAYER_A_DOWNLEFTFIRE =
 * 17), and their mapping to and from a digital joystick and the participant's keyboard.
 *
 * Pure: no DOM or Node APIs, shared by the browser client and the server.
 */

export enum AleAction {
  NOOP = 0,
  FIRE = 1,
  UP = 2,
  RIGHT = 3,
  LEFT = 4,
  DOWN = 5,
  UPRIGHT = 6,
  UPLEFT = 7,
  DOWNRIGHT = 8,
  DOWNLEFT = 9,
  UPFIRE = 10,
  RIGHTFIRE = 11,
  LEFTFIRE = 12,
  DOWNFIRE = 13,
  UPRIGHTFIRE = 14,
  UPLEFTFIRE = 15,
  DOWNRIGHTFIRE = 16,
  DOWNLEFTFIRE = 17,
}

/** Every action, in ALE order (index = action number). */
export const ALE_ACTIONS: readonly AleAction[] = Array.from({ length: 18 }, (_, i) => i);

export interface JoystickState {
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
  fire: boolean;
}

/** The KeyboardEvent.key values that drive the joystick. */
export const JOYSTICK_KEYS = {
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  fire: ' ',
} as const satisfies Record<keyof JoystickState, string>;

/** -1, 0 or 1 on each axis (x: right positive, y: up positive) to the direction action. */
const DIRECTION: Record<string, AleAction> = {
  '0,0': AleAction.NOOP,
  '0,1': AleAction.UP,
  '1,0': AleAction.RIGHT,
  '-1,0': AleAction.LEFT,
  '0,-1': AleAction.DOWN,
  '1,1': AleAction.UPRIGHT,
  '-1,1': AleAction.UPLEFT,
  '1,-1': AleAction.DOWNRIGHT,
  '-1,-1': AleAction.DOWNLEFT,
};

/** A direction action to the same direction with the button down. */
const WITH_FIRE: Record<number, AleAction> = {
  [AleAction.NOOP]: AleAction.FIRE,
  [AleAction.UP]: AleAction.UPFIRE,
  [AleAction.RIGHT]: AleAction.RIGHTFIRE,
  [AleAction.LEFT]: AleAction.LEFTFIRE,
  [AleAction.DOWN]: AleAction.DOWNFIRE,
  [AleAction.UPRIGHT]: AleAction.UPRIGHTFIRE,
  [AleAction.UPLEFT]: AleAction.UPLEFTFIRE,
  [AleAction.DOWNRIGHT]: AleAction.DOWNRIGHTFIRE,
  [AleAction.DOWNLEFT]: AleAction.DOWNLEFTFIRE,
};

function axis(positive: boolean, negative: boolean): number {
  return (positive ? 1 : 0) - (negative ? 1 : 0);
}

/** The ALE action of a joystick state. Opposite directions held together cancel each other. */
export function actionOf(joy: JoystickState): AleAction {
  const direction = DIRECTION[`${axis(joy.right, joy.left)},${axis(joy.up, joy.down)}`];
  return joy.fire ? WITH_FIRE[direction] : direction;
}

const JOYSTICK_OF: readonly Readonly<JoystickState>[] = ALE_ACTIONS.map((action) => {
  const name = AleAction[action];
  return Object.freeze({
    up: name.startsWith('UP'),
    down: name.startsWith('DOWN'),
    left: name.includes('LEFT'),
    right: name.includes('RIGHT'),
    fire: name.endsWith('FIRE'),
  });
});

export function isAleAction(value: unknown): value is AleAction {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 17;
}

/** The joystick state that an ALE action holds (a fresh object the caller may change). */
export function joystickOf(action: AleAction): JoystickState {
  if (!isAleAction(action)) throw new RangeError(`not an ALE action (0-17): ${String(action)}`);
  return { ...JOYSTICK_OF[action] };
}

/** The joystick held by the keys currently down (`KeyboardEvent.key` values). */
export function keyboardJoystick(pressed: ReadonlySet<string>): JoystickState {
  return {
    up: pressed.has(JOYSTICK_KEYS.up),
    down: pressed.has(JOYSTICK_KEYS.down),
    left: pressed.has(JOYSTICK_KEYS.left),
    right: pressed.has(JOYSTICK_KEYS.right),
    fire: pressed.has(JOYSTICK_KEYS.fire),
  };
}
