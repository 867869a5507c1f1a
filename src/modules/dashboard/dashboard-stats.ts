/**
 * The home page's numbers from the database's counts. Pure: no Nest, no I/O.
 */
import type { DashboardStats } from '../../games/common/dashboard-events.js';

const DAY_MS = 86_400_000;

/** The UTC day of `now`: [start, end). */
export function utcDay(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

export interface StatsCounts {
  /** Participants by status. */
  participants: { status: string; count: number }[];
  sessions: { today: number; running: number; waiting: number };
  audio: { tracks: number; seconds: number };
  renders: { queued: number; rendering: number };
  episodes: { total: number; verified: number; unverified: number; unchecked: number };
}

export function toDashboardStats(
  studyId: string | null,
  counts: StatsCounts,
  now: Date,
): DashboardStats {
  const byStatus = (status: string) =>
    counts.participants.find((p) => p.status === status)?.count ?? 0;
  const day = utcDay(now);
  return {
    studyId,
    participants: {
      registered: byStatus('registered'),
      active: byStatus('active'),
      completed: byStatus('completed'),
      withdrawn: byStatus('withdrawn'),
      total: counts.participants.reduce((n, p) => n + p.count, 0),
    },
    sessions: {
      ...counts.sessions,
      day: { start: day.start.toISOString(), end: day.end.toISOString(), timeZone: 'UTC' },
    },
    audio: {
      tracks: counts.audio.tracks,
      seconds: counts.audio.seconds,
      hours: counts.audio.seconds / 3600,
    },
    renders: counts.renders,
    episodes: counts.episodes,
    serverTime: now.toISOString(),
  };
}
