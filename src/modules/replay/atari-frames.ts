/**
 * Atari frames by re-emulating the stored inputs (the ROM, the episode's power-on seed, each
 * frame's action and console switches), each emulated frame shown from its logged time
 * (`clientMs`, server clock) until the next one's: a pause, a dropped or a late frame in the live
 * play shows in the video as it happened. Pure apart from the frames' async source.
 */
import type { FrameRecord } from '../../games/common/atari-frames.js';
import { AtariMachine, SCREEN_HEIGHT, SCREEN_WIDTH } from '../../games/atari/machine.js';
import { clock, FrameComposer } from './compose.js';
import { schedule, splitAtSeconds, type Timed } from './frame-timing.js';
import type { FrameRun } from './media.adapter.js';
import type { FrameLayout } from './render-options.js';
import { RenderInputError } from './render-errors.js';

export interface AtariReplay {
  rom: Uint8Array;
  seed: number;
  /** The first frame's `clientMs` (Unix ms, server clock): the video's time zero. */
  zeroMs: number;
  episodeIndex: number;
  /** Every frame of the episode, by `frame` from 0. */
  frames: AsyncIterable<FrameRecord>;
}

/** Emulated frames between two pauses of the generator for the event loop. */
const YIELD_EVERY = 60;

async function* timeline(replay: AtariReplay): AsyncGenerator<Timed<FrameRecord>> {
  let expected = 0;
  for await (const frame of replay.frames) {
    if (frame.frame !== expected)
      throw new RenderInputError(
        `Frame ${expected} of the episode is missing (found ${frame.frame})`,
      );
    expected++;
    yield { atMs: frame.clientMs - replay.zeroMs, value: frame };
  }
}

export async function* atariFrames(
  replay: AtariReplay,
  layout: FrameLayout,
  fps: number,
  totalFrames: number,
): AsyncGenerator<FrameRun> {
  let machine: AtariMachine;
  try {
    machine = await AtariMachine.create(replay.rom, { seed: replay.seed });
  } catch (error) {
    throw new RenderInputError(
      `The ROM cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const composer = new FrameComposer(layout);
  const pixels = new Uint8ClampedArray(SCREEN_WIDTH * SCREEN_HEIGHT * 4);
  let emulated = 0;
  for await (const shown of schedule(timeline(replay), fps, totalFrames)) {
    const frame = shown.value;
    try {
      machine.step(frame.action, { reset: frame.reset, select: frame.select });
    } catch (error) {
      throw new RenderInputError(
        `Frame ${frame.frame} cannot be emulated: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (++emulated % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    if (shown.count === 0) continue;
    composer.picture({ width: SCREEN_WIDTH, height: SCREEN_HEIGHT, data: machine.pixels(pixels) });
    const lives = frame.lives === null ? '' : `  LIVES ${frame.lives}`;
    for (const part of splitAtSeconds(shown.start, shown.count, fps)) {
      composer.band({
        left: `EPISODE ${replay.episodeIndex + 1}  SCORE ${frame.score}${lives}`,
        right: clock(part.second),
      });
      // A copy (unzeroed, then filled): the composer's buffer is redrawn for the next frame
      // while this one may still wait in the pipe.
      const copy = Buffer.allocUnsafeSlow(composer.rgba.length);
      copy.set(composer.rgba);
      yield { data: copy, count: part.count };
    }
  }
}
