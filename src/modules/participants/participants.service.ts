import { randomBytes, randomInt } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type FindOptionsWhere, ILike, In, type Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { containsPattern, type ListQuery, many, one } from '../../common/list-query.js';
import type {
  ParticipantRole,
  ParticipantStatus,
  ParticipantWithdrawal,
} from '../../games/common/api.js';
import { StudiesService } from '../studies/studies.service.js';
import type { StudyEntity } from '../studies/study.entity.js';
import type { ResearcherPrincipal } from './auth.types.js';
import { parseParticipantCsv, participantsToCsv } from './participant-csv.js';
import { checkParticipantId, expandRange } from './participant-id.js';
import type { CreateParticipantDto, UpdateParticipantDto } from './participant.dto.js';
import { RecordingsService } from '../recordings/recordings.service.js';
import { ParticipantStatusCache } from './participant-status.cache.js';
import { ParticipantEntity } from './participant.entity.js';

export const PARTICIPANT_LIST = {
  sortable: ['participantId', 'role', 'status', 'createdAt', 'lastLoginAt', 'consentedAt'] as const,
  filterable: ['studyId', 'role', 'status', 'q', 'id'] as const,
  defaultSort: { field: 'participantId' as const, order: 'ASC' as const },
};
type ParticipantListQuery = ListQuery<
  (typeof PARTICIPANT_LIST.filterable)[number],
  (typeof PARTICIPANT_LIST.sortable)[number]
>;

export type ParticipantRecord = Omit<ParticipantEntity, 'inviteToken' | 'study'> & {
  inviteUrl: string;
};

/** Access codes avoid look-alike characters (0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newAccessCode(length = 6): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}
export function newInviteToken(): string {
  return randomBytes(24).toString('base64url');
}

interface NewRow {
  participantId: string;
  role: ParticipantRole;
  externalId?: string | null;
  status?: ParticipantStatus;
}

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
    private readonly studies: StudiesService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly statusCache: ParticipantStatusCache,
    private readonly recordings: RecordingsService,
  ) {}

  toRecord(p: ParticipantEntity): ParticipantRecord {
    const { inviteToken, study: _study, ...rest } = p;
    return { ...rest, inviteUrl: `${this.config.publicUrl}/?invite=${inviteToken}` };
  }

  async list(
    principal: ResearcherPrincipal,
    q: ParticipantListQuery,
  ): Promise<{ rows: ParticipantRecord[]; total: number }> {
    const f = q.filter;
    const visible = await this.studies.accessibleIds(principal);
    const common: FindOptionsWhere<ParticipantEntity> = {};
    const wantedStudy = one(f.studyId, 'filter.studyId');
    if (wantedStudy) {
      const wanted = wantedStudy;
      if (visible && !visible.includes(wanted)) return { rows: [], total: 0 };
      common.studyId = wanted;
    } else if (visible) common.studyId = In(visible);
    if (f.role !== undefined) common.role = one(f.role, 'filter.role') as ParticipantRole;
    if (f.status !== undefined) common.status = one(f.status, 'filter.status') as ParticipantStatus;
    if (f.id !== undefined) common.id = In(many(f.id));
    const text = one(f.q, 'filter.q');
    const like = text ? ILike(containsPattern(text)) : null;
    const where = like
      ? [
          { ...common, participantId: like },
          { ...common, externalId: like },
        ]
      : common;
    const [rows, total] = await this.participants.findAndCount({
      where,
      order: { [q.sort.field]: q.sort.order, id: 'ASC' },
      skip: q.skip,
      take: q.take,
    });
    return { rows: rows.map((r) => this.toRecord(r)), total };
  }

  async findAccessible(principal: ResearcherPrincipal, id: string): Promise<ParticipantEntity> {
    const row = await this.participants.findOne({ where: { id } });
    if (!row) throw new NotFoundException(`Participant ${id} not found`);
    await this.studies.findAccessible(principal, row.studyId).catch(() => {
      throw new NotFoundException(`Participant ${id} not found`);
    });
    return row;
  }

  async get(principal: ResearcherPrincipal, id: string): Promise<ParticipantRecord> {
    return this.toRecord(await this.findAccessible(principal, id));
  }

  async create(
    principal: ResearcherPrincipal,
    dto: CreateParticipantDto,
  ): Promise<ParticipantRecord> {
    const study = await this.studies.findAccessible(principal, dto.studyId);
    const check = checkParticipantId(dto.participantId, study.idPattern);
    if (!check.ok)
      throw new BadRequestException({
        message: `participantId: ${check.reason}`,
        errors: [{ field: 'participantId', reason: check.reason }],
      });
    const [row] = await this.insertAll(study, [
      {
        participantId: check.id,
        role: check.role,
        externalId: dto.externalId ?? null,
        status: dto.status,
      },
    ]);
    return this.toRecord(row);
  }

  async update(
    principal: ResearcherPrincipal,
    id: string,
    dto: UpdateParticipantDto,
  ): Promise<ParticipantRecord> {
    const row = await this.findAccessible(principal, id);
    if (dto.status !== undefined) row.status = dto.status;
    if (dto.externalId !== undefined) row.externalId = dto.externalId?.trim() || null;
    const saved = await this.participants.save(row);
    this.statusCache.invalidate(row.id);
    return this.toRecord(saved);
  }

  /**
   * Marks the participant withdrawn (their next request is refused: the status cache is dropped)
   * and then, when asked, deletes their audio. A failure while deleting leaves them withdrawn, and
   * calling again finishes the job (the purge is idempotent).
   */
  async withdraw(
    principal: ResearcherPrincipal,
    id: string,
    deleteRecordings: boolean,
  ): Promise<ParticipantWithdrawal<ParticipantRecord>> {
    const row = await this.findAccessible(principal, id);
    row.status = 'withdrawn';
    const saved = await this.participants.save(row);
    this.statusCache.invalidate(row.id);
    const recordings = deleteRecordings ? await this.recordings.purgeParticipant(row.id) : null;
    return { participant: this.toRecord(saved), recordingsDeleted: recordings };
  }

  async remove(principal: ResearcherPrincipal, id: string): Promise<ParticipantRecord> {
    const row = await this.findAccessible(principal, id);
    // Their audio first: the rows would cascade away with the participant and leave the files.
    await this.recordings.purgeParticipant(row.id);
    await this.participants.delete({ id: row.id });
    this.statusCache.invalidate(row.id);
    return this.toRecord(row);
  }

  /** Registers `T0001-T0040`: all or nothing; 409 naming the IDs that already exist. */
  async registerRange(principal: ResearcherPrincipal, studyId: string, range: string) {
    const study = await this.studies.findAccessible(principal, studyId);
    let ids: string[];
    try {
      ids = expandRange(range);
    } catch (error) {
      throw new BadRequestException({
        message: `range: ${(error as Error).message}`,
        errors: [{ field: 'range', reason: (error as Error).message }],
      });
    }
    const rows: NewRow[] = [];
    const bad: string[] = [];
    for (const raw of ids) {
      const check = checkParticipantId(raw, study.idPattern);
      if (check.ok) rows.push({ participantId: check.id, role: check.role });
      else bad.push(check.reason);
    }
    if (bad.length)
      throw new BadRequestException({
        message: `range: ${bad[0]}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}`,
        errors: [{ field: 'range', reason: bad[0] }],
      });
    const created = await this.insertAll(study, rows);
    return { created: created.length, participantIds: created.map((r) => r.participantId) };
  }

  /** Imports a CSV: every row or none; 400 listing each bad line, 409 naming existing IDs. */
  async importCsv(principal: ResearcherPrincipal, studyId: string, csv: string) {
    const study = await this.studies.findAccessible(principal, studyId);
    const { rows, errors } = parseParticipantCsv(csv, study.idPattern);
    if (errors.length)
      throw new BadRequestException({
        message: `CSV rejected, nothing imported: ${errors.length} bad line(s); first: line ${errors[0].line}: ${errors[0].reason}`,
        errors,
      });
    const created = await this.insertAll(
      study,
      rows,
      (id) => rows.find((r) => r.participantId === id)?.line,
    );
    return { created: created.length, participantIds: created.map((r) => r.participantId) };
  }

  async exportCsv(
    principal: ResearcherPrincipal,
    studyId: string,
  ): Promise<{ study: StudyEntity; csv: string }> {
    const study = await this.studies.findAccessible(principal, studyId);
    const rows = await this.participants.find({
      where: { studyId: study.id },
      order: { participantId: 'ASC' },
    });
    const csv = participantsToCsv(rows.map((r) => this.toRecord(r)));
    return { study, csv };
  }

  /** Inserts rows in one transaction after checking none exists, so nothing is ever half-registered. */
  private async insertAll(
    study: StudyEntity,
    rows: NewRow[],
    lineOf?: (id: string) => number | undefined,
  ) {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(ParticipantEntity);
      const existing = await repo.find({
        where: { studyId: study.id, participantId: In(rows.map((r) => r.participantId)) },
        select: { participantId: true },
      });
      if (existing.length) {
        const ids = existing.map((e) => e.participantId).sort();
        throw new ConflictException({
          message: `Already registered in this study, nothing was added: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ` and ${ids.length - 20} more` : ''}`,
          errors: ids.map((id) => ({
            field: 'participantId',
            line: lineOf?.(id),
            reason: `${id} already exists`,
          })),
        });
      }
      const entities = rows.map((r) =>
        repo.create({
          studyId: study.id,
          participantId: r.participantId,
          role: r.role,
          externalId: r.externalId ?? null,
          status: r.status ?? 'registered',
          accessCode: newAccessCode(),
          inviteToken: newInviteToken(),
        }),
      );
      return repo.save(entities, { chunk: 500 });
    });
  }
}
