/**
 * The live sessions list as the page holds it: the snapshot, then each `session:update` merged
 * in. Pure.
 */
import type {
  LiveMember,
  LiveSessionsSnapshot,
  SessionUpdate,
} from '../../../src/games/common/dashboard-events';

/** An ended session stays on the page this long (struck out), then leaves it. */
export const ENDED_KEEP_MS = 60_000;

export interface LiveList {
  sessions: SessionUpdate[];
  /** Server clock minus this browser's (ms), from the last answer or event. */
  clockOffsetMs: number;
}

export function fromSnapshot(snapshot: LiveSessionsSnapshot, receivedAtMs: number): LiveList {
  return { sessions: snapshot.sessions, clockOffsetMs: snapshot.serverMs - receivedAtMs };
}

/**
 * The list with `update` in it: a known session is replaced (unless the update is older than
 * what is shown), a new one goes on top; an update of another study (when one is chosen) is
 * left out.
 */
export function mergeUpdate(
  list: LiveList,
  update: SessionUpdate,
  studyId: string | null,
  receivedAtMs: number,
): LiveList {
  if (studyId && update.studyId !== studyId) return list;
  const clockOffsetMs = update.serverMs - receivedAtMs;
  const at = list.sessions.findIndex((s) => s.sessionId === update.sessionId);
  if (at === -1) return { sessions: [update, ...list.sessions], clockOffsetMs };
  if (list.sessions[at].serverMs > update.serverMs) return list;
  const sessions = list.sessions.slice();
  sessions[at] = update;
  return { sessions, clockOffsetMs };
}

/** Drops the sessions that ended more than `ENDED_KEEP_MS` ago (server time `nowMs`). */
export function pruneEnded(list: LiveList, nowMs: number): LiveList {
  const kept = list.sessions.filter((s) => s.open || nowMs - s.serverMs < ENDED_KEEP_MS);
  return kept.length === list.sessions.length ? list : { ...list, sessions: kept };
}

/** "just now", "3 s ago", "2 min ago", "1 h ago"; "—" for never. */
export function agoText(atMs: number | null, nowMs: number): string {
  if (atMs === null) return '—';
  const seconds = Math.max(0, Math.floor((nowMs - atMs) / 1000));
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

const PHASES: Record<string, string> = {
  lobby: 'Lobby',
  countdown: 'Countdown',
  playing: 'Playing',
  paused: 'Paused',
  feedback: 'Feedback',
  complete: 'Complete',
  aborted: 'Ended',
  practice: 'Practice',
  session: 'Recorded session',
  questionnaire: 'Questionnaire',
  finishing: 'Finishing',
};

/** The phase in words, with why a paused session waits. */
export function phaseText(session: Pick<SessionUpdate, 'phase' | 'pause'>): string {
  const phase = PHASES[session.phase] ?? session.phase;
  const { pause } = session;
  if (session.phase !== 'paused' || !pause) return phase;
  if (pause.reason === 'researcher') return `${phase} by a researcher`;
  return `${phase}: ${pause.reason === 'teacher-away' ? 'teacher' : 'wizard'} away`;
}

/** Round and episode: "Round 1 of 3 · episode 2", "Practice · episode 1", "Episode 3". */
export function progressText(
  session: Pick<SessionUpdate, 'round' | 'rounds' | 'practice' | 'episodeIndex'>,
): string {
  const episode = session.episodeIndex === null ? null : `episode ${session.episodeIndex + 1}`;
  const round =
    session.round === null
      ? null
      : session.practice || session.round === 0
        ? 'Practice'
        : `Round ${session.round}${session.rounds ? ` of ${session.rounds}` : ''}`;
  const text = [round, episode].filter(Boolean).join(' · ');
  if (!text) return '—';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Steps (RoboTaxi) or frames stored (Atari) of the episode shown. */
export function stepText(session: Pick<SessionUpdate, 'kind' | 'step' | 'stepLimit'>): string {
  if (session.step === null) return '—';
  if (session.kind === 'atari-demo') return `${session.step} frames`;
  return session.stepLimit ? `${session.step} / ${session.stepLimit}` : String(session.step);
}

/** "T0001", or the role when the participant is gone. */
export function memberName(member: Pick<LiveMember, 'participantId' | 'role'>): string {
  return member.participantId ?? `(${member.role})`;
}

/** "connected", "away", or null when the study has no live connection to tell. */
export function connectionText(member: Pick<LiveMember, 'connected'>): string | null {
  if (member.connected === null) return null;
  return member.connected ? 'connected' : 'away';
}
