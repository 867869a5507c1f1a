/**
 * Records as the admin API returns them. The shared request/response types live in
 * `src/games/common/api.ts`; these are the ra-data-simple-rest resources built on them.
 */
import type {
  ParticipantRole,
  ParticipantStatus,
  RecordingProcessing,
  StudyKind,
  StudyTexts,
} from '../../src/games/common/api';
import type { Question } from '../../src/games/common/atari-session';
import type { LevelJson } from '../../src/games/robotaxi/types';

export type { LevelJson, Orientation } from '../../src/games/robotaxi/types';
export type { Question } from '../../src/games/common/atari-session';
export type { RecordingTrackView, SampleTimeMapping } from '../../src/games/common/recording';
export type {
  ParticipantRole,
  ParticipantStatus,
  RecordingProcessing,
  ResearcherView,
  StudyKind,
} from '../../src/games/common/api';

export enum ResourceName {
  Studies = 'studies',
  Participants = 'participants',
  Roms = 'roms',
  Sessions = 'sessions',
  Episodes = 'episodes',
  Renders = 'renders',
  /** Audio tracks; read through the episodes and sessions, not a menu entry of its own. */
  Recordings = 'recordings',
}

/** Settings every study kind has besides its texts. */
export interface CommonConfig extends StudyTexts {
  recording?: RecordingProcessing;
}

/** Points of each RoboTaxi event (integers, negative for penalties). */
export interface RobotaxiRewards {
  step: number;
  bomb: number;
  acorn: number;
  delivery: number;
}

/** A question the teacher answers in the feedback phase; answers are keyed by `id`. */
export interface DebriefQuestion {
  id: string;
  text: string;
}

/** As the server fills it in (`RobotaxiStudyConfig`): only the two levels are optional. */
export interface RobotaxiConfig extends CommonConfig {
  stepMs: number;
  rounds: number;
  stepLimit: number;
  practiceRound: boolean;
  rewards: RobotaxiRewards;
  nopMemory: number;
  gridSize: number;
  bombs: number;
  minItemDistance: number;
  startClearance: number;
  bombCountdownMs: number;
  roundCountdownMs: number;
  /** Empty: the original study's practice map. */
  practiceLevel?: LevelJson;
  /** Empty: a map generated from each pair's seed. */
  level?: LevelJson;
  disconnectGraceS: number;
  twoWayVoice: boolean;
  debriefQuestions: DebriefQuestion[];
}

/** As the server fills it in (`AtariStudyConfig`): only the ROM is optional. */
export interface AtariConfig extends CommonConfig {
  romId?: string;
  trialMinutes: number;
  sessionMinutes: number;
  sessionInstructions: string;
  micHelpText: string;
  questionnaireIntro: string;
  questionnaire: Question[];
}

export interface StudyConfigByKind {
  'woz-robotaxi': RobotaxiConfig;
  'atari-demo': AtariConfig;
}

export type StudyConfig = StudyConfigByKind[StudyKind];

export interface Study {
  id: string;
  slug: string;
  name: string;
  kind: StudyKind;
  idPattern: string;
  requireAccessCode: boolean;
  config: StudyConfig;
  participantCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Participant {
  id: string;
  studyId: string;
  participantId: string;
  role: ParticipantRole;
  status: ParticipantStatus;
  externalId: string | null;
  accessCode: string | null;
  inviteUrl: string | null;
  consentedAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

/** `POST /api/studies/:id/participants/range`. */
export interface RegisterRangeResult {
  created: number;
  participantIds: string[];
}

/** `POST /api/studies/:id/participants/import`. */
export interface ImportCsvResult {
  created: number;
}

/** A study that names a ROM as its `config.romId`. */
export interface RomStudyUse {
  id: string;
  name: string;
  slug: string;
}

/** An Atari 2600 ROM of the shared library (`/api/roms`), identified by its MD5. */
export interface Rom {
  id: string;
  md5: string;
  sha1: string;
  name: string;
  /** A game profile id (`src/games/atari/games.ts`). */
  profileId: string;
  /** Bytes. */
  size: number;
  uploadedById: string | null;
  createdAt: string;
  updatedAt: string;
  /** `GET /api/roms/:id` only: the caller's studies that use it... */
  studies?: RomStudyUse[];
  /** ...and how many other researchers' studies do. */
  otherStudies?: number;
}

export type SessionStatus = 'waiting' | 'running' | 'paused' | 'completed' | 'aborted';

/** A RoboTaxi pairing or a solo Atari run (`GET /api/sessions`). */
export interface Session {
  id: string;
  studyId: string;
  kind: StudyKind;
  status: SessionStatus;
  teacherId: string | null;
  wizardId: string | null;
  demonstratorId: string | null;
  seed: number;
  phase: string | null;
  pairing: 'auto' | 'researcher';
  abortReason: string | null;
  startedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type EpisodeStatus = 'running' | 'completed' | 'aborted';

/** What the server's determinism check found for an Atari episode. */
export interface EpisodeVerification {
  checkedHashes: number;
  firstDivergingFrame: number | null;
  error?: string;
  at: string;
}

/** One episode of a session (`GET /api/episodes`); `game` is `robotaxi` or an Atari profile id. */
export interface Episode {
  id: string;
  sessionId: string;
  studyId: string;
  index: number;
  round: number | null;
  practice: boolean;
  game: string;
  status: EpisodeStatus;
  outcome: string | null;
  /** RoboTaxi steps or Atari frames. */
  steps: number;
  score: number;
  seed: number | null;
  romMd5: string | null;
  verification: EpisodeVerification | null;
  verified: boolean | null;
  startedAt: string;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The game of RoboTaxi episodes; every other `Episode.game` is an Atari game profile. */
export const ROBOTAXI_GAME = 'robotaxi';
