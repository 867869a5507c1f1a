/**
 * RoboTaxi frames from the stored steps (pure apart from the steps' async source): each state
 * drawn by the same renderer as the live game (the teacher's full view, with its HUD), shown from
 * the step's server time until the next step's. Each distinct picture (a state, or a new second
 * of the overlay clock) is composed and converted to yuv420p once, then repeated for its frames.
 */
import { project } from '../../games/robotaxi/engine.js';
import { render } from '../../games/robotaxi/render.js';
import type { GameState, Hud } from '../../games/robotaxi/types.js';
import { clock, FrameComposer } from './compose.js';
import { schedule, splitAtSeconds, type Timed } from './frame-timing.js';
import type { FrameRun } from './media.adapter.js';
import type { FrameLayout } from './render-options.js';
import { RenderInputError } from './render-errors.js';
import { rgbaToYuv420p } from './yuv.js';

export interface RobotaxiStepRow {
  index: number;
  state: GameState;
  /** Server time of the step, Unix ms. */
  serverMs: number;
}

export interface RobotaxiReplay {
  /** The episode's start (its initial state appeared), Unix ms: the video's time zero. */
  zeroMs: number;
  episodeIndex: number;
  round: number | null;
  practice: boolean;
  rounds: number;
  stepLimit: number;
  stepMs: number;
  initialState: GameState;
  /** Every step of the episode, by index from 1. */
  steps: AsyncIterable<RobotaxiStepRow>;
}

async function* timeline(replay: RobotaxiReplay): AsyncGenerator<Timed<GameState>> {
  yield { atMs: 0, value: replay.initialState };
  let expected = 1;
  for await (const step of replay.steps) {
    if (step.index !== expected)
      throw new RenderInputError(
        `Step ${expected} of the episode is missing (found ${step.index})`,
      );
    if (!Number.isFinite(step.serverMs))
      throw new RenderInputError(`Step ${step.index} has no valid server time`);
    expected++;
    yield { atMs: step.serverMs - replay.zeroMs, value: step.state };
  }
}

function hudOf(replay: RobotaxiReplay, state: GameState): Hud {
  const stepsLeft = Math.max(0, replay.stepLimit - state.step);
  return {
    round: replay.round ?? 0,
    rounds: replay.rounds,
    practice: replay.practice,
    stepsLeft,
    secondsLeft: Math.round((stepsLeft * replay.stepMs) / 100) / 10,
  };
}

export async function* robotaxiFrames(
  replay: RobotaxiReplay,
  layout: FrameLayout,
  fps: number,
  totalFrames: number,
): AsyncGenerator<FrameRun> {
  const composer = new FrameComposer(layout);
  for await (const shown of schedule(timeline(replay), fps, totalFrames)) {
    if (shown.count === 0) continue;
    const state = shown.value;
    try {
      composer.picture(
        render(project(state, 'teacher'), layout.picture.scale, hudOf(replay, state)),
      );
    } catch (error) {
      throw new RenderInputError(
        `Step ${state.step}: its state cannot be drawn (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    for (const part of splitAtSeconds(shown.start, shown.count, fps)) {
      composer.band({
        left: `EPISODE ${replay.episodeIndex + 1}  STEP ${state.step}/${replay.stepLimit}`,
        right: clock(part.second),
      });
      yield { data: rgbaToYuv420p(composer.rgba, layout.width, layout.height), count: part.count };
    }
  }
}
