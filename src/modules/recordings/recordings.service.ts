import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, In, type Repository } from 'typeorm';
import { type FilterValue, type ListQuery, many, one } from '../../common/list-query.js';
import {
  type ParticipantRecordingsDeleted,
  type RecordingDownload,
  type RecordingTrackView,
  TRACK_KINDS,
  type TrackKind,
} from '../../games/common/recording.js';
import {
  type ParticipantPrincipal,
  type Principal,
  type ResearcherPrincipal,
  TokenScope,
} from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { StorageService } from '../storage/storage.service.js';
import { StudiesService } from '../studies/studies.service.js';
import { ClockSampleEntity } from './clock-sample.entity.js';
import {
  type FinalizeOptions,
  FinalizeService,
  type SessionFinalizeResult,
} from './finalize.service.js';
import type { CreateTrackDto } from './recording.dto.js';
import { RecordingChunkEntity } from './recording-chunk.entity.js';
import { downloadName, trackFolder } from './recording-keys.js';
import { toTrackView } from './recording-view.js';
import { RecordingEntity, RecordingKind, RecordingStatus } from './recording.entity.js';

export const RECORDING_LIST = {
  sortable: [
    'createdAt',
    'updatedAt',
    'lastChunkAt',
    'finalizedAt',
    'durationSamples',
    'receivedChunks',
    'receivedBytes',
    'sampleRate',
    'kind',
    'status',
  ] as const,
  filterable: [
    'studyId',
    'sessionId',
    'episodeId',
    'participantId',
    'kind',
    'status',
    'id',
  ] as const,
  defaultSort: { field: 'createdAt' as const, order: 'DESC' as const },
  maxPageSize: 500,
};
type RecordingListQuery = ListQuery<
  (typeof RECORDING_LIST.filterable)[number],
  (typeof RECORDING_LIST.sortable)[number]
>;

const STATUSES = Object.values(RecordingStatus) as string[];
/** Validity of a download link. */
export const DOWNLOAD_TTL_S = 3600;

const code = (r: RecordingEntity) => r.participant?.participantId ?? '';

@Injectable()
export class RecordingsService {
  private readonly logger = new Logger(RecordingsService.name);

  constructor(
    @InjectRepository(RecordingEntity) private readonly recordings: Repository<RecordingEntity>,
    @InjectRepository(RecordingChunkEntity)
    private readonly chunks: Repository<RecordingChunkEntity>,
    @InjectRepository(ClockSampleEntity)
    private readonly clockSamples: Repository<ClockSampleEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
    private readonly studies: StudiesService,
    private readonly storage: StorageService,
    private readonly finalizer: FinalizeService,
  ) {}

  /** `PUT /recordings/:id`: creates the track, or confirms it when it exists with the same setup. */
  async createTrack(
    principal: ParticipantPrincipal,
    id: string,
    dto: CreateTrackDto,
  ): Promise<{ view: RecordingTrackView; created: boolean }> {
    const sessionId = dto.sessionId ?? null;
    const episodeId = dto.episodeId ?? null;
    const existing = await this.recordings.findOne({ where: { id } });
    if (existing) return { view: this.confirm(principal, existing, dto), created: false };
    if (sessionId) await this.checkSession(principal, sessionId, episodeId);
    const result = await this.recordings
      .createQueryBuilder()
      .insert()
      .into(RecordingEntity)
      .values({
        id,
        studyId: principal.studyId,
        participantId: principal.id,
        sessionId,
        episodeId,
        kind: dto.kind as RecordingKind,
        label: dto.label?.trim() || null,
        sampleRate: dto.sampleRate,
        channels: 1,
        source: dto.source ? { ...dto.source } : null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = await this.recordings.findOneOrFail({ where: { id } });
    if ((result.raw as unknown[]).length === 0)
      return { view: this.confirm(principal, row, dto), created: false }; // lost a race
    this.logger.log(
      `Track ${id} created: ${principal.participantId} ${dto.kind} ${dto.sampleRate} Hz` +
        (sessionId ? ` in session ${sessionId}` : ''),
    );
    return { view: toTrackView(row, principal.participantId), created: true };
  }

  /** An existing track: the same participant with the same setup is fine, anything else is not. */
  private confirm(
    principal: ParticipantPrincipal,
    row: RecordingEntity,
    dto: CreateTrackDto,
  ): RecordingTrackView {
    if (row.participantId !== principal.id)
      throw new ForbiddenException(`Track ${row.id} belongs to another participant`);
    const diffs: string[] = [];
    const compare = (field: string, stored: unknown, asked: unknown) => {
      if (stored !== asked)
        diffs.push(`${field} ${JSON.stringify(asked)} ≠ stored ${JSON.stringify(stored)}`);
    };
    compare('kind', row.kind, dto.kind);
    compare('sampleRate', row.sampleRate, dto.sampleRate);
    compare('sessionId', row.sessionId, dto.sessionId ?? null);
    compare('episodeId', row.episodeId, dto.episodeId ?? null);
    if (diffs.length)
      throw new ConflictException(
        `Track ${row.id} already exists with different parameters: ${diffs.join(', ')}`,
      );
    return toTrackView(row, principal.participantId);
  }

  /** The session must be of the participant's study and have them as teacher/wizard/demonstrator. */
  private async checkSession(
    principal: ParticipantPrincipal,
    sessionId: string,
    episodeId: string | null,
  ): Promise<void> {
    const s = await this.sessions.findOne({ where: { id: sessionId } });
    const takesPart =
      s !== null &&
      s.studyId === principal.studyId &&
      [s.teacherId, s.wizardId, s.demonstratorId].includes(principal.id);
    if (!takesPart)
      throw new ForbiddenException(
        `sessionId: ${sessionId} is not a session of your study that you take part in`,
      );
    if (episodeId) {
      const e = await this.episodes.findOne({
        where: { id: episodeId },
        select: { id: true, sessionId: true },
      });
      if (!e || e.sessionId !== sessionId)
        throw new ForbiddenException(
          `episodeId: ${episodeId} is not an episode of session ${sessionId}`,
        );
    }
  }

  /**
   * The track if the caller may see it: its own participant, or a researcher with access to its
   * study. Anyone else gets the same 404 as for an unknown track.
   */
  async findAccessible(principal: Principal, id: string): Promise<RecordingEntity> {
    const row = await this.recordings.findOne({ where: { id }, relations: { participant: true } });
    const notFound = new NotFoundException(`Track ${id} not found`);
    if (!row) throw notFound;
    if (principal.scope === TokenScope.Participant) {
      if (row.participantId !== principal.id) throw notFound;
    } else {
      await this.studies.findAccessible(principal, row.studyId).catch(() => {
        throw notFound;
      });
    }
    return row;
  }

  async get(principal: Principal, id: string): Promise<RecordingTrackView> {
    const row = await this.findAccessible(principal, id);
    return toTrackView(row, code(row));
  }

  async finalize(principal: Principal, id: string): Promise<RecordingTrackView> {
    const row = await this.findAccessible(principal, id);
    const done = await this.finalizer.finalize(id);
    return toTrackView(done, code(row));
  }

  /** Finalizes every unfinished track of a session (called by the game loop at the session's end). */
  finalizeSession(sessionId: string): Promise<SessionFinalizeResult> {
    return this.finalizer.finalizeSession(sessionId);
  }

  /** Finalizes one track by id, without an access check (server-internal callers). */
  finalizeTrack(id: string, options?: FinalizeOptions): Promise<RecordingEntity> {
    return this.finalizer.finalize(id, options);
  }

  async list(
    principal: ResearcherPrincipal,
    q: RecordingListQuery,
  ): Promise<{ rows: RecordingTrackView[]; total: number }> {
    const studyId = await this.studyScope(principal, q.filter.studyId);
    if (studyId === null) return { rows: [], total: 0 };
    const f = q.filter;
    const where: FindOptionsWhere<RecordingEntity> = {};
    if (studyId !== undefined) where.studyId = studyId;
    if (f.sessionId !== undefined) where.sessionId = one(f.sessionId, 'filter.sessionId');
    if (f.episodeId !== undefined) where.episodeId = one(f.episodeId, 'filter.episodeId');
    if (f.participantId !== undefined)
      where.participantId = one(f.participantId, 'filter.participantId');
    if (f.kind !== undefined) {
      const kind = one(f.kind, 'filter.kind')!;
      if (!TRACK_KINDS.includes(kind as TrackKind))
        throw new BadRequestException(`filter.kind: must be one of ${TRACK_KINDS.join(', ')}`);
      where.kind = kind as RecordingKind;
    }
    if (f.status !== undefined) {
      const status = one(f.status, 'filter.status')!;
      if (!STATUSES.includes(status))
        throw new BadRequestException(`filter.status: must be one of ${STATUSES.join(', ')}`);
      where.status = status as RecordingStatus;
    }
    if (f.id !== undefined) where.id = In(many(f.id));
    const [rows, total] = await this.recordings.findAndCount({
      where,
      relations: { participant: true },
      order: { [q.sort.field]: q.sort.order, id: 'ASC' },
      skip: q.skip,
      take: q.take,
    });
    return { rows: rows.map((r) => toTrackView(r, code(r))), total };
  }

  private async studyScope(principal: ResearcherPrincipal, studyId: FilterValue | undefined) {
    const visible = await this.studies.accessibleIds(principal);
    const wanted = one(studyId, 'filter.studyId');
    if (wanted) return visible && !visible.includes(wanted) ? null : wanted;
    return visible ? In(visible) : undefined;
  }

  async download(principal: ResearcherPrincipal, id: string): Promise<RecordingDownload> {
    const row = await this.findAccessible(principal, id);
    if (row.status !== RecordingStatus.Finalized || !row.wavKey)
      throw new ConflictException(
        `Track ${id} is ${row.status}: only a finalized track has a WAV to download`,
      );
    const url = await this.storage.signedDownloadUrl(row.wavKey, {
      expiresInS: DOWNLOAD_TTL_S,
      filename: downloadName(code(row), row.kind, row.id),
    });
    return { url, expiresAt: new Date(Date.now() + DOWNLOAD_TTL_S * 1000).toISOString() };
  }

  /** Deletes a track's audio (WAV and chunks); the row stays, marked deleted. */
  async deleteTrack(principal: ResearcherPrincipal, id: string): Promise<RecordingTrackView> {
    const row = await this.findAccessible(principal, id);
    await this.purge(row);
    const after = await this.recordings.findOneOrFail({ where: { id } });
    return toTrackView(after, code(row));
  }

  /** Withdrawal: deletes all of a participant's audio and clock samples. */
  async deleteParticipantRecordings(
    principal: ResearcherPrincipal,
    participantId: string,
  ): Promise<ParticipantRecordingsDeleted> {
    const p = await this.participants.findOne({ where: { id: participantId } });
    const notFound = new NotFoundException(`Participant ${participantId} not found`);
    if (!p) throw notFound;
    await this.studies.findAccessible(principal, p.studyId).catch(() => {
      throw notFound;
    });
    const { tracks, clockSamples } = await this.purgeParticipant(participantId);
    this.logger.log(
      `Participant ${p.participantId} (${participantId}): deleted the audio of ${tracks} track(s) and ${clockSamples} clock sample(s)`,
    );
    return { participantId, tracks, clockSamples };
  }

  /**
   * Deletes the audio of every track of a participant and their clock samples. Internal: the
   * caller has checked access (withdrawal above; deleting the participant, whose rows would
   * otherwise cascade away and leave the files behind).
   */
  async purgeParticipant(participantId: string): Promise<{ tracks: number; clockSamples: number }> {
    const tracks = await this.recordings.find({ where: { participantId } });
    let deleted = 0;
    for (const t of tracks) if (await this.purge(t)) deleted++;
    const clock = await this.clockSamples.delete({ participantId });
    return { tracks: deleted, clockSamples: clock.affected ?? 0 };
  }

  /**
   * Marks the track deleted first (which waits for an upload holding its row lock and stops any
   * later one), then removes chunk rows and every file under its folder. Idempotent; true when
   * this call changed the status.
   */
  private async purge(row: RecordingEntity): Promise<boolean> {
    const marked = await this.recordings
      .createQueryBuilder()
      .update(RecordingEntity)
      .set({ status: RecordingStatus.Deleted, deletedAt: () => 'now()', wavKey: null })
      .where('id = :id AND status <> :deleted', { id: row.id, deleted: RecordingStatus.Deleted })
      .execute();
    await this.chunks.delete({ recordingId: row.id });
    const files = await this.storage.deletePrefix(trackFolder(row));
    if (marked.affected === 1) this.logger.log(`Track ${row.id}: audio deleted (${files} file(s))`);
    return marked.affected === 1;
  }
}
