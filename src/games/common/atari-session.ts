/**
 * The demonstrator's Atari session (flow 4), shared by the client and the server: what the
 * client reads to run the flow (consent → mic check → game instructions → practice trial →
 * session instructions → recorded session → questionnaire → completion), and the bodies it sends.
 * Pure: zod schemas and types only.
 *
 * Endpoints (participant token, demonstrators only):
 * - `GET  /api/atari/session` → `AtariSessionView`.
 * - `POST /api/atari/episodes` `{practice?}` → the episode (id, seed, ...): the study's ROM.
 * - `PUT  /api/atari/episodes/:id/batches/:seq` `{frames}` (see `atari-frames.ts`).
 * - `POST /api/atari/episodes/:id/end` `{frames, outcome}`.
 * - `POST /api/atari/session/questionnaire` `QuestionnaireSubmission` → `AtariSessionView`.
 * - `POST /api/atari/session/complete` `CompleteSessionRequest` → `AtariSessionView` with
 *   `completion`, or 409 `{message, errors[]}` naming what has not arrived yet (episodes still
 *   running, frames or audio chunks missing, tracks not finalized, questionnaire unanswered).
 */
import { z } from 'zod';

/** One question of the study's questionnaire (`config.questionnaire`). */
export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    type: z.literal('text'),
    text: z.string().min(1).max(2000),
    required: z.boolean(),
    /** A paragraph box instead of a line. */
    multiline: z.boolean(),
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    type: z.literal('single-choice'),
    text: z.string().min(1).max(2000),
    required: z.boolean(),
    options: z.array(z.string().min(1).max(200)).min(2).max(20),
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    type: z.literal('scale'),
    text: z.string().min(1).max(2000),
    required: z.boolean(),
    min: z.number().int(),
    max: z.number().int(),
    minLabel: z.string().max(100).optional(),
    maxLabel: z.string().max(100).optional(),
  }),
]);
export type Question = z.infer<typeof questionSchema>;

/** Body of `POST /api/atari/session/questionnaire`: text → string, single-choice → one of its
 * options, scale → an integer in [min, max]; an unanswered optional question is left out. */
export const questionnaireSubmissionSchema = z.strictObject({
  answers: z.record(z.string(), z.union([z.string().max(10_000), z.number().int()])),
});
export type QuestionnaireSubmission = z.infer<typeof questionnaireSubmissionSchema>;

/** Body of `POST /api/atari/session/complete`: the audio tracks this browser recorded for the
 * session (mic and game audio); each must be finalized on the server. */
export const completeSessionRequestSchema = z.strictObject({
  trackIds: z.array(z.uuid()).max(20),
});
export type CompleteSessionRequest = z.infer<typeof completeSessionRequestSchema>;

/** What the study sets for the demonstrator's flow (texts come from the study config). */
export interface AtariSettings {
  /** The study's ROM (fetch its bytes from `GET /api/participant/rom`). */
  romId: string | null;
  romMd5: string | null;
  /** The ROM's game profile id and display name (null until the study names a ROM). */
  profileId: string | null;
  gameName: string | null;
  /** Minutes of the practice trial (0: no practice). */
  trialMinutes: number;
  /** Minutes of accumulated play in the recorded session. */
  sessionMinutes: number;
  /** Shown before the practice trial (`config.instructions`). */
  gameInstructions: string;
  /** Shown after the practice trial, before the recorded session. */
  sessionInstructions: string;
  /** Shown when the participant refuses (or has no) microphone. */
  micHelpText: string;
  /** Shown above the questionnaire. */
  questionnaireIntro: string;
  questionnaire: Question[];
}

export interface AtariEpisodeSummary {
  id: string;
  index: number;
  practice: boolean;
  status: 'running' | 'completed' | 'aborted';
  outcome: string | null;
  /** Frames stored (running) or emulated (ended). */
  frames: number;
  score: number;
  /** The emulator's power-on seed for this episode. */
  seed: number;
}

export interface AtariSessionView {
  /** Null until the first episode starts the session. */
  sessionId: string | null;
  status: 'not-started' | 'running' | 'completed' | 'aborted';
  settings: AtariSettings;
  /** A practice episode has ended (or the study has no practice trial). */
  practiceDone: boolean;
  /** Milliseconds of recorded (non-practice) play in ended episodes: frames × 1000 / 60. */
  playedMs: number;
  episodes: AtariEpisodeSummary[];
  questionnaireAnswered: boolean;
  /** Only once the session is completed (everything arrived). */
  completion: { code: string | null; redirectUrl: string | null } | null;
}
