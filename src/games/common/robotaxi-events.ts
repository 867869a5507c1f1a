/**
 * The RoboTaxi socket.io protocol, shared by the gateway (`src/modules/gateway/`), the participant
 * client (`client/src/play/`) and the gateway bench. Pure: zod schemas and types only.
 *
 * Connection: namespace `ROBOTAXI_NAMESPACE`, path `/socket.io`, handshake `auth: { token }` (the
 * participant token from login). A refused handshake ends with a `connect_error` whose message
 * says why. Once connected, the client sends `join`; its ack carries the session and the last
 * step, so a reconnect (reload, network drop, API restart) resumes where the session stands.
 *
 * Every client event is validated with the schema below; a bad payload gets `{ ok: false, error }`
 * in its ack and changes nothing. Times named `...Ms` without qualification are server-clock
 * milliseconds (the client's `serverTimeOf(performance.now())`).
 */
import { z } from 'zod';
import type { EpisodeOutcome, GameView, Hud, Position } from '../robotaxi/types.js';
import { Action } from '../robotaxi/types.js';

export const ROBOTAXI_NAMESPACE = '/robotaxi';

/** Every ack: success with a payload, or the reason for refusing (nothing was changed). */
export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: string; errors?: { field: string; reason: string }[] };

// ---------------------------------------------------------------------------------------------
// Client -> server payloads
// ---------------------------------------------------------------------------------------------

export const clockPingSchema = z.strictObject({
  clientSendMs: z.number().finite(),
});
export type ClockPingPayload = z.infer<typeof clockPingSchema>;

export const joinSchema = z.strictObject({});
export type JoinPayload = z.infer<typeof joinSchema>;

/** The wizard pressed (or released to NOP) a key. Only the latest before a step counts. */
export const keySchema = z.strictObject({
  action: z.enum(Action),
  /** Counts up per page load; lets the server spot duplicates and reordering. */
  seq: z.number().int().nonnegative(),
  /** When the key went down, in server-clock ms. */
  clientMs: z.number().finite(),
});
export type KeyPayload = z.infer<typeof keySchema>;

/** The client drew step `step` of `episodeId` at `clientMs` (server-clock ms). */
export const renderedSchema = z.strictObject({
  episodeId: z.uuid(),
  step: z.number().int().nonnegative(),
  clientMs: z.number().finite(),
});
export type RenderedPayload = z.infer<typeof renderedSchema>;

const cellSchema = z.strictObject({
  x: z.number().int().nonnegative().max(63),
  y: z.number().int().nonnegative().max(63),
});

/** Cell ratings: -1 sad, 0 neutral, 1 happy. */
export const RATING_VALUES = [-1, 0, 1] as const;
export type CellRating = (typeof RATING_VALUES)[number];

/**
 * The wizard's feedback: the path they believe best (from the start cell, one orthogonal move
 * per entry) and a rating of every cell (`ratings[row][col]`). Checked against the map by the
 * server (path adjacency, grid size, no walls).
 */
export const wizardFeedbackSchema = z.strictObject({
  path: z.array(cellSchema).min(1).max(400),
  ratings: z.array(z.array(z.union([z.literal(-1), z.literal(0), z.literal(1)])).max(64)).max(64),
  comment: z.string().max(5000).optional(),
});
export type WizardFeedbackPayload = z.infer<typeof wizardFeedbackSchema>;

/** The teacher's debrief answers (free text keyed by question id). */
export const teacherDebriefSchema = z.strictObject({
  answers: z.record(z.string().min(1).max(64), z.string().max(5000)),
});
export type TeacherDebriefPayload = z.infer<typeof teacherDebriefSchema>;

const sessionDescriptionSchema = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(100_000).optional(),
});
const iceCandidateSchema = z.strictObject({
  candidate: z.string().max(2000),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().nonnegative().nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/** WebRTC signaling, relayed by the server to the partner. Exactly one of the two fields. */
export const voiceSignalSchema = z.union([
  z.strictObject({ description: sessionDescriptionSchema }),
  z.strictObject({ candidate: iceCandidateSchema.nullable() }),
]);
export type VoiceSignalPayload = z.infer<typeof voiceSignalSchema>;

/**
 * The level of the page's recorded microphone over the last ~0.5 s, in dBFS (-120 is silence),
 * sent about twice a second for the researchers' live view. No ack is needed.
 */
export const levelSchema = z.strictObject({
  rmsDb: z.number().min(-120).max(0),
  peakDb: z.number().min(-120).max(0),
});
export type LevelPayload = z.infer<typeof levelSchema>;

/** The client's voice connection state, shown to researchers and logged with the session. */
export const voiceStateSchema = z.strictObject({
  state: z.enum(['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed']),
});
export type VoiceStatePayload = z.infer<typeof voiceStateSchema>;

// ---------------------------------------------------------------------------------------------
// Server -> client payloads
// ---------------------------------------------------------------------------------------------

export type PlayRole = 'teacher' | 'wizard';

/**
 * lobby: waiting for both members · countdown: before the next episode (see `countdown`) ·
 * playing · paused: a member is away, or a researcher paused the game (see `pause`) ·
 * feedback: after the last round · complete: both finished · aborted: ended early (see
 * `abortReason`).
 */
export type SessionPhase =
  'lobby' | 'countdown' | 'playing' | 'paused' | 'feedback' | 'complete' | 'aborted';

export interface RtcIceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface VoiceSettings {
  provider: 'webrtc' | 'twilio';
  /** WebRTC only: from `ICE_SERVERS` (empty on a LAN or loopback). */
  iceServers: RtcIceServer[];
  /** The teacher always speaks to the wizard; with twoWay the wizard speaks back. */
  twoWay: boolean;
}

export interface SessionView {
  sessionId: string;
  role: PlayRole;
  /** The viewer's own participant ID (e.g. T0007). */
  participantId: string;
  phase: SessionPhase;
  /** Whether the other member is connected now. */
  partnerPresent: boolean;
  /** 0 is the practice round; rounds are 1..rounds. */
  round: number;
  rounds: number;
  practice: boolean;
  /** The current (or last) episode; null before the first. */
  episodeId: string | null;
  episodeIndex: number;
  stepMs: number;
  stepLimit: number;
  lastOutcome: EpisodeOutcome | null;
  countdown: { next: 'episode' | 'round' | 'feedback'; endsAtMs: number } | null;
  /**
   * Why the game waits: a member is away (until `graceEndsAtMs`, then the episode is aborted), or
   * a researcher paused it (`message` is theirs; no limit: it waits for them to resume).
   */
  pause: {
    reason: 'teacher-away' | 'wizard-away' | 'researcher';
    graceEndsAtMs: number | null;
    message: string | null;
  } | null;
  abortReason: string | null;
  /** Whether this member has submitted their feedback (wizard) or debrief (teacher). */
  feedbackDone: boolean;
  /** Set in the complete phase when the study gives one. */
  completion: { code: string | null; redirectUrl: string | null } | null;
  voice: VoiceSettings;
  /** Teacher only: the rewards legend. */
  rewards: { step: number; bomb: number; acorn: number; delivery: number } | null;
  /** Teacher only: the debrief questions of the feedback phase (answers keyed by `id`). */
  debriefQuestions: { id: string; text: string }[];
  /** Server time of this view. */
  serverMs: number;
}

/** One step (or the first state of an episode, `step` 0 with `action` null), projected per role. */
export interface StepFrame {
  sessionId: string;
  episodeId: string;
  episodeIndex: number;
  round: number;
  practice: boolean;
  step: number;
  /** The wizard's action this step (null for an episode's first state). Teacher: null always. */
  action: Action | null;
  reward: number;
  done: boolean;
  outcome: EpisodeOutcome | null;
  view: GameView;
  hud: Hud;
  /** Server time when this frame was emitted (for latency measurement and render stamping). */
  serverMs: number;
}

export interface JoinResult {
  session: SessionView;
  /** The latest frame of the current episode, to draw at once after a (re)join. */
  frame: StepFrame | null;
  /** Wizard in the feedback phase: the start cell and map size for the path drawing. */
  feedbackBoard: { rows: number; cols: number; walls: Position[]; start: Position } | null;
}

export interface ClientToServerEvents {
  'clock:ping': (payload: ClockPingPayload, ack: (res: Ack<{ serverMs: number }>) => void) => void;
  join: (payload: JoinPayload, ack: (res: Ack<JoinResult>) => void) => void;
  key: (payload: KeyPayload, ack: (res: Ack) => void) => void;
  rendered: (payload: RenderedPayload, ack: (res: Ack) => void) => void;
  'feedback:wizard': (payload: WizardFeedbackPayload, ack: (res: Ack) => void) => void;
  'feedback:teacher': (payload: TeacherDebriefPayload, ack: (res: Ack) => void) => void;
  'voice:signal': (payload: VoiceSignalPayload, ack: (res: Ack) => void) => void;
  'voice:state': (payload: VoiceStatePayload, ack: (res: Ack) => void) => void;
  'client:level': (payload: LevelPayload, ack: (res: Ack) => void) => void;
}

export interface ServerToClientEvents {
  /** The session changed (phase, presence, countdown, pause, ...). */
  session: (view: SessionView) => void;
  /** A new step (or an episode's first state). */
  step: (frame: StepFrame) => void;
  /** WebRTC signaling from the partner. */
  'voice:signal': (payload: VoiceSignalPayload) => void;
  /** The partner's page (re)joined: the caller side restarts negotiation. */
  'voice:peer': (payload: { present: boolean }) => void;
}

/** Parses a client payload; the error lists each bad field as `field: reason`. */
export function parsePayload<T>(
  schema: z.ZodType<T>,
  raw: unknown,
):
  | { ok: true; value: T }
  | { ok: false; error: string; errors: { field: string; reason: string }[] } {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data };
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(payload)',
    reason: issue.message,
  }));
  return { ok: false, error: errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors };
}
