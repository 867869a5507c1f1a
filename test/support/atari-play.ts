/**
 * Plays the test ROM as the browser client does (scripted inputs, RESET at the start, a frame
 * hash every 60 frames) and returns the frame log it would upload. Used by the determinism
 * tests and by `bench/atari.ts`.
 */
import { AleAction, joystickOf } from '../../src/games/atari/actions.js';
import { evaluate, OZLAB_TEST } from '../../src/games/atari/games.js';
import { AtariMachine, NTSC_FPS } from '../../src/games/atari/machine.js';
import { type FrameRecord, JOYSTICK_BITS } from '../../src/games/common/atari-frames.js';
import { assembleTestRom } from './atari-rom.js';

export interface PlayOptions {
  seed: number;
  frames: number;
  /** The action of frame `i` (default: fire twice a second, otherwise move about). */
  actionAt?: (i: number) => AleAction;
  /** Whether the console's RESET is held at frame `i` (default: the first 4 frames). */
  resetAt?: (i: number) => boolean;
}

const defaultAction = (i: number) =>
  i % 30 < 2 ? AleAction.FIRE : i % 90 < 45 ? AleAction.UPRIGHT : AleAction.LEFT;

export async function playTestRom(options: PlayOptions): Promise<FrameRecord[]> {
  const { seed, frames, actionAt = defaultAction, resetAt = (i) => i < 4 } = options;
  const machine = await AtariMachine.create(assembleTestRom(), { seed });
  const log: FrameRecord[] = [];
  let prev = machine.ram();
  for (let i = 0; i < frames; i++) {
    const action = actionAt(i);
    const reset = resetAt(i);
    machine.step(action, { reset });
    const ram = machine.ram();
    const result = evaluate(OZLAB_TEST, ram, prev);
    prev = ram;
    const joy = joystickOf(action);
    const joystick = (Object.keys(JOYSTICK_BITS) as (keyof typeof JOYSTICK_BITS)[]).reduce(
      (bits, key) => (joy[key] ? bits | JOYSTICK_BITS[key] : bits),
      0,
    );
    log.push({
      frame: i,
      action,
      joystick,
      reward: result.reward,
      score: result.score,
      lives: result.lives,
      terminal: result.terminal,
      emuMs: (i * 1000) / NTSC_FPS,
      clientMs: 1.7e12 + (i * 1000) / NTSC_FPS,
      ...(reset ? { reset } : {}),
      // A hash every 60 frames and on the last (the client hashes a game's last frame).
      ...(i % 60 === 59 || i === frames - 1 ? { hash: machine.frameHash() } : {}),
    });
  }
  return log;
}
