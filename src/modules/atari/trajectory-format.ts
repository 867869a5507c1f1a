/**
 * Atari episode formats (pure): the Atari Grand Challenge text format, the trajectory JSON of
 * the speech-demonstration study OzLab replaces (so T-REX pipelines run unchanged), and the
 * import of such a trajectory for viewing.
 */
import { z } from 'zod';
import type { FrameRecord } from '../../games/common/atari-frames.js';
import { JOYSTICK_BITS } from '../../games/common/atari-frames.js';

/** Atari Grand Challenge: a header, then one `frame,reward,score,terminal,action` row a frame. */
export function agcText(frames: readonly FrameRecord[]): string {
  const rows = frames.map(
    (f) => `${f.frame},${f.reward},${f.score},${f.terminal ? 1 : 0},${f.action}`,
  );
  return ['frame,reward,score,terminal,action', ...rows].join('\n') + '\n';
}

export interface LegacyTrajectory {
  trajectory: Record<
    string,
    {
      action: number;
      keys_pressed: Record<string, boolean>;
      reward: number;
      terminal: boolean;
      score: number;
    }
  >;
  final_score: number;
  /** Milliseconds since the game began, one per frame. */
  time_stamp: number[];
}

/**
 * Javatari's control codes (`jt.ConsoleControls`: JOY0_UP 11, JOY0_DOWN 12, JOY0_LEFT 13,
 * JOY0_RIGHT 14, JOY0_BUTTON 15), which the old study wrote as the keys of `keys_pressed`; its
 * Space Invaders file pairs LEFT with 13, RIGHT with 14 and FIRE with 15.
 */
const JAVATARI_CONTROLS: Record<keyof typeof JOYSTICK_BITS, string> = {
  up: '11',
  down: '12',
  left: '13',
  right: '14',
  fire: '15',
};

/** The old study's trajectory JSON from our frames. */
export function legacyTrajectory(frames: readonly FrameRecord[]): LegacyTrajectory {
  const trajectory: LegacyTrajectory['trajectory'] = {};
  for (const f of frames) {
    const keys: Record<string, boolean> = {};
    for (const [name, bit] of Object.entries(JOYSTICK_BITS))
      if (f.joystick & bit) keys[JAVATARI_CONTROLS[name as keyof typeof JOYSTICK_BITS]] = true;
    trajectory[String(f.frame)] = {
      action: f.action,
      keys_pressed: keys,
      reward: f.reward,
      terminal: f.terminal,
      score: f.score,
    };
  }
  return {
    trajectory,
    final_score: frames.at(-1)?.score ?? 0,
    // Emulation time is ms since the game began, as the old study's time stamps were.
    time_stamp: frames.map((f) => Math.round(f.emuMs)),
  };
}

const legacyStepSchema = z.object({
  action: z.number().int().min(0).max(17),
  keys_pressed: z.record(z.string(), z.boolean()),
  reward: z.number(),
  terminal: z.boolean(),
  score: z.number(),
});

const legacyFileSchema = z
  .object({
    trajectory: z.record(z.string().regex(/^\d+$/), legacyStepSchema),
    final_score: z.number(),
    time_stamp: z.array(z.number()).optional(),
    /** The first files of that study misspelled the key. */
    'time_stamp:': z.array(z.number()).optional(),
    /** A Javatari save state: kept verbatim (6502.ts cannot load it). */
    init_state: z.unknown().optional(),
  })
  .refine((f) => f.time_stamp !== undefined || f['time_stamp:'] !== undefined, {
    message: 'needs time_stamp (or the misspelled "time_stamp:")',
    path: ['time_stamp'],
  });

export interface ImportedTrajectory {
  frames: {
    frame: number;
    action: number;
    keysPressed: Record<string, boolean>;
    reward: number;
    terminal: boolean;
    score: number;
    /** ms since the game began. */
    timeMs: number;
  }[];
  finalScore: number;
  /** Kept verbatim; null when the file had none. */
  initState: unknown;
}

export class TrajectoryImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'TrajectoryImportError';
  }
}

/**
 * Reads a trajectory file of the old study: JSON, or (as it wrote them) a JSON string whose
 * content is JSON. Frames must be numbered 0..n-1 with one time stamp each.
 */
export function importLegacyTrajectory(text: string): ImportedTrajectory {
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (typeof value === 'string') value = JSON.parse(value);
  } catch (error) {
    throw new TrajectoryImportError([`not JSON: ${(error as Error).message}`]);
  }
  const parsed = legacyFileSchema.safeParse(value);
  if (!parsed.success)
    throw new TrajectoryImportError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  const file = parsed.data;
  const times = file.time_stamp ?? file['time_stamp:'] ?? [];
  const indexes = Object.keys(file.trajectory)
    .map(Number)
    .sort((a, b) => a - b);
  const problems: string[] = [];
  indexes.forEach((n, i) => {
    if (n !== i && problems.length < 5) problems.push(`trajectory: frame ${i} is missing`);
  });
  if (times.length !== indexes.length)
    problems.push(`time_stamp: ${times.length} entries for ${indexes.length} frames`);
  if (problems.length) throw new TrajectoryImportError(problems);
  return {
    frames: indexes.map((n) => {
      const step = file.trajectory[String(n)];
      return {
        frame: n,
        action: step.action,
        keysPressed: step.keys_pressed,
        reward: step.reward,
        terminal: step.terminal,
        score: step.score,
        timeMs: times[n],
      };
    }),
    finalScore: file.final_score,
    initState: file.init_state ?? null,
  };
}
