import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, In, type Repository } from 'typeorm';
import { type FilterValue, type ListQuery, many, one } from '../../common/list-query.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { StudiesService } from '../studies/studies.service.js';
import { EpisodeEntity, type EpisodeStatus } from './episode.entity.js';
import { SessionEntity, type SessionStatus } from './session.entity.js';

export const SESSION_LIST = {
  sortable: ['createdAt', 'startedAt', 'endedAt', 'status'] as const,
  filterable: ['studyId', 'status', 'kind', 'id', 'participantId'] as const,
  defaultSort: { field: 'createdAt' as const, order: 'DESC' as const },
};
export const EPISODE_LIST = {
  sortable: ['startedAt', 'endedAt', 'score', 'steps', 'index', 'game', 'status'] as const,
  filterable: ['studyId', 'sessionId', 'status', 'game', 'practice', 'verified', 'id'] as const,
  defaultSort: { field: 'startedAt' as const, order: 'DESC' as const },
  maxPageSize: 100,
};

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

  async listEpisodes(
    principal: ResearcherPrincipal,
    q: ListQuery<(typeof EPISODE_LIST.filterable)[number], (typeof EPISODE_LIST.sortable)[number]>,
  ) {
    const studyId = await this.studyScope(principal, q.filter.studyId);
    if (studyId === null) return { rows: [], total: 0 };
    const where: FindOptionsWhere<EpisodeEntity> = {};
    if (studyId !== undefined) where.studyId = studyId;
    if (q.filter.sessionId !== undefined) where.sessionId = one(q.filter.sessionId);
    if (q.filter.status !== undefined) where.status = one(q.filter.status) as EpisodeStatus;
    if (q.filter.game !== undefined) where.game = one(q.filter.game);
    if (q.filter.practice !== undefined)
      where.practice = q.filter.practice === true || q.filter.practice === 'true';
    if (q.filter.verified !== undefined)
      where.verified = q.filter.verified === true || q.filter.verified === 'true';
    if (q.filter.id !== undefined) where.id = In(many(q.filter.id));
    const [rows, total] = await this.episodes.findAndCount({
      where,
      order: { [q.sort.field]: q.sort.order, id: 'ASC' },
      skip: q.skip,
      take: q.take,
    });
    return { rows, total };
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
