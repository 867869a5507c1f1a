/**
 * Game logs for the replay specs (not used by the dashboard): a RoboTaxi episode played by the
 * real engine, written as our session export (`ozlab.robotaxi/1`) and as the Wizard-of-Oz log
 * shape (`compatExport` in src/modules/sessions/robotaxi-export.ts), and an Atari frames export.
 */
import { newEpisode, step } from '../../../src/games/robotaxi/engine';
import { parseLevel } from '../../../src/games/robotaxi/maps';
import {
  Action,
  DEFAULT_RULES,
  type GameState,
  type StepResult,
} from '../../../src/games/robotaxi/types';

export const T0 = 1_700_000_000_000;
export const STEP_MS = 500;

const level = parseLevel({
  grid: ['######', '#R.A.#', '#....#', '#...S#', '######'],
  orientation: 'RIGHT',
});

/** Right to the acorn, on, down to the squirrel: delivered at step 5. */
export const MOVES = [Action.RIGHT, Action.RIGHT, Action.RIGHT, Action.DOWN, Action.DOWN];

export interface PlayedStep extends StepResult {
  index: number;
  action: Action;
  serverMs: number;
  keyMs: number;
}

export function playEpisode(startMs: number): { initial: GameState; steps: PlayedStep[] } {
  const initial = newEpisode(level, 7, 0);
  let state = initial;
  const steps = MOVES.map((action, i) => {
    const result = step(state, action, DEFAULT_RULES);
    state = result.state;
    const serverMs = startMs + (i + 1) * STEP_MS;
    return { ...result, index: i + 1, action, serverMs, keyMs: serverMs - 120 };
  });
  return { initial, steps };
}

const track = {
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  participantCode: 'T0001',
  role: 'teacher',
  kind: 'mic',
  status: 'finalized',
  sampleRate: 16_000,
  durationSamples: 16_000 * 10,
  mapping: { interceptMs: T0 - 2000, msPerSample: (1000 / 16_000) * (1 + 50e-6), driftPpm: -50 },
};

/** Our session export with two episodes (practice, then round 1) and one audio track. */
export function robotaxiExport() {
  const episodes = [0, 1].map((index) => {
    const startMs = T0 + index * 10_000;
    const { initial, steps } = playEpisode(startMs);
    return {
      id: `episode-${index}`,
      index,
      round: index,
      practice: index === 0,
      status: 'completed',
      outcome: 'delivered',
      steps: steps.map((s) => ({
        index: s.index,
        action: s.action,
        reward: s.reward,
        done: s.done,
        outcome: s.info.outcome,
        state: s.state,
        info: s.info,
        keypresses: [{ action: s.action, seq: s.index, clientMs: s.keyMs, serverMs: s.keyMs + 20 }],
        renders: [],
        renderedMs: null,
        serverMs: s.serverMs,
      })),
      score: steps[steps.length - 1].state.score,
      seed: 7,
      level: null,
      initialState: initial,
      startedAt: new Date(startMs).toISOString(),
      endedAt: new Date(startMs + 6 * STEP_MS).toISOString(),
    };
  });
  return {
    format: 'ozlab.robotaxi/1',
    exportedAt: new Date(T0).toISOString(),
    study: {
      id: 's',
      name: 'Pilot',
      slug: 'pilot',
      config: { rounds: 1, stepLimit: 20, stepMs: STEP_MS, rewards: { step: -1 } },
    },
    session: {
      id: 'session-1',
      status: 'completed',
      pairing: 'auto',
      seed: 1,
      startedAt: null,
      endedAt: null,
      abortReason: null,
    },
    teacher: { id: 't', participantId: 'T0001' },
    wizard: { id: 'w', participantId: 'W0001' },
    episodes,
    recordings: [track, { ...track, id: 'unfinished', status: 'recording', mapping: null }],
    clockSamples: [],
    feedback: [],
  };
}

/** The same session in the Wizard-of-Oz log shape (times in Unix seconds). */
export function compatLog(audioStart: number | null = (T0 - 2000) / 1000) {
  const log: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const index of [0, 1]) {
    const { steps } = playEpisode(T0 + index * 10_000);
    const byStep: Record<string, unknown> = {};
    for (const s of steps)
      byStep[String(s.index)] = {
        obs: {
          map: s.state.map,
          rover: [s.state.rover.x, s.state.rover.y],
          orientation: s.state.rover.orientation,
          has_acorn: s.state.hasAcorn,
          score: s.state.score,
        },
        action: s.action,
        reward: s.reward,
        done: s.done,
        info: { ...s.info, episode_status: 'completed' },
        keypress_hist: [[s.action, s.keyMs / 1000]],
        game_rendered_timestamp: null,
        ts_end_timestamp: s.serverMs / 1000,
      };
    log[`round-${index}`] = { 'episode-0': byStep };
  }
  return {
    pair: 'T0001-W0001',
    session_id: '00000000-0000-4000-8000-000000000001',
    log,
    audio_log: {
      teacher:
        audioStart === null
          ? []
          : [
              {
                track_id: track.id,
                participant: 'T0001',
                kind: 'mic',
                sample_rate: 16_000,
                start_timestamp: audioStart,
                ms_per_sample: 1000 / 16_000,
              },
            ],
      wizard: [],
    },
    config: { rounds: 1, stepMs: STEP_MS, seed: 1 },
    feedback: { wizard: null, teacher: null },
  };
}

/** An Atari frames export: FIRE at frames 2-3, a reward at 3, a life lost at 5, game over at 7. */
export function atariExport() {
  const frames = Array.from({ length: 8 }, (_, i) => ({
    frame: i,
    action: i === 2 || i === 3 ? 1 : 0,
    joystick: i === 2 || i === 3 ? 16 : 0,
    reward: i === 3 ? 10 : 0,
    score: i >= 3 ? 10 : 0,
    lives: i >= 5 ? 2 : 3,
    terminal: i === 7,
    emuMs: (i * 1000) / 60,
    // The client's clock estimate stepped back 1 ms at frame 6.
    clientMs: T0 + i * 16 + (i === 6 ? -17 : 0),
    ...(i === 0 ? { reset: true } : {}),
    ...(i === 4 ? { pause: { ms: 1500, reason: 'hidden' } } : {}),
    ...(i === 5 ? { hash: 'deadbeef' } : {}),
  }));
  return {
    format: 'ozlab.atari/1',
    episode: {
      id: 'ep-a',
      index: 1,
      practice: false,
      game: 'ozlab-test',
      seed: 99,
      romMd5: 'abc',
      outcome: 'game-over',
    },
    frames,
  };
}
