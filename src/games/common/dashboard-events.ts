/**
 * The researcher dashboard's socket.io protocol, shared by the gateway
 * (`src/modules/dashboard/`) and the admin (`admin/src/realtime/`, `admin/src/renders/`). Pure:
 * types, constants and small helpers. The zod schemas of the client payloads are in
 * `dashboard-schemas.ts`, so that the admin, which imports values from here, does not bundle zod.
 *
 * Connection: namespace `DASHBOARD_NAMESPACE`, path `/socket.io`, handshake `auth: { token }` (the
 * researcher token from `POST /api/auth/login`). A refused handshake ends with a `connect_error`
 * whose message says why (missing, invalid or expired token; a participant token; a researcher
 * who no longer exists). Once connected, the socket receives the events of every study its
 * researcher may see (admins: all studies); a study created after the connection is added with
 * `subscribe` (or by reconnecting).
 *
 * Every client event is validated with its schema; a bad payload gets `{ ok: false, error }` in
 * its ack and changes nothing. Events are pushed, not replayed: after a reconnect the client
 * refetches what it shows (renders: the list; live sessions: `GET /api/live-sessions`).
 *
 * Pushed events: `render:update` (a render's status or progress) and `session:update` (the whole
 * live status of an open session: on every phase, presence or pause change at once, and at most
 * about twice a second for steps, frames, audio levels and uploads; once more when it ends).
 */
import type { ParticipantRole, StudyKind } from './api.js';
import type { Ack, SessionPhase } from './robotaxi-events.js';

export type { Ack } from './robotaxi-events.js';

export const DASHBOARD_NAMESPACE = '/dashboard';

// ---------------------------------------------------------------------------------------------
// Client -> server payloads
// ---------------------------------------------------------------------------------------------

/** Adds a study (one the researcher may see) to what this socket receives. */
export interface SubscribePayload {
  studyId: string;
}

// ---------------------------------------------------------------------------------------------
// Server -> client payloads
// ---------------------------------------------------------------------------------------------

/** The states of a render (`RenderStatus` of `src/modules/replay/render.entity.ts`). */
export const RENDER_STATUSES = ['queued', 'rendering', 'completed', 'failed', 'cancelled'] as const;
export type RenderStatusName = (typeof RENDER_STATUSES)[number];

/** Statuses a render leaves by itself (it may still be cancelled). */
export const OPEN_RENDER_STATUSES: readonly RenderStatusName[] = ['queued', 'rendering'];

/** A render's status or progress changed (saved about once a second while it renders). */
export interface RenderUpdate {
  renderId: string;
  episodeId: string;
  studyId: string;
  status: RenderStatusName;
  framesWritten: number;
  /** Known once the render has started. */
  framesTotal: number | null;
  /** Why the last attempt failed: the cause, then the tail of ffmpeg's stderr. */
  error: string | null;
}

/** How far a render has come, 0..100 (100 only when completed or every frame is written). */
export function renderPercent(
  render: Pick<RenderUpdate, 'status' | 'framesWritten' | 'framesTotal'>,
): number {
  if (render.status === 'completed') return 100;
  const { framesWritten, framesTotal } = render;
  if (!framesTotal || framesTotal <= 0 || !Number.isFinite(framesWritten)) return 0;
  return Math.max(0, Math.min(100, Math.floor((framesWritten / framesTotal) * 100)));
}

// ---------------------------------------------------------------------------------------------
// Live sessions
// ---------------------------------------------------------------------------------------------

/** The states of a session (`SessionStatus` of `src/modules/sessions/session.entity.ts`). */
export const SESSION_STATUSES = ['waiting', 'running', 'paused', 'completed', 'aborted'] as const;
export type SessionStatusName = (typeof SESSION_STATUSES)[number];

/** dBFS of digital silence (instead of -Infinity), the floor of every level. */
export const SILENCE_DB = -120;

/** A speaker's audio level, in dBFS, as of `atMs` (server clock). */
export interface SpeakerLevel {
  rmsDb: number;
  peakDb: number;
  atMs: number;
  /**
   * `page`: measured by the participant's page on the recorded signal and sent over its socket
   * about twice a second (RoboTaxi). `upload`: computed by the server from the last audio chunk it
   * acknowledged (about a second behind; Atari pages have no socket).
   */
  source: 'page' | 'upload';
}

/** A level older than this is stale (the speaker's page stopped reporting): shown as silent. */
export const LEVEL_STALE_MS = 5_000;

export interface LiveMember {
  role: ParticipantRole;
  /** The participant's row id (null once the participant was deleted). */
  id: string | null;
  /** The study's participant ID, e.g. T0001. */
  participantId: string | null;
  /** Whether a page of theirs is connected now; null for a study without a live connection (Atari). */
  connected: boolean | null;
  level: SpeakerLevel | null;
  /** Server time (ms) of their last audio chunk acknowledged. */
  lastAudioAt: number | null;
}

/**
 * The demonstrator's phase (Atari): playing the practice or the recorded session, answering the
 * questionnaire, finishing (answers in, waiting for the audio), or done.
 */
export const ATARI_LIVE_PHASES = [
  'practice',
  'session',
  'questionnaire',
  'finishing',
  'complete',
  'aborted',
] as const;
export type AtariLivePhase = (typeof ATARI_LIVE_PHASES)[number];

/** RoboTaxi: the runner's `SessionPhase`; Atari: an `AtariLivePhase`. */
export type LivePhase = SessionPhase | AtariLivePhase;

export interface LivePause {
  /** Who is away (RoboTaxi, paused until they are back or the grace ends), or a researcher. */
  reason: 'teacher-away' | 'wizard-away' | 'researcher';
  /** The researcher's words, shown to the participants (researcher pauses only). */
  message: string | null;
  /** When the session stops waiting for the member who is away (server ms); null: no limit. */
  graceEndsAtMs: number | null;
}

/** The researcher actions the session takes now. */
export interface LiveActions {
  pause: boolean;
  resume: boolean;
  end: boolean;
}

/** The live status of one session: `session:update`, and a row of `GET /api/live-sessions`. */
export interface SessionUpdate {
  sessionId: string;
  studyId: string;
  kind: StudyKind;
  status: SessionStatusName;
  phase: LivePhase;
  /** False once completed or aborted: the last update of the session. */
  open: boolean;
  members: LiveMember[];
  /** RoboTaxi: 0 is the practice round, then 1..rounds. Atari: null. */
  round: number | null;
  rounds: number | null;
  practice: boolean;
  /** The running episode, else the last one (null before the first). */
  episodeId: string | null;
  episodeIndex: number | null;
  episodeRunning: boolean;
  /**
   * RoboTaxi: the step of the episode shown. Atari: the frames of the running (else the last)
   * episode stored so far, i.e. up to the last batch acknowledged.
   */
  step: number | null;
  /** RoboTaxi: steps an episode may take. Atari: null. */
  stepLimit: number | null;
  score: number | null;
  /** Atari: the lives of the last stored frame (null when the game has none). */
  lives: number | null;
  pause: LivePause | null;
  /** RoboTaxi: when the countdown to the next episode or round ends (server ms). */
  countdownEndsAtMs: number | null;
  /** Server time (ms) of the last upload acknowledged: an audio chunk or an Atari frame batch. */
  lastUploadAt: number | null;
  abortReason: string | null;
  /** ISO 8601. */
  startedAt: string | null;
  actions: LiveActions;
  /** Server time of this status. */
  serverMs: number;
}

/** The open sessions (`GET /api/live-sessions?studyId=`), newest first. */
export interface LiveSessionsSnapshot {
  sessions: SessionUpdate[];
  serverMs: number;
}

/** Body of `POST /api/sessions/:id/pause` (the message is optional, at most 300 characters). */
export interface PauseSessionRequest {
  reason?: string;
}

/** Body of `POST /api/sessions/:id/abort` (required, 1..300 characters). */
export interface EndSessionRequest {
  reason: string;
}

/** The home page's numbers (`GET /api/stats?studyId=`), over the studies the researcher may see. */
export interface DashboardStats {
  /** The study asked for; null: every study the researcher may see. */
  studyId: string | null;
  participants: {
    registered: number;
    active: number;
    completed: number;
    withdrawn: number;
    total: number;
  };
  sessions: {
    /** Sessions that started during the server's current UTC day (`day`). */
    today: number;
    /** Sessions playing or paused now. */
    running: number;
    /** Waiting for their members (RoboTaxi lobby). */
    waiting: number;
    day: { start: string; end: string; timeZone: 'UTC' };
  };
  audio: {
    /** Finalized tracks: the sum of their durations (samples / sample rate). */
    tracks: number;
    seconds: number;
    hours: number;
  };
  renders: { queued: number; rendering: number };
  episodes: {
    total: number;
    /** The server's re-emulation reproduced the recorded frame hashes (Atari). */
    verified: number;
    /** It did not. */
    unverified: number;
    /** Atari episodes not checked (yet); RoboTaxi episodes need no check and are not counted. */
    unchecked: number;
  };
  serverTime: string;
}

/**
 * How full a level meter is, 0..100, for a level in dBFS: -60 dB and below is empty, 0 dB full.
 * A missing or stale level (older than `LEVEL_STALE_MS` at `nowMs`) is empty.
 */
export function levelPercent(level: SpeakerLevel | null, nowMs: number, floorDb = -60): number {
  if (!level || nowMs - level.atMs > LEVEL_STALE_MS) return 0;
  const db = Math.max(floorDb, Math.min(0, level.rmsDb));
  return Math.round(((db - floorDb) / -floorDb) * 100);
}

// ---------------------------------------------------------------------------------------------
// Event maps
// ---------------------------------------------------------------------------------------------

export interface DashboardClientToServerEvents {
  subscribe: (payload: SubscribePayload, ack: (res: Ack<{ studyId: string }>) => void) => void;
}

/** What the server pushes. */
export interface DashboardServerToClientEvents {
  'render:update': (update: RenderUpdate) => void;
  'session:update': (update: SessionUpdate) => void;
}
