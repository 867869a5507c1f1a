import { InjectQueue } from '@nestjs/bull';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  Optional,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { type FindOptionsWhere, In, type Repository } from 'typeorm';
import { type FilterValue, type ListQuery, many, one } from '../../common/list-query.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { JOBS, JobName, QueueName } from '../queue/queue.constants.js';
import { EpisodeEntity, EpisodeStatus } from '../sessions/episode.entity.js';
import { StorageService } from '../storage/storage.service.js';
import { StudiesService } from '../studies/studies.service.js';
import type { RenderOptionsDto } from './render.dto.js';
import { RenderEntity, RenderStatus } from './render.entity.js';
import { RenderEvents } from './render-events.service.js';
import { episodeLayout } from './render-inputs.service.js';
import {
  gameKindOf,
  LayoutError,
  type RenderOptions,
  resolveRenderOptions,
} from './render-options.js';
import { RenderRunner } from './render-runner.service.js';

export const RENDER_LIST = {
  sortable: [
    'createdAt',
    'updatedAt',
    'startedAt',
    'completedAt',
    'status',
    'durationMs',
    'bytes',
  ] as const,
  filterable: ['studyId', 'episodeId', 'status', 'id'] as const,
  defaultSort: { field: 'createdAt' as const, order: 'DESC' as const },
  maxPageSize: 200,
};
type RenderListQuery = ListQuery<
  (typeof RENDER_LIST.filterable)[number],
  (typeof RENDER_LIST.sortable)[number]
>;

const STATUSES = Object.values(RenderStatus) as string[];
const OPEN = [RenderStatus.Queued, RenderStatus.Rendering];
/** Validity of a download link. */
export const RENDER_DOWNLOAD_TTL_S = 3600;

const sameOptions = (a: RenderOptions, b: RenderOptions) =>
  a.fps === b.fps &&
  a.width === b.width &&
  a.height === b.height &&
  a.audio === b.audio &&
  a.container === b.container;

/**
 * The researcher's side of rendering (flow 7): asks for renders (one or many episodes), lists
 * them, cancels, re-renders, hands out download links. A render of an episode with the same
 * options as an existing one is that render again: re-rendered (its file replaced) when it has
 * finished, or returned as it is while it is queued or rendering.
 */
@Injectable()
export class RendersService {
  private readonly logger = new Logger(RendersService.name);

  constructor(
    @InjectRepository(RenderEntity) private readonly renders: Repository<RenderEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    private readonly studies: StudiesService,
    private readonly runner: RenderRunner,
    private readonly storage: StorageService,
    private readonly events: RenderEvents,
    @Optional() @InjectQueue(QueueName.Render) private readonly queue?: Queue,
  ) {}

  /** `POST /episodes/:id/renders`. */
  async create(
    principal: ResearcherPrincipal,
    episodeId: string,
    asked: RenderOptionsDto,
  ): Promise<{ render: RenderEntity; created: boolean }> {
    const queue = this.requireQueue();
    const episode = await this.renderableEpisode(principal, episodeId, 'id');
    return this.request(queue, episode, this.options(episode, asked, ''));
  }

  /** `POST /renders/bulk`: every episode is checked before anything is queued. */
  async bulk(
    principal: ResearcherPrincipal,
    episodeIds: string[],
    asked: RenderOptionsDto,
  ): Promise<RenderEntity[]> {
    const queue = this.requireQueue();
    const checked: { episode: EpisodeEntity; options: RenderOptions }[] = [];
    for (const [i, id] of episodeIds.entries()) {
      const episode = await this.renderableEpisode(principal, id, `episodeIds[${i}]`);
      checked.push({ episode, options: this.options(episode, asked, 'options.') });
    }
    const out: RenderEntity[] = [];
    for (const { episode, options } of checked)
      out.push((await this.request(queue, episode, options)).render);
    return out;
  }

  async list(
    principal: ResearcherPrincipal,
    q: RenderListQuery,
  ): Promise<{ rows: RenderEntity[]; total: number }> {
    const studyId = await this.studyScope(principal, q.filter.studyId);
    if (studyId === null) return { rows: [], total: 0 };
    const where: FindOptionsWhere<RenderEntity> = {};
    if (studyId !== undefined) where.studyId = studyId;
    if (q.filter.episodeId !== undefined) where.episodeId = In(many(q.filter.episodeId));
    if (q.filter.status !== undefined) {
      const status = one(q.filter.status, 'filter.status')!;
      if (!STATUSES.includes(status))
        throw new BadRequestException(`filter.status: must be one of ${STATUSES.join(', ')}`);
      where.status = status as RenderStatus;
    }
    if (q.filter.id !== undefined) where.id = In(many(q.filter.id));
    const [rows, total] = await this.renders.findAndCount({
      where,
      order: { [q.sort.field]: q.sort.order, id: 'ASC' },
      skip: q.skip,
      take: q.take,
    });
    return { rows, total };
  }

  async get(principal: ResearcherPrincipal, id: string): Promise<RenderEntity> {
    const row = await this.renders.findOne({ where: { id } });
    const notFound = new NotFoundException(`Render ${id} not found`);
    if (!row) throw notFound;
    await this.studies.findAccessible(principal, row.studyId).catch(() => {
      throw notFound;
    });
    return row;
  }

  /** Stops a queued or running render; a finished one is a 409. */
  async cancel(principal: ResearcherPrincipal, id: string): Promise<RenderEntity> {
    const row = await this.get(principal, id);
    const result = await this.renders.update(
      { id, status: In(OPEN) },
      { status: RenderStatus.Cancelled, error: null },
    );
    if (!result.affected)
      throw new ConflictException(`Render ${id} is ${row.status}: there is nothing to cancel`);
    const job = await this.queue?.getJob(JOBS[JobName.RenderEpisode].jobId({ renderId: id }));
    // A waiting or delayed job goes now; an active one stops within a second (it reads the row).
    if (job && !(await job.isActive())) await job.remove().catch(() => undefined);
    this.runner.abortLocal(id);
    const after = await this.renders.findOneOrFail({ where: { id } });
    this.publish(after);
    this.logger.log(`Render ${id}: cancelled by researcher ${principal.id}`);
    return after;
  }

  /** Renders a finished (completed, failed or cancelled) render again; its file is replaced. */
  async retry(principal: ResearcherPrincipal, id: string): Promise<RenderEntity> {
    const queue = this.requireQueue();
    const row = await this.get(principal, id);
    if (OPEN.includes(row.status))
      throw new ConflictException(`Render ${id} is ${row.status} already`);
    return this.requeue(queue, row);
  }

  async download(
    principal: ResearcherPrincipal,
    id: string,
  ): Promise<{ url: string; expiresAt: string }> {
    const row = await this.get(principal, id);
    if (row.status !== RenderStatus.Completed || !row.storageKey)
      throw new ConflictException(
        `Render ${id} is ${row.status}: only a completed render has a file to download`,
      );
    const episode = await this.episodes.findOne({ where: { id: row.episodeId } });
    const name = `${episode?.game ?? 'episode'}-episode-${episode?.index ?? 0}-${id.slice(0, 8)}`;
    const url = await this.storage.signedDownloadUrl(row.storageKey, {
      expiresInS: RENDER_DOWNLOAD_TTL_S,
      filename: `${name}.${row.options.container}`,
    });
    return { url, expiresAt: new Date(Date.now() + RENDER_DOWNLOAD_TTL_S * 1000).toISOString() };
  }

  // -------------------------------------------------------------------------------------------

  private requireQueue(): Queue {
    if (!this.queue)
      throw new ServiceUnavailableException(
        'Rendering needs the job queue, which needs Redis: set REDIS_URL (see the README)',
      );
    return this.queue;
  }

  private async renderableEpisode(
    principal: ResearcherPrincipal,
    id: string,
    field: string,
  ): Promise<EpisodeEntity> {
    const episode = await this.episodes.findOne({ where: { id } });
    const notFound = new NotFoundException(`${field}: episode ${id} not found`);
    if (!episode) throw notFound;
    await this.studies.findAccessible(principal, episode.studyId).catch(() => {
      throw notFound;
    });
    if (episode.status === EpisodeStatus.Running)
      throw new ConflictException(`${field}: episode ${id} is still running`);
    return episode;
  }

  /** The asked options with the game's defaults, checked against the episode's picture. */
  private options(episode: EpisodeEntity, asked: RenderOptionsDto, prefix: string): RenderOptions {
    const options = resolveRenderOptions(gameKindOf(episode.game), asked);
    try {
      episodeLayout(episode, options);
    } catch (error) {
      if (error instanceof LayoutError)
        throw new BadRequestException({
          message: `${prefix}width/height: ${options.width}x${options.height} is too small: ${error.message}`,
          errors: [{ field: `${prefix}width`, reason: error.message }],
        });
      throw error;
    }
    return options;
  }

  private async request(
    queue: Queue,
    episode: EpisodeEntity,
    options: RenderOptions,
  ): Promise<{ render: RenderEntity; created: boolean }> {
    const existing = (
      await this.renders.find({ where: { episodeId: episode.id }, order: { createdAt: 'DESC' } })
    ).find((r) => sameOptions(r.options, options));
    if (existing) {
      if (OPEN.includes(existing.status)) return { render: existing, created: false };
      return { render: await this.requeue(queue, existing), created: false };
    }
    const render = await this.renders.save(
      this.renders.create({
        episodeId: episode.id,
        studyId: episode.studyId,
        status: RenderStatus.Queued,
        options,
      }),
    );
    try {
      await this.enqueue(queue, render.id);
    } catch (error) {
      await this.renders.delete({ id: render.id });
      throw this.unavailable(error);
    }
    this.publish(render);
    return { render, created: true };
  }

  /** Resets a finished render to queued and queues it; on a queue failure it is left as it was. */
  private async requeue(queue: Queue, row: RenderEntity): Promise<RenderEntity> {
    const jobId = JOBS[JobName.RenderEpisode].jobId({ renderId: row.id });
    const old = await queue.getJob(jobId);
    if (old) {
      if (await old.isActive())
        throw new ConflictException(
          `Render ${row.id} is still stopping its previous run: try again in a moment`,
        );
      await old.remove();
    }
    const before = {
      status: row.status,
      framesWritten: row.framesWritten,
      framesTotal: row.framesTotal,
      error: row.error,
      attempts: row.attempts,
      completedAt: row.completedAt,
    };
    // The previous file stays in storage until the new one replaces it (not downloadable meanwhile).
    const reset = await this.renders.update(
      { id: row.id, status: row.status },
      {
        status: RenderStatus.Queued,
        framesWritten: 0,
        framesTotal: null,
        error: null,
        attempts: 0,
        completedAt: null,
      },
    );
    if (!reset.affected) throw new ConflictException(`Render ${row.id} changed meanwhile`);
    try {
      await this.enqueue(queue, row.id);
    } catch (error) {
      await this.renders.update({ id: row.id }, before);
      throw this.unavailable(error);
    }
    const after = await this.renders.findOneOrFail({ where: { id: row.id } });
    this.publish(after);
    return after;
  }

  private async enqueue(queue: Queue, renderId: string): Promise<void> {
    const job = JOBS[JobName.RenderEpisode];
    await queue.add(
      JobName.RenderEpisode,
      { renderId },
      { ...job.options, jobId: job.jobId({ renderId }) },
    );
  }

  private unavailable(error: unknown): ServiceUnavailableException {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`Could not queue a render: ${reason}`);
    return new ServiceUnavailableException(`The render could not be queued: ${reason}`);
  }

  private async studyScope(principal: ResearcherPrincipal, studyId: FilterValue | undefined) {
    const visible = await this.studies.accessibleIds(principal);
    const wanted = one(studyId, 'filter.studyId');
    if (wanted) return visible && !visible.includes(wanted) ? null : wanted;
    return visible ? In(visible) : undefined;
  }

  private publish(render: RenderEntity): void {
    this.events.publish({
      renderId: render.id,
      episodeId: render.episodeId,
      studyId: render.studyId,
      status: render.status,
      framesWritten: render.framesWritten,
      framesTotal: render.framesTotal,
      error: render.error,
    });
  }
}
