/**
 * The two JSON exports of a RoboTaxi session (pure: built from loaded rows, no I/O).
 *
 * - `ozlab.robotaxi/1`: everything we store, as stored (server-clock ms everywhere).
 * - `compat`: the log shape of the study OzLab replaces, so that its analysis scripts keep
 *   working: `{pair, log: {"round-N": {"episode-M": {"<step>": {...}}}}, audio_log, config,
 *   feedback}` with times in Unix seconds (floats), as Python's `time.time()` gave them.
 */
import { z } from 'zod';
import type { RecordingTrackView } from '../../games/common/recording.js';
import type { GameState, LevelJson, StepInfo } from '../../games/robotaxi/types.js';
import type { KeyPress, RenderReport } from './step.entity.js';

export const OZLAB_EXPORT_FORMAT = 'ozlab.robotaxi/1';

export interface ExportStep {
  index: number;
  action: number;
  reward: number;
  done: boolean;
  outcome: string | null;
  state: GameState;
  info: StepInfo;
  keypresses: KeyPress[];
  renders: RenderReport[];
  renderedMs: number | null;
  serverMs: number;
}

export interface ExportEpisode {
  id: string;
  index: number;
  round: number | null;
  practice: boolean;
  status: string;
  outcome: string | null;
  steps: ExportStep[];
  score: number;
  seed: number | null;
  level: LevelJson | null;
  initialState: GameState | null;
  startedAt: string;
  endedAt: string | null;
}

export interface ExportMember {
  id: string;
  participantId: string;
}

export interface ExportFeedback {
  participantId: string;
  role: 'teacher' | 'wizard';
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface RobotaxiExportInput {
  study: { id: string; name: string; slug: string; config: Record<string, unknown> };
  session: {
    id: string;
    status: string;
    pairing: string;
    seed: number;
    startedAt: string | null;
    endedAt: string | null;
    abortReason: string | null;
  };
  teacher: ExportMember | null;
  wizard: ExportMember | null;
  episodes: ExportEpisode[];
  recordings: (RecordingTrackView & { role: 'teacher' | 'wizard' | null })[];
  clockSamples: {
    participantId: string;
    clockId: string;
    clientSendMs: number;
    serverMs: number;
    clientRecvMs: number;
    rttMs: number;
  }[];
  feedback: ExportFeedback[];
}

export interface OzlabRobotaxiExport extends RobotaxiExportInput {
  format: typeof OZLAB_EXPORT_FORMAT;
  exportedAt: string;
}

export function ozlabExport(input: RobotaxiExportInput, now: Date): OzlabRobotaxiExport {
  return { format: OZLAB_EXPORT_FORMAT, exportedAt: now.toISOString(), ...input };
}

// ------------------------------------------------------------------------- compatibility shape

const seconds = (ms: number) => ms / 1000;

export function compatExport(input: RobotaxiExportInput) {
  const log: Record<string, Record<string, Record<string, unknown>>> = {};
  const perRound = new Map<number, number>();
  for (const episode of input.episodes) {
    const round = episode.round ?? 0;
    const m = perRound.get(round) ?? 0;
    perRound.set(round, m + 1);
    const steps: Record<string, unknown> = {};
    for (const step of episode.steps) {
      steps[String(step.index)] = {
        obs: {
          map: step.state.map,
          rover: [step.state.rover.x, step.state.rover.y],
          orientation: step.state.rover.orientation,
          has_acorn: step.state.hasAcorn,
          score: step.state.score,
        },
        action: step.action,
        reward: step.reward,
        done: step.done,
        info: { ...step.info, episode_status: episode.status },
        keypress_hist: step.keypresses.map((k) => [k.action, seconds(k.clientMs)]),
        game_rendered_timestamp: step.renderedMs === null ? null : seconds(step.renderedMs),
        ts_end_timestamp: seconds(step.serverMs),
      };
    }
    (log[`round-${round}`] ??= {})[`episode-${m}`] = steps;
  }
  const audioLog: Record<string, unknown[]> = { teacher: [], wizard: [] };
  for (const track of input.recordings) {
    if (!track.role) continue;
    audioLog[track.role].push({
      track_id: track.id,
      participant: track.participantCode,
      kind: track.kind,
      status: track.status,
      sample_rate: track.sampleRate,
      duration_s: track.durationSamples === null ? null : track.durationSamples / track.sampleRate,
      start_timestamp: track.mapping ? seconds(track.mapping.interceptMs) : null,
      ms_per_sample: track.mapping?.msPerSample ?? null,
      drift_ppm: track.mapping?.driftPpm ?? null,
      fit_rms_ms: track.mapping?.rmsResidualMs ?? null,
      gaps: track.gaps ?? [],
    });
  }
  const wizardFeedback = input.feedback.find((f) => f.role === 'wizard')?.payload ?? null;
  const teacherFeedback = input.feedback.find((f) => f.role === 'teacher')?.payload ?? null;
  return {
    pair: `${input.teacher?.participantId ?? '?'}-${input.wizard?.participantId ?? '?'}`,
    session_id: input.session.id,
    log,
    audio_log: audioLog,
    config: { ...input.study.config, seed: input.session.seed },
    feedback: { wizard: wizardFeedback, teacher: teacherFeedback },
  };
}

/** The compatibility shape, checked (tests and researchers' own checks use it). */
const compatStepSchema = z.strictObject({
  obs: z.strictObject({
    map: z.array(z.array(z.number().int().min(0).max(4))),
    rover: z.tuple([z.number().int(), z.number().int()]),
    orientation: z.enum(['UP', 'RIGHT', 'DOWN', 'LEFT']),
    has_acorn: z.boolean(),
    score: z.number(),
  }),
  action: z.number().int().min(0).max(4),
  reward: z.number(),
  done: z.boolean(),
  info: z.record(z.string(), z.unknown()),
  keypress_hist: z.array(z.tuple([z.number().int(), z.number()])),
  game_rendered_timestamp: z.number().nullable(),
  ts_end_timestamp: z.number(),
});

export const compatExportSchema = z.strictObject({
  pair: z.string().regex(/^.+-.+$/),
  session_id: z.uuid(),
  log: z.record(
    z.string().regex(/^round-\d+$/),
    z.record(
      z.string().regex(/^episode-\d+$/),
      z.record(z.string().regex(/^\d+$/), compatStepSchema),
    ),
  ),
  audio_log: z.strictObject({
    teacher: z.array(z.record(z.string(), z.unknown())),
    wizard: z.array(z.record(z.string(), z.unknown())),
  }),
  config: z.record(z.string(), z.unknown()),
  feedback: z.strictObject({
    wizard: z.record(z.string(), z.unknown()).nullable(),
    teacher: z.record(z.string(), z.unknown()).nullable(),
  }),
});
