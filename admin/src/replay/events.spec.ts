import { describe, expect, it } from 'vitest';

import { JOYSTICK_BITS } from '../../../src/games/common/atari-frames';
import { atariEvents, FIRE_BIT, robotaxiEvents, routineReward, type StepForEvents } from './events';
import { ReplayEventKind } from './model';

const step = (n: number, over: Partial<StepForEvents> = {}): StepForEvents => ({
  ms: n * 100,
  step: n,
  reward: -1,
  reached: null,
  outcome: null,
  keys: [],
  ...over,
});

describe('robotaxiEvents', () => {
  it('marks bombs, deliveries, unusual rewards and the step limit, not the per-step cost', () => {
    const events = robotaxiEvents([
      step(1, { keys: [{ action: 2, ms: 50 }] }),
      step(2, { reward: -11, reached: 'bomb', outcome: 'bomb' }),
      step(3, { reward: 3 }),
      step(4, { reward: 9, outcome: 'delivered' }),
      step(5, { outcome: 'step-limit' }),
    ]);
    expect(events.map((e) => [e.kind, e.ms])).toEqual([
      [ReplayEventKind.Key, 50],
      [ReplayEventKind.Bomb, 200],
      [ReplayEventKind.Reward, 300],
      [ReplayEventKind.Delivery, 400],
      [ReplayEventKind.EpisodeEnd, 500],
    ]);
    expect(events[0].label).toBe('Key RIGHT (step 1)');
    expect(events[2].label).toBe('Reward step 3, +3');
  });

  it('takes the routine reward from the steps when the study does not say', () => {
    expect(routineReward([-1, -1, 5, -1, 10])).toBe(-1);
    expect(routineReward([])).toBeNull();
    expect(robotaxiEvents([step(1, { reward: 0 }), step(2, { reward: 0 })], null)).toEqual([]);
  });
});

describe('atariEvents', () => {
  const frame = (i: number, over = {}) => ({
    ms: i,
    joystick: 0,
    reward: 0,
    lives: 3 as number | null,
    terminal: false,
    ...over,
  });

  it('marks a held FIRE once, and a life lost only outside a reset', () => {
    const events = atariEvents([
      frame(0, { joystick: FIRE_BIT }),
      frame(1, { joystick: FIRE_BIT | 1 }),
      frame(2),
      frame(3, { joystick: FIRE_BIT, lives: 2 }),
      frame(4, { reset: true, lives: 5 }),
      frame(5, { reset: true, lives: 4 }),
      frame(6, { lives: null }),
      frame(7, { lives: 3 }),
    ]);
    expect(events.map((e) => [e.kind, e.ms])).toEqual([
      [ReplayEventKind.Fire, 0],
      [ReplayEventKind.Fire, 3],
      [ReplayEventKind.LifeLost, 3],
      [ReplayEventKind.NewGame, 4],
      [ReplayEventKind.LifeLost, 7],
    ]);
  });

  it('uses the fire bit of the frame log', () => {
    expect(FIRE_BIT).toBe(JOYSTICK_BITS.fire);
  });
});
