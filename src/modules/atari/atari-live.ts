/**
 * An Atari session's live status for the researchers' dashboard. Pure: no Nest, no I/O.
 */
import type { AtariLivePhase } from '../../games/common/dashboard-events.js';
import type { LiveState } from '../dashboard/live-overlay.js';
import { SessionStatus } from '../sessions/session.entity.js';
import { framesToMs, sessionProgress } from './atari-session-view.js';

export interface AtariLiveEpisode {
  id: string;
  index: number;
  practice: boolean;
  status: 'running' | 'completed' | 'aborted';
  /** Frames: stored so far for a running episode, as ended otherwise. */
  frames: number;
  score: number;
  /** Lives of the last stored frame (running episode only; null when unknown). */
  lives: number | null;
}

export interface AtariLiveInput {
  sessionId: string;
  studyId: string;
  status: SessionStatus;
  startedAt: Date | null;
  abortReason: string | null;
  demonstrator: { id: string; participantId: string } | null;
  /** In index order. */
  episodes: AtariLiveEpisode[];
  questionnaireAnswered: boolean;
  trialMinutes: number;
  sessionMinutes: number;
}

/** Where the demonstrator is, as their page would resume (`client/src/atari/flow-step.ts`). */
export function atariLivePhase(input: AtariLiveInput): AtariLivePhase {
  if (input.status === SessionStatus.Completed) return 'complete';
  if (input.status === SessionStatus.Aborted) return 'aborted';
  const running = input.episodes.find((e) => e.status === 'running');
  if (running) return running.practice ? 'practice' : 'session';
  if (input.questionnaireAnswered) return 'finishing';
  const { practiceDone, playedMs } = sessionProgress(input.episodes, input.trialMinutes);
  if (playedMs >= input.sessionMinutes * 60_000) return 'questionnaire';
  const practiceFrames = input.episodes.filter((e) => e.practice).reduce((n, e) => n + e.frames, 0);
  if (!practiceDone && framesToMs(practiceFrames) < input.trialMinutes * 60_000) return 'practice';
  return 'session';
}

export function atariLiveState(input: AtariLiveInput): LiveState {
  const open = input.status !== SessionStatus.Completed && input.status !== SessionStatus.Aborted;
  const running = input.episodes.find((e) => e.status === 'running') ?? null;
  const shown = running ?? input.episodes.at(-1) ?? null;
  return {
    sessionId: input.sessionId,
    studyId: input.studyId,
    kind: 'atari-demo',
    status: input.status,
    phase: atariLivePhase(input),
    open,
    members: [
      {
        role: 'demonstrator',
        id: input.demonstrator?.id ?? null,
        participantId: input.demonstrator?.participantId ?? null,
        connected: null,
      },
    ],
    round: null,
    rounds: null,
    practice: shown?.practice ?? false,
    episodeId: shown?.id ?? null,
    episodeIndex: shown?.index ?? null,
    episodeRunning: running !== null,
    step: shown?.frames ?? null,
    stepLimit: null,
    score: shown?.score ?? null,
    lives: running?.lives ?? null,
    pause: null,
    countdownEndsAtMs: null,
    abortReason: input.status === SessionStatus.Aborted ? input.abortReason : null,
    startedAt: input.startedAt?.toISOString() ?? null,
    // A solo demonstrator's game has no one to wait for: it is ended, not paused.
    actions: { pause: false, resume: false, end: open },
  };
}
