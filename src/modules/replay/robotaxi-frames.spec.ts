import { describe, expect, it } from 'vitest';
import { newEpisode, step } from '../../games/robotaxi/engine.js';
import { parseLevel } from '../../games/robotaxi/maps.js';
import { Action, DEFAULT_RULES, type GameState } from '../../games/robotaxi/types.js';
import { FrameComposer } from './compose.js';
import { robotaxiLayout } from './render-options.js';
import { RenderInputError } from './render-errors.js';
import { type RobotaxiReplay, type RobotaxiStepRow, robotaxiFrames } from './robotaxi-frames.js';
import { yuv420pBytes } from './yuv.js';

const level = parseLevel({
  grid: ['######', '#R...#', '#....#', '#..A.#', '#...S#', '######'],
  orientation: 'RIGHT',
});
const SIZE = { width: 320, height: 240 };
const ZERO = 1_700_000_000_000;

function replay(times: number[], skip?: number): RobotaxiReplay {
  let state: GameState = newEpisode(level, 1, 0);
  const initialState = state;
  const rows: RobotaxiStepRow[] = [];
  times.forEach((at, i) => {
    state = step(state, Action.DOWN, { ...DEFAULT_RULES, stepLimit: 100 }).state;
    if (i + 1 !== skip) rows.push({ index: i + 1, state, serverMs: ZERO + at });
  });
  return {
    zeroMs: ZERO,
    episodeIndex: 0,
    round: 1,
    practice: false,
    rounds: 2,
    stepLimit: 100,
    stepMs: 500,
    initialState,
    steps: (async function* () {
      yield* rows;
    })(),
  };
}

async function runs(r: RobotaxiReplay, fps: number, total: number) {
  const out = [];
  const layout = robotaxiLayout(SIZE, level);
  for await (const run of robotaxiFrames(r, layout, fps, total)) out.push(run);
  return out;
}

describe('robotaxiFrames', () => {
  it('emits one yuv420p picture per state and second, repeated for its frames', async () => {
    const out = await runs(replay([500, 1000, 2400]), 30, 90);
    // start 0-14, s1 15-29, s2 30-71 (split at frame 60 by the clock), s3 72-89.
    expect(out.map((r) => r.count)).toEqual([15, 15, 30, 12, 18]);
    expect(out.every((r) => r.data.length === yuv420pBytes(320, 240))).toBe(true);
    // A new picture for each part: the clock of s2's second part differs from its first.
    expect(Buffer.compare(Buffer.from(out[2].data), Buffer.from(out[3].data))).not.toBe(0);
  });

  it('never emits more frames than the video has, even if the log runs past its end', async () => {
    const out = await runs(replay([500, 1000, 1500, 2000]), 30, 40);
    expect(out.reduce((n, r) => n + r.count, 0)).toBe(40);
  });

  it('stops with a readable error at a hole in the steps', async () => {
    await expect(runs(replay([500, 1000, 1500], 2), 30, 60)).rejects.toThrow(
      new RenderInputError('Step 2 of the episode is missing (found 3)'),
    );
  });
});

describe('FrameComposer', () => {
  it('repeats each source pixel scaleX x scaleY times at the picture box', () => {
    const layout = {
      width: 8,
      height: 6,
      band: { font: 1, padding: 0, top: 6, height: 0 },
      picture: { x: 2, y: 1, scale: 2, scaleX: 2, scaleY: 2, width: 4, height: 4 },
    };
    const src = new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255, 4, 4, 4, 255]);
    const c = new FrameComposer(layout).picture({ width: 2, height: 2, data: src });
    const at = (x: number, y: number) => c.rgba[(y * 8 + x) * 4];
    expect([at(2, 1), at(3, 1), at(4, 1), at(5, 1)]).toEqual([1, 1, 2, 2]);
    expect([at(2, 2), at(5, 2)]).toEqual([1, 2]);
    expect([at(2, 3), at(3, 4), at(4, 4)]).toEqual([3, 3, 4]);
    expect(at(1, 1)).toBe(16); // the background
  });
});
