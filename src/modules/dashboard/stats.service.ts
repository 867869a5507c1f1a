import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DashboardStats } from '../../games/common/dashboard-events.js';
import { type StatsCounts, toDashboardStats, utcDay } from './dashboard-stats.js';

type Row = Record<string, string | number | null>;

const int = (value: string | number | null | undefined) => Number(value ?? 0);

/**
 * Counts for the dashboard's home page, over some studies (null: all). One aggregate query per
 * table, each within the studies by their `studyId` index.
 */
@Injectable()
export class StatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async stats(
    studyIds: readonly string[] | null,
    studyId: string | null,
    now = new Date(),
  ): Promise<DashboardStats> {
    if (studyIds?.length === 0) return toDashboardStats(studyId, empty(), now);
    const scope = studyIds ? `"studyId" = ANY($1::uuid[])` : 'TRUE';
    const params = studyIds ? [studyIds] : [];
    const at = params.length + 1;
    const day = utcDay(now);
    const query = (sql: string, extra: unknown[] = []) =>
      this.db.query<Row[]>(sql, [...params, ...extra]);
    const [participants, [sessions], [audio], [renders], [episodes]] = await Promise.all([
      query(
        `SELECT status, count(*)::int AS count FROM participants WHERE ${scope} GROUP BY status`,
      ),
      query(
        `SELECT count(*) FILTER (WHERE "startedAt" >= $${at} AND "startedAt" < $${at + 1})::int AS today,
                count(*) FILTER (WHERE status IN ('running', 'paused'))::int AS running,
                count(*) FILTER (WHERE status = 'waiting')::int AS waiting
           FROM sessions WHERE ${scope}`,
        [day.start, day.end],
      ),
      query(
        `SELECT count(*)::int AS tracks,
                COALESCE(sum("durationSamples"::float8 / "sampleRate"), 0) AS seconds
           FROM recordings WHERE ${scope} AND status = 'finalized' AND "durationSamples" IS NOT NULL`,
      ),
      query(
        `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
                count(*) FILTER (WHERE status = 'rendering')::int AS rendering
           FROM renders WHERE ${scope} AND status IN ('queued', 'rendering')`,
      ),
      query(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE verified)::int AS verified,
                count(*) FILTER (WHERE verified = false)::int AS unverified,
                count(*) FILTER (WHERE verified IS NULL AND game <> 'robotaxi')::int AS unchecked
           FROM episodes WHERE ${scope}`,
      ),
    ]);
    const counts: StatsCounts = {
      participants: participants.map((r) => ({ status: String(r.status), count: int(r.count) })),
      sessions: {
        today: int(sessions.today),
        running: int(sessions.running),
        waiting: int(sessions.waiting),
      },
      audio: { tracks: int(audio.tracks), seconds: int(audio.seconds) },
      renders: { queued: int(renders.queued), rendering: int(renders.rendering) },
      episodes: {
        total: int(episodes.total),
        verified: int(episodes.verified),
        unverified: int(episodes.unverified),
        unchecked: int(episodes.unchecked),
      },
    };
    return toDashboardStats(studyId, counts, now);
  }
}

function empty(): StatsCounts {
  return {
    participants: [],
    sessions: { today: 0, running: 0, waiting: 0 },
    audio: { tracks: 0, seconds: 0 },
    renders: { queued: 0, rendering: 0 },
    episodes: { total: 0, verified: 0, unverified: 0, unchecked: 0 },
  };
}
