/**
 * A RoboTaxi session's live status for the researchers' dashboard, from what the runner holds
 * (or, without a runner in this process, from the stored session). Pure: no Nest, no I/O.
 */
import type { LiveActions, LivePause } from '../../games/common/dashboard-events.js';
import type { PlayRole, SessionPhase } from '../../games/common/robotaxi-events.js';
import type { EpisodePlan } from '../../games/robotaxi/session-plan.js';
import type { LiveMemberState, LiveState } from '../dashboard/live-overlay.js';
import type { SessionStatus } from '../sessions/session.entity.js';

export interface RobotaxiLiveMember {
  /** The participant row's id and the study's ID (null once the participant was deleted). */
  id: string | null;
  participantId: string | null;
  connected: boolean;
}

export interface RobotaxiLiveInput {
  sessionId: string;
  studyId: string;
  status: SessionStatus;
  phase: SessionPhase;
  startedAt: Date | null;
  abortReason: string | null;
  /** The current episode's plan, or the next one's between episodes. */
  plan: EpisodePlan | null;
  /** The plan of the episode whose state is shown (`game`): the running one, else the last. */
  shownPlan: EpisodePlan | null;
  /** The running episode (null between episodes). */
  episodeId: string | null;
  /** The episode whose state `game` is (the running one, else the last). */
  shownEpisodeId: string | null;
  members: Record<PlayRole, RobotaxiLiveMember>;
  /** The shown episode's state: its step and score. */
  game: { step: number; score: number } | null;
  rules: { rounds: number; stepLimit: number; practiceRound: boolean };
  pause: LivePause | null;
  countdownEndsAtMs: number | null;
}

const OPEN: ReadonlySet<SessionPhase> = new Set([
  'lobby',
  'countdown',
  'playing',
  'paused',
  'feedback',
]);

/**
 * What a researcher may do now: pause a game that runs or counts down (or that waits for a member
 * who is away, so that it waits for the researcher instead), resume their own pause, end any open
 * session.
 */
export function robotaxiActions(phase: SessionPhase, pause: LivePause | null): LiveActions {
  const researcherPaused = phase === 'paused' && pause?.reason === 'researcher';
  return {
    pause:
      phase === 'playing' || phase === 'countdown' || (phase === 'paused' && !researcherPaused),
    resume: researcherPaused,
    end: OPEN.has(phase),
  };
}

export function robotaxiLiveState(input: RobotaxiLiveInput): LiveState {
  const { phase } = input;
  // Round, episode, step and score all describe one episode: the one shown.
  const plan = input.shownPlan ?? input.plan;
  const members = (['teacher', 'wizard'] as const).map((role): LiveMemberState => ({
    role,
    ...input.members[role],
  }));
  const pause = phase === 'paused' ? input.pause : null;
  return {
    sessionId: input.sessionId,
    studyId: input.studyId,
    kind: 'woz-robotaxi',
    status: input.status,
    phase,
    open: OPEN.has(phase),
    members,
    round: plan?.round ?? null,
    rounds: input.rules.rounds,
    practice: plan?.practice ?? false,
    episodeId: input.episodeId ?? input.shownEpisodeId,
    episodeIndex: plan?.index ?? null,
    episodeRunning: input.episodeId !== null,
    step: input.game?.step ?? null,
    stepLimit: input.rules.stepLimit,
    score: input.game?.score ?? null,
    lives: null,
    pause,
    countdownEndsAtMs: phase === 'countdown' ? input.countdownEndsAtMs : null,
    abortReason: phase === 'aborted' ? input.abortReason : null,
    startedAt: input.startedAt?.toISOString() ?? null,
    actions: robotaxiActions(phase, pause),
  };
}
