/**
 * The Atari demonstration's frame log, shared by the client (which records it at 60 Hz and sends
 * it in ~1 s batches), the server (which persists each batch before acknowledging it) and the
 * exports. Pure: zod schemas and types only.
 */
import { z } from 'zod';

/** Joystick bits of `FrameRecord.joystick`. */
export const JOYSTICK_BITS = { up: 1, down: 2, left: 4, right: 8, fire: 16 } as const;

/** One emulated frame. */
export const frameRecordSchema = z.strictObject({
  /** Index within the episode, from 0. */
  frame: z.number().int().nonnegative(),
  /** ALE action 0..17. */
  action: z.number().int().min(0).max(17),
  /** Joystick and fire state as bits (`JOYSTICK_BITS`). */
  joystick: z.number().int().min(0).max(31),
  reward: z.number().finite(),
  score: z.number().finite(),
  lives: z.number().int().nullable(),
  terminal: z.boolean(),
  /** Emulation time: ms of emulated play since the episode began (frame / fps, pauses excluded). */
  emuMs: z.number().nonnegative(),
  /** When the frame was produced, in server-clock ms (`serverTimeOf(performance.now())`). */
  clientMs: z.number().finite(),
  /** The console's RESET / SELECT switches were held this frame (a new game presses RESET). */
  reset: z.boolean().optional(),
  select: z.boolean().optional(),
  /**
   * The game was paused just before this frame (the tab was hidden): for how long, in server-clock
   * ms, and why. Emulation time (`emuMs`) does not advance during a pause; `clientMs` does.
   */
  pause: z.strictObject({ ms: z.number().nonnegative(), reason: z.enum(['hidden']) }).optional(),
  /**
   * The emulator's frame hash, for the server's determinism check: on every 60th frame (59, 119,
   * ...) and on the last frame of a game that ended (game over, time up).
   */
  hash: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/)
    .optional(),
});
export type FrameRecord = z.infer<typeof frameRecordSchema>;

export const FRAME_BATCH_LIMITS = { maxFrames: 600 } as const;

/** Body of `PUT /api/atari/episodes/:episodeId/batches/:seq`: consecutive frames. */
export const frameBatchSchema = z
  .strictObject({
    frames: z.array(frameRecordSchema).min(1).max(FRAME_BATCH_LIMITS.maxFrames),
  })
  .superRefine((batch, ctx) => {
    batch.frames.forEach((f, i) => {
      if (i > 0 && f.frame !== batch.frames[i - 1].frame + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['frames', i, 'frame'],
          message: `must be ${batch.frames[i - 1].frame + 1} (frames of a batch are consecutive)`,
        });
    });
  });
export type FrameBatch = z.infer<typeof frameBatchSchema>;
