import { describe, expect, it } from 'vitest';
import {
  ALE_ACTIONS,
  AleAction,
  actionOf,
  isAleAction,
  joystickOf,
  type JoystickState,
  keyboardJoystick,
} from './actions.js';

const ALE_ORDER = [
  'NOOP',
  'FIRE',
  'UP',
  'RIGHT',
  'LEFT',
  'DOWN',
  'UPRIGHT',
  'UPLEFT',
  'DOWNRIGHT',
  'DOWNLEFT',
  'UPFIRE',
  'RIGHTFIRE',
  'LEFTFIRE',
  'DOWNFIRE',
  'UPRIGHTFIRE',
  'UPLEFTFIRE',
  'DOWNRIGHTFIRE',
  'DOWNLEFTFIRE',
];

function joy(pressed: Partial<JoystickState>): JoystickState {
  return { up: false, down: false, left: false, right: false, fire: false, ...pressed };
}

describe('AleAction', () => {
  it('numbers the 18 actions 0-17 in ALE order', () => {
    expect(ALE_ORDER.map((name) => AleAction[name as keyof typeof AleAction])).toStrictEqual(
      ALE_ORDER.map((_, i) => i),
    );
    expect(ALE_ACTIONS).toStrictEqual(ALE_ORDER.map((_, i) => i));
    expect(ALE_ACTIONS.map((a) => AleAction[a])).toStrictEqual(ALE_ORDER);
  });

  it('knows what an action number is', () => {
    expect(isAleAction(0)).toBe(true);
    expect(isAleAction(17)).toBe(true);
    expect(isAleAction(18)).toBe(false);
    expect(isAleAction(-1)).toBe(false);
    expect(isAleAction(1.5)).toBe(false);
    expect(isAleAction('1')).toBe(false);
  });
});

describe('joystickOf / actionOf', () => {
  it('round-trips every action', () => {
    for (const action of ALE_ACTIONS) expect(actionOf(joystickOf(action))).toBe(action);
  });

  it('holds the expected switches', () => {
    expect(joystickOf(AleAction.NOOP)).toStrictEqual(joy({}));
    expect(joystickOf(AleAction.FIRE)).toStrictEqual(joy({ fire: true }));
    expect(joystickOf(AleAction.UPRIGHT)).toStrictEqual(joy({ up: true, right: true }));
    expect(joystickOf(AleAction.DOWNLEFTFIRE)).toStrictEqual(
      joy({ down: true, left: true, fire: true }),
    );
    expect(joystickOf(AleAction.LEFTFIRE)).toStrictEqual(joy({ left: true, fire: true }));
  });

  it('returns a fresh object each time', () => {
    const a = joystickOf(AleAction.UP);
    a.up = false;
    expect(joystickOf(AleAction.UP).up).toBe(true);
  });

  it('cancels opposite directions', () => {
    expect(actionOf(joy({ up: true, down: true }))).toBe(AleAction.NOOP);
    expect(actionOf(joy({ left: true, right: true, fire: true }))).toBe(AleAction.FIRE);
    expect(actionOf(joy({ up: true, down: true, left: true }))).toBe(AleAction.LEFT);
    expect(actionOf(joy({ up: true, left: true, right: true, fire: true }))).toBe(AleAction.UPFIRE);
    expect(actionOf(joy({ up: true, down: true, left: true, right: true }))).toBe(AleAction.NOOP);
  });

  it('maps all 32 joystick states onto the 18 actions, each reached', () => {
    const reached = new Set<AleAction>();
    for (let bits = 0; bits < 32; bits++) {
      const state = joy({
        up: (bits & 1) !== 0,
        down: (bits & 2) !== 0,
        left: (bits & 4) !== 0,
        right: (bits & 8) !== 0,
        fire: (bits & 16) !== 0,
      });
      const action = actionOf(state);
      expect(isAleAction(action)).toBe(true);
      reached.add(action);
      const opposite = (state.up && state.down) || (state.left && state.right);
      if (!opposite) expect(joystickOf(action)).toStrictEqual(state);
    }
    expect(reached.size).toBe(18);
  });

  it('rejects a number that is not an action', () => {
    expect(() => joystickOf(18 as AleAction)).toThrow(RangeError);
  });
});

describe('keyboardJoystick', () => {
  it('maps the arrow keys and space', () => {
    expect(keyboardJoystick(new Set())).toStrictEqual(joy({}));
    expect(keyboardJoystick(new Set(['ArrowUp', ' ']))).toStrictEqual(
      joy({ up: true, fire: true }),
    );
    expect(
      keyboardJoystick(new Set(['ArrowDown', 'ArrowLeft', 'ArrowRight', 'ArrowUp'])),
    ).toStrictEqual(joy({ up: true, down: true, left: true, right: true }));
  });

  it('ignores other keys', () => {
    expect(keyboardJoystick(new Set(['a', 'Enter', 'Space', 'Up']))).toStrictEqual(joy({}));
  });

  it('gives the ALE action through actionOf', () => {
    expect(actionOf(keyboardJoystick(new Set(['ArrowDown', 'ArrowRight', ' '])))).toBe(
      AleAction.DOWNRIGHTFIRE,
    );
  });
});
