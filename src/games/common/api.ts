/**
 * Types of the HTTP API shared by the server, the participant client and the admin.
 * Pure types: no runtime code, no Node or browser APIs.
 */

export type StudyKind = 'woz-robotaxi' | 'atari-demo';
export const STUDY_KINDS: readonly StudyKind[] = ['woz-robotaxi', 'atari-demo'];

export type ParticipantRole = 'teacher' | 'wizard' | 'demonstrator';
export type ParticipantStatus = 'registered' | 'active' | 'completed' | 'withdrawn';
export const PARTICIPANT_STATUSES: readonly ParticipantStatus[] = [
  'registered',
  'active',
  'completed',
  'withdrawn',
];

/** Role from an ID's first letter: T teacher, W wizard, D demonstrator. */
export const ROLE_BY_PREFIX: Readonly<Record<string, ParticipantRole>> = {
  T: 'teacher',
  W: 'wizard',
  D: 'demonstrator',
};

/**
 * What the browser may do to the microphone's signal before it is recorded. All off by default:
 * researchers analyse prosody, which echo cancellation, noise suppression and automatic gain
 * distort. A study turns them on in its config (`recording`), e.g. for participants in noisy rooms.
 */
export interface RecordingProcessing {
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

/** Texts every study shows participants. */
export interface StudyTexts {
  consentText: string;
  instructions: string;
  completionCode?: string;
  completionRedirectUrl?: string;
}

/** What a participant may learn about a study before logging in. */
export interface PublicStudy {
  slug: string;
  name: string;
  kind: StudyKind;
  requireAccessCode: boolean;
}

export interface ParticipantLoginRequest {
  /** The study's slug. Not needed with `invite`. */
  study?: string;
  participantId?: string;
  accessCode?: string;
  /** An invite token from a participant's invite link (`/?invite=...`). */
  invite?: string;
}

/** Body of `POST /api/participant/consent`. */
export interface ParticipantConsentRequest {
  agree: true;
}

export interface ParticipantView {
  id: string;
  participantId: string;
  role: ParticipantRole;
  status: ParticipantStatus;
  consentedAt: string | null;
}

export interface ParticipantStudyView extends PublicStudy, StudyTexts {
  id: string;
  /** How the participant's mic is captured (the study's `config.recording`). */
  recording: RecordingProcessing;
}

export interface ParticipantLoginResponse {
  token: string;
  expiresAt: string;
  participant: ParticipantView;
  study: ParticipantStudyView;
}

export interface ParticipantMeResponse {
  participant: ParticipantView;
  study: ParticipantStudyView;
}

export interface ResearcherView {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'researcher';
}

export interface ResearcherLoginResponse {
  token: string;
  expiresAt: string;
  researcher: ResearcherView;
}

/** `GET /api/studies/:id/members`: who has access to a study. */
export interface StudyMemberView {
  researcherId: string;
  email: string;
  name: string;
  /** `owner`: created the study; `member`: was given access to it. */
  access: 'owner' | 'member';
  /** ISO time the access began (the study's creation for its owner). */
  since: string;
}

/** `POST /api/studies/:id/members`: give a researcher access by their account's email. */
export interface AddStudyMemberRequest {
  email: string;
}

/** `POST /api/participants/:id/withdraw`. */
export interface WithdrawParticipantRequest {
  /** Also delete every audio track and clock sample of theirs (game logs are kept). */
  deleteRecordings: boolean;
}

/** What a withdrawal answers: the participant (generic `P`: the admin's record type). */
export interface ParticipantWithdrawal<P = unknown> {
  participant: P;
  /** Null when the recordings were kept; else what this call deleted. */
  recordingsDeleted: { tracks: number; clockSamples: number } | null;
}

/** Body of every 4xx/5xx answer. `errors` names each bad field (or CSV line) and why. */
export interface ApiError {
  statusCode: number;
  message: string;
  errors?: { field?: string; line?: number; reason: string }[];
}
