import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsSelect, type FindOptionsWhere, In, type Repository } from 'typeorm';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { RecordingEntity } from '../recordings/recording.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { StudiesService } from '../studies/studies.service.js';
import { StudyEntity } from '../studies/study.entity.js';
import type { StudyExportFilter } from './export.dto.js';
import type { ExportScope } from './export-names.js';
import { type ExportPlan, type PlannedSession, trackInScope } from './export-plan.js';
import { type SummaryEpisode, trackRole } from './export-summary.js';

/** Keeps `IN (...)` lists far below Postgres's 65,535 bind parameters. */
const ID_PAGE = 1000;

function pages<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ID_PAGE) out.push(items.slice(i, i + ID_PAGE));
  return out;
}

const EPISODE_COLUMNS = {
  id: true,
  sessionId: true,
  index: true,
  round: true,
  game: true,
  status: true,
  outcome: true,
  steps: true,
  score: true,
  practice: true,
  verified: true,
  startedAt: true,
  endedAt: true,
} as const;

const TRACK_COLUMNS = {
  id: true,
  sessionId: true,
  participantId: true,
  episodeId: true,
  kind: true,
  label: true,
  status: true,
  wavKey: true,
  sampleRate: true,
  durationSamples: true,
  mapping: true,
  error: true,
  createdAt: true,
} as const;

/**
 * Resolves what an export covers and checks that the researcher may see all of it, before any
 * byte of the ZIP is sent: anything unknown or not theirs is a 404 naming it. Loads metadata
 * only (no steps, frames or audio), a few hundred bytes per episode.
 */
@Injectable()
export class ExportPlanner {
  constructor(
    private readonly sessionsRead: SessionsService,
    private readonly studies: StudiesService,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    @InjectRepository(RecordingEntity) private readonly recordings: Repository<RecordingEntity>,
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
    @InjectRepository(StudyEntity) private readonly studyRows: Repository<StudyEntity>,
  ) {}

  async forSession(principal: ResearcherPrincipal, sessionId: string): Promise<ExportPlan> {
    const session = await this.sessionsRead.getSession(principal, sessionId);
    return this.build({ kind: 'session', sessionId }, [session], new Map(), true);
  }

  async forStudy(
    principal: ResearcherPrincipal,
    studyId: string,
    filter: StudyExportFilter,
  ): Promise<ExportPlan> {
    const study = await this.studies.findAccessible(principal, studyId);
    const qb = this.sessions.createQueryBuilder('s').where('s."studyId" = :studyId', { studyId });
    // A session counts from when it started (or was created, if it never started).
    if (filter.from)
      qb.andWhere('COALESCE(s."startedAt", s."createdAt") >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('COALESCE(s."startedAt", s."createdAt") < :to', { to: filter.to });
    const rows = await qb.getMany();
    const at = (s: SessionEntity) => (s.startedAt ?? s.createdAt).getTime();
    rows.sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
    const scope: ExportScope = {
      kind: 'study',
      studyId,
      from: filter.from?.toISOString() ?? null,
      to: filter.to?.toISOString() ?? null,
      includePractice: filter.includePractice,
    };
    const plan = await this.build(scope, rows, new Map(), filter.includePractice);
    return { ...plan, studySlug: study.slug };
  }

  /**
   * Whole sessions (`sessionIds`) and single episodes (`episodeIds`, with their session's JSON
   * and tracks). Every id must exist and be visible to the researcher.
   */
  async forSelection(
    principal: ResearcherPrincipal,
    sessionIds: string[],
    episodeIds: string[],
  ): Promise<ExportPlan> {
    if (sessionIds.length + episodeIds.length === 0)
      throw new BadRequestException({
        message: 'sessionIds: give at least one id in sessionIds or episodeIds',
        errors: [
          { field: 'sessionIds', reason: 'give at least one id in sessionIds or episodeIds' },
        ],
      });
    const visible = await this.studies.accessibleIds(principal);
    const may = (studyId: string) => visible === null || visible.includes(studyId);
    const problems: { field: string; reason: string }[] = [];

    const sessionRows = await this.loadByIds(this.sessions, sessionIds, {
      id: true,
      studyId: true,
    });
    const episodeRows = await this.loadByIds(this.episodes, episodeIds, {
      id: true,
      sessionId: true,
      studyId: true,
    });
    const check = (
      field: string,
      ids: string[],
      rows: { id: string; studyId: string }[],
      what: string,
    ) => {
      const byId = new Map(rows.map((r) => [r.id, r]));
      ids.forEach((id, i) => {
        const row = byId.get(id);
        if (!row || !may(row.studyId))
          problems.push({ field: `${field}.${i}`, reason: `${what} ${id} not found` });
      });
    };
    check('sessionIds', sessionIds, sessionRows, 'session');
    check('episodeIds', episodeIds, episodeRows, 'episode');
    if (problems.length)
      throw new NotFoundException({
        message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        errors: problems,
      });

    const whole = new Set(sessionIds);
    const filter = new Map<string, Set<string>>();
    for (const e of episodeRows) {
      if (whole.has(e.sessionId)) continue;
      filter.set(e.sessionId, (filter.get(e.sessionId) ?? new Set()).add(e.id));
    }
    const ids = [...new Set([...sessionIds, ...episodeRows.map((e) => e.sessionId)])];
    const sessions = await this.loadByIds(this.sessions, ids);
    const order = new Map(ids.map((id, i) => [id, i]));
    sessions.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return this.build({ kind: 'selection', sessionIds, episodeIds }, sessions, filter, true);
  }

  private async loadByIds<T extends { id: string }>(
    repo: Repository<T>,
    ids: readonly string[],
    select?: FindOptionsSelect<T>,
  ): Promise<T[]> {
    const out: T[] = [];
    for (const page of pages(ids))
      out.push(
        ...(await repo.find({
          where: { id: In(page) } as FindOptionsWhere<T>,
          ...(select ? { select } : {}),
        })),
      );
    return out;
  }

  /**
   * The plan of `sessions`; `only` restricts a session to some of its episodes (a selection of
   * episodes), `includePractice` false drops practice episodes.
   */
  private async build(
    scope: ExportScope,
    sessions: SessionEntity[],
    only: Map<string, Set<string>>,
    includePractice: boolean,
  ): Promise<ExportPlan> {
    const ids = sessions.map((s) => s.id);
    const studyIds = [...new Set(sessions.map((s) => s.studyId))];
    const episodes: EpisodeEntity[] = [];
    const tracks: RecordingEntity[] = [];
    for (const page of pages(ids)) {
      episodes.push(
        ...(await this.episodes.find({
          where: { sessionId: In(page), ...(includePractice ? {} : { practice: false }) },
          select: EPISODE_COLUMNS,
          order: { sessionId: 'ASC', index: 'ASC' },
        })),
      );
      tracks.push(
        ...(await this.recordings.find({
          where: { sessionId: In(page) },
          select: TRACK_COLUMNS,
          order: { createdAt: 'ASC', id: 'ASC' },
        })),
      );
    }
    const memberIds = new Set<string>(tracks.map((t) => t.participantId));
    for (const s of sessions)
      for (const id of [s.teacherId, s.wizardId, s.demonstratorId]) if (id) memberIds.add(id);
    const codes = new Map(
      (
        await this.loadByIds(this.participants, [...memberIds], { id: true, participantId: true })
      ).map((p) => [p.id, p.participantId]),
    );
    const studies = new Map(
      (await this.loadByIds(this.studyRows, studyIds, { id: true, slug: true })).map((s) => [
        s.id,
        s,
      ]),
    );

    const episodesOf = groupBy(episodes, (e) => e.sessionId);
    const tracksOf = groupBy(tracks, (t) => t.sessionId ?? '');
    const planned: PlannedSession[] = sessions.map((s) => {
      const wanted = only.get(s.id) ?? null;
      const inScope = (episodesOf.get(s.id) ?? []).filter((e) => !wanted || wanted.has(e.id));
      // With a filter (practice or a selection), a track of an episode left out stays out too.
      const kept = wanted || !includePractice ? new Set(inScope.map((e) => e.id)) : null;
      const study = studies.get(s.studyId);
      return {
        session: {
          id: s.id,
          studyId: s.studyId,
          kind: s.kind,
          teacherId: s.teacherId,
          wizardId: s.wizardId,
          demonstratorId: s.demonstratorId,
        },
        study: { id: s.studyId, slug: study?.slug ?? '' },
        participants: [s.teacherId, s.wizardId, s.demonstratorId]
          .filter((id): id is string => !!id)
          .map((id) => codes.get(id) ?? id),
        episodes: inScope.map(toSummaryEpisode),
        tracks: (tracksOf.get(s.id) ?? [])
          .filter((t) => trackInScope(t, kept))
          .map((t) => ({
            id: t.id,
            participantCode: codes.get(t.participantId) ?? t.participantId,
            role: trackRole(s, t.participantId),
            kind: t.kind,
            label: t.label,
            status: t.status,
            wavKey: t.wavKey,
            episodeId: t.episodeId,
            sampleRate: t.sampleRate,
            durationSamples: t.durationSamples,
            mapping: t.mapping
              ? { interceptMs: t.mapping.interceptMs, msPerSample: t.mapping.msPerSample }
              : null,
            error: t.error,
          })),
      };
    });
    const slugs = [...new Set(planned.map((p) => p.study.slug))];
    return { scope, sessions: planned, ...(slugs.length === 1 ? { studySlug: slugs[0] } : {}) };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const toSummaryEpisode = (e: EpisodeEntity): SummaryEpisode => ({
  id: e.id,
  sessionId: e.sessionId,
  index: e.index,
  round: e.round,
  game: e.game,
  status: e.status,
  outcome: e.outcome,
  steps: e.steps,
  score: e.score,
  practice: e.practice,
  verified: e.verified,
  startedAt: e.startedAt,
  endedAt: e.endedAt,
});
