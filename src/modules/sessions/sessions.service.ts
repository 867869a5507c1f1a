import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsSelect, type FindOptionsWhere, In, type Repository } from 'typeorm';
import {
  booleanFilter,
  dateFilter,
  enumFilter,
  type FilterValue,
  type ListQuery,
  many,
  one,
  pageWindow,
  uuidFilter,
  uuidsFilter,
} from '../../common/list-query.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { StudiesService } from '../studies/studies.service.js';
import { EpisodeEntity, EpisodeStatus } from './episode.entity.js';
import { SessionEntity, type SessionStatus } from './session.entity.js';

export const SESSION_LIST = {
  sortable: ['createdAt', 'startedAt', 'endedAt', 'status'] as const,
  filterable: ['studyId', 'status', 'kind', 'id', 'participantId'] as const,
  defaultSort: { field: 'createdAt' as const, order: 'DESC' as const },
};
export const EPISODE_LIST = {
  sortable: ['startedAt', 'endedAt', 'score', 'steps', 'index', 'game', 'status'] as const,
  filterable: [
    'studyId',
    'sessionId',
    'participantId',
    'status',
    'game',
    'practice',
    'verified',
    'id',
    'startedAt_gte',
    'startedAt_lte',
  ] as const,
  defaultSort: { field: 'startedAt' as const, order: 'DESC' as const },
  maxPageSize: 100,
};
const EPISODE_STATUSES = Object.values(EpisodeStatus);
/** The list's columns: all but the per-episode level and initial state (kilobytes of JSON each). */
const EPISODE_LIST_SELECT: FindOptionsSelect<EpisodeEntity> = {
  id: true,
  sessionId: true,
  studyId: true,
  index: true,
  round: true,
  practice: true,
  game: true,
  status: true,
  outcome: true,
  steps: true,
  score: true,
  seed: true,
  romMd5: true,
  verification: true,
  verified: true,
  startedAt: true,
  endedAt: true,
  createdAt: true,
  updatedAt: true,
};
/** Up to this many matches, a page's ids are found by the filters first, then sorted. */
const FILTER_FIRST_MAX = 5000;

/** Read side of sessions and episodes for the dashboard; the study issues write them. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    private readonly studies: StudiesService,
  ) {}

  private async studyScope(principal: ResearcherPrincipal, studyId: FilterValue | undefined) {
    const visible = await this.studies.accessibleIds(principal);
    const wanted = one(studyId, 'filter.studyId');
    if (wanted) {
      return visible && !visible.includes(wanted) ? null : wanted;
    }
    return visible ? In(visible) : undefined;
  }

  /** The studies a list may show: undefined for all (admins), [] for none. */
  private async studyIds(
    principal: ResearcherPrincipal,
    studyId: FilterValue | undefined,
  ): Promise<string[] | undefined> {
    const visible = await this.studies.accessibleIds(principal);
    const wanted = uuidFilter(studyId, 'filter.studyId');
    if (wanted) return visible && !visible.includes(wanted) ? [] : [wanted];
    return visible ?? undefined;
  }

  async listSessions(
    principal: ResearcherPrincipal,
    q: ListQuery<(typeof SESSION_LIST.filterable)[number], (typeof SESSION_LIST.sortable)[number]>,
  ) {
    const studyId = await this.studyScope(principal, q.filter.studyId);
    if (studyId === null) return { rows: [], total: 0 };
    const base: FindOptionsWhere<SessionEntity> = {};
    if (studyId !== undefined) base.studyId = studyId;
    if (q.filter.status !== undefined) base.status = one(q.filter.status) as SessionStatus;
    if (q.filter.kind !== undefined) base.kind = one(q.filter.kind) as SessionEntity['kind'];
    if (q.filter.id !== undefined) base.id = In(many(q.filter.id));
    const pid = one(q.filter.participantId, 'filter.participantId') ?? null;
    const where = pid
      ? [
          { ...base, teacherId: pid },
          { ...base, wizardId: pid },
          { ...base, demonstratorId: pid },
        ]
      : base;
    const [rows, total] = await this.sessions.findAndCount({
      where,
      order: { [q.sort.field]: q.sort.order, id: 'ASC' },
      skip: q.skip,
      take: q.take,
    });
    return { rows, total };
  }

  async getSession(principal: ResearcherPrincipal, id: string): Promise<SessionEntity> {
    const row = await this.sessions.findOne({ where: { id } });
    if (!row) throw new NotFoundException(`Session ${id} not found`);
    await this.studies.findAccessible(principal, row.studyId).catch(() => {
      throw new NotFoundException(`Session ${id} not found`);
    });
    return row;
  }

  /**
   * The episode list (ra-data-simple-rest). `participantId` is the participant's row id (the
   * participants resource's `id`; codes like T0001 repeat across studies): the episodes of every
   * session where that participant is the teacher, the wizard or the demonstrator. The dates bound
   * `startedAt`, both inclusive. Rows leave out the heavy `level` and `initialState` (the show
   * page has them). Totals are exact.
   *
   * How it stays fast at 100,000 rows (bench/admin-api.ts, BENCHMARKS.md): every sortable field
   * has an index `(field, id)` and one `(studyId, field, id)`, and the id breaks ties in the same
   * direction, so a page can be read in index order. The total is counted first and decides how
   * the page's ids are found: few matches (a selective filter) are found by the filter and sorted
   * (the planner would otherwise walk the sort index hoping to meet them early, and with correlated
   * filters, such as practice rounds in an Atari study, walk all of it); a page in the far half is
   * read from the other end; the ids come from the index alone where it holds the filters, and
   * only the page's rows are read. The participant filter is a union of three index scans.
   */
  async listEpisodes(
    principal: ResearcherPrincipal,
    q: ListQuery<(typeof EPISODE_LIST.filterable)[number], (typeof EPISODE_LIST.sortable)[number]>,
  ): Promise<{ rows: EpisodeEntity[]; total: number }> {
    const where = this.episodeFilters(q.filter);
    const studyIds = await this.studyIds(principal, q.filter.studyId);
    if (studyIds?.length === 0) return { rows: [], total: 0 };
    const filtered = () => {
      const qb = this.episodes.createQueryBuilder('e');
      if (studyIds) qb.andWhere('e.studyId IN (:...studyIds)', { studyIds });
      for (const [condition, params] of where) qb.andWhere(condition, params);
      return qb;
    };
    const count = await filtered().select('COUNT(*)', 'total').getRawOne<{ total: string }>();
    const total = Number(count?.total ?? 0);
    const page = pageWindow(total, q.skip, q.take);
    if (!page) return { rows: [], total };
    const order = page.reverse ? (q.sort.order === 'ASC' ? 'DESC' : 'ASC') : q.sort.order;
    const key = `e.${q.sort.field}`;
    let ids: string[];
    if (total <= FILTER_FIRST_MAX) {
      const [sql, params] = filtered()
        .select('e.id', 'id')
        .addSelect(key, 'key')
        .getQueryAndParameters();
      const rows = await this.episodes.query<{ id: string }[]>(
        `WITH m AS MATERIALIZED (${sql}) SELECT id FROM m ` +
          `ORDER BY "key" ${order}, id ${order} LIMIT ${page.take} OFFSET ${page.skip}`,
        params,
      );
      ids = rows.map((r) => r.id);
    } else {
      const rows = await filtered()
        .select('e.id', 'id')
        .orderBy(key, order)
        .addOrderBy('e.id', order)
        .offset(page.skip)
        .limit(page.take)
        .getRawMany<{ id: string }>();
      ids = rows.map((r) => r.id);
    }
    const found = new Map(
      (await this.episodes.find({ select: EPISODE_LIST_SELECT, where: { id: In(ids) } })).map(
        (row) => [row.id, row],
      ),
    );
    const rows = ids.flatMap((id) => found.get(id) ?? []);
    return { rows: page.reverse ? rows.reverse() : rows, total };
  }

  /** The list's WHERE conditions (besides the study scope), validated: a bad value is a 400. */
  private episodeFilters(
    f: ListQuery<(typeof EPISODE_LIST.filterable)[number]>['filter'],
  ): [string, Record<string, unknown>][] {
    const where: [string, Record<string, unknown>][] = [];
    const sessionId = uuidFilter(f.sessionId, 'filter.sessionId');
    if (sessionId) where.push(['e.sessionId = :sessionId', { sessionId }]);
    const participantId = uuidFilter(f.participantId, 'filter.participantId');
    if (participantId)
      where.push([
        `e.sessionId IN (${['teacherId', 'wizardId', 'demonstratorId']
          .map((role) => `SELECT s.id FROM sessions s WHERE s."${role}" = :participantId`)
          .join(' UNION ALL ')})`,
        { participantId },
      ]);
    const status = enumFilter(f.status, 'filter.status', EPISODE_STATUSES);
    if (status) where.push(['e.status = :status', { status }]);
    const game = one(f.game, 'filter.game');
    if (game !== undefined) where.push(['e.game = :game', { game }]);
    const practice = booleanFilter(f.practice, 'filter.practice');
    if (practice !== undefined) where.push(['e.practice = :practice', { practice }]);
    const verified = booleanFilter(f.verified, 'filter.verified');
    if (verified !== undefined) where.push(['e.verified = :verified', { verified }]);
    if (f.id !== undefined)
      where.push(['e.id IN (:...ids)', { ids: uuidsFilter(f.id, 'filter.id') }]);
    const from = dateFilter(f.startedAt_gte, 'filter.startedAt_gte');
    if (from) where.push(['e.startedAt >= :from', { from }]);
    const to = dateFilter(f.startedAt_lte, 'filter.startedAt_lte');
    if (to) where.push(['e.startedAt <= :to', { to }]);
    return where;
  }

  async getEpisode(principal: ResearcherPrincipal, id: string): Promise<EpisodeEntity> {
    const row = await this.episodes.findOne({ where: { id } });
    if (!row) throw new NotFoundException(`Episode ${id} not found`);
    await this.studies.findAccessible(principal, row.studyId).catch(() => {
      throw new NotFoundException(`Episode ${id} not found`);
    });
    return row;
  }
}
