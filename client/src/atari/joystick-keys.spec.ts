import { afterEach, describe, expect, it } from 'vitest';

import { AleAction } from '../../../src/games/atari/actions';
import { JoystickKeys } from './joystick-keys';

/** A key event at a given `performance.now()` time (Node has Event, not KeyboardEvent). */
function keyEvent(type: 'keydown' | 'keyup', key: string, timeStamp: number): Event {
  const event = new Event(type, { cancelable: true });
  Object.defineProperty(event, 'key', { value: key });
  Object.defineProperty(event, 'timeStamp', { value: timeStamp });
  return event;
}

describe('JoystickKeys', () => {
  let now = 0;
  const target = new EventTarget();
  const keys = new JoystickKeys(() => now);
  keys.attach(target as unknown as Window);
  const send = (type: 'keydown' | 'keyup', key: string, at: number) =>
    target.dispatchEvent(keyEvent(type, key, at));

  afterEach(() => keys.release());

  it('gives each frame the keys held at its scheduled time, not when it is emulated', () => {
    // The page was busy: at 150 ms it catches up frames due at 100, 116.7, 133.3 and 150 ms,
    // after a FIRE press at 125 ms.
    now = 150;
    send('keydown', ' ', 125);
    expect([100, 116.7, 133.3, 150].map((due) => keys.action(due))).toEqual([
      AleAction.NOOP,
      AleAction.NOOP,
      AleAction.FIRE,
      AleAction.FIRE,
    ]);
    send('keyup', ' ', 150);
    expect(keys.action(166.7)).toBe(AleAction.NOOP);
  });

  it('counts a tap shorter than a frame on the next frame', () => {
    now = 300;
    send('keydown', 'ArrowUp', 205);
    send('keyup', 'ArrowUp', 210);
    expect(keys.action(200)).toBe(AleAction.NOOP);
    expect(keys.action(216.7)).toBe(AleAction.UP);
    expect(keys.action(233.3)).toBe(AleAction.NOOP);
  });

  it('combines keys and takes an event time from the future as now', () => {
    now = 400;
    send('keydown', 'ArrowUp', 390);
    send('keydown', 'ArrowRight', 10_000); // implausible: taken as 400
    expect(keys.action(395)).toBe(AleAction.UP);
    expect(keys.action(400)).toBe(AleAction.UPRIGHT);
    send('keydown', ' ', 400);
    expect(keys.action()).toBe(AleAction.UPRIGHTFIRE);
  });

  it('releases everything held or pending', () => {
    now = 500;
    send('keydown', 'ArrowLeft', 490);
    send('keydown', ' ', 495);
    keys.release();
    expect(keys.action(500)).toBe(AleAction.NOOP);
  });
});
