import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, ILike, In, type Repository } from 'typeorm';
import { containsPattern, type ListQuery, many, one } from '../../common/list-query.js';
import { type ResearcherPrincipal } from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { ResearcherRole } from '../participants/researcher.entity.js';
import { RomEntity } from '../roms/rom.entity.js';
import { studyKey } from '../storage/storage-keys.js';
import { StorageService } from '../storage/storage.service.js';
import { validateStudyConfig } from './study-config.js';
import type { CreateStudyDto, UpdateStudyDto } from './study.dto.js';
import { DEFAULT_ID_PATTERN, StudyEntity } from './study.entity.js';

export const STUDY_LIST = {
  sortable: ['name', 'slug', 'kind', 'createdAt', 'updatedAt'] as const,
  filterable: ['q', 'kind', 'id'] as const,
  defaultSort: { field: 'createdAt' as const, order: 'DESC' as const },
};
type StudyListQuery = ListQuery<
  (typeof STUDY_LIST.filterable)[number],
  (typeof STUDY_LIST.sortable)[number]
>;

export type StudyRecord = StudyEntity & { participantCount: number };

function checkIdPattern(pattern: string): void {
  try {
    new RegExp(pattern);
  } catch (error) {
    throw new BadRequestException({
      message: `idPattern: not a valid regular expression (${(error as Error).message})`,
      errors: [{ field: 'idPattern', reason: 'not a valid regular expression' }],
    });
  }
  if (!pattern.startsWith('^') || !pattern.endsWith('$'))
    throw new BadRequestException({
      message: 'idPattern: must be anchored with ^ and $',
      errors: [{ field: 'idPattern', reason: 'must be anchored with ^ and $' }],
    });
}

@Injectable()
export class StudiesService {
  constructor(
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
    private readonly storage: StorageService,
    @InjectRepository(RomEntity) private readonly roms: Repository<RomEntity>,
  ) {}

  private readonly logger = new Logger(StudiesService.name);

  /** A study's `config.romId` must name a ROM of the library. */
  private async checkRom(config: Record<string, unknown>): Promise<void> {
    const romId = config.romId;
    if (typeof romId !== 'string') return;
    const known = isUUID(romId) && (await this.roms.exists({ where: { id: romId } }));
    if (!known)
      throw new BadRequestException({
        message: `config.romId: no ROM ${romId} in the library`,
        errors: [{ field: 'config.romId', reason: `no ROM ${romId} in the library` }],
      });
  }

  /** Restricts a query to what the researcher may see: admins see all, researchers their own. */
  scope(principal: ResearcherPrincipal): FindOptionsWhere<StudyEntity> {
    return principal.role === ResearcherRole.Admin ? {} : { ownerId: principal.id };
  }

  /** The study if it exists and the researcher may see it; otherwise 404 (never reveal others' studies). */
  async findAccessible(principal: ResearcherPrincipal, id: string): Promise<StudyEntity> {
    const study = await this.studies.findOne({ where: { id, ...this.scope(principal) } });
    if (!study) throw new NotFoundException(`Study ${id} not found`);
    return study;
  }

  /** Ids of the studies the researcher may see, or null for all. */
  async accessibleIds(principal: ResearcherPrincipal): Promise<string[] | null> {
    if (principal.role === ResearcherRole.Admin) return null;
    const rows = await this.studies.find({
      where: { ownerId: principal.id },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async list(
    principal: ResearcherPrincipal,
    q: StudyListQuery,
  ): Promise<{ rows: StudyRecord[]; total: number }> {
    const base = this.scope(principal);
    const f = q.filter;
    const where: FindOptionsWhere<StudyEntity>[] = [];
    const common: FindOptionsWhere<StudyEntity> = { ...base };
    if (f.kind !== undefined) common.kind = one(f.kind, 'filter.kind') as StudyEntity['kind'];
    if (f.id !== undefined) common.id = In(many(f.id));
    const text = one(f.q, 'filter.q');
    if (text) {
      const like = ILike(containsPattern(text));
      where.push({ ...common, name: like }, { ...common, slug: like });
    } else where.push(common);
    const [rows, total] = await this.studies.findAndCount({
      where,
      order: { [q.sort.field]: q.sort.order, id: 'ASC' },
      skip: q.skip,
      take: q.take,
    });
    return { rows: await this.withCounts(rows), total };
  }

  async get(principal: ResearcherPrincipal, id: string): Promise<StudyRecord> {
    const [study] = await this.withCounts([await this.findAccessible(principal, id)]);
    return study;
  }

  async create(principal: ResearcherPrincipal, dto: CreateStudyDto): Promise<StudyRecord> {
    const idPattern = dto.idPattern ?? DEFAULT_ID_PATTERN;
    checkIdPattern(idPattern);
    const config = validateStudyConfig(dto.kind, dto.config);
    await this.checkRom(config);
    const saved = await this.studies.save(
      this.studies.create({
        name: dto.name.trim(),
        slug: dto.slug,
        kind: dto.kind,
        config,
        idPattern,
        requireAccessCode: dto.requireAccessCode ?? false,
        ownerId: principal.id,
      }),
    );
    return { ...saved, participantCount: 0 };
  }

  async update(
    principal: ResearcherPrincipal,
    id: string,
    dto: UpdateStudyDto,
  ): Promise<StudyRecord> {
    const study = await this.findAccessible(principal, id);
    if (dto.kind && dto.kind !== study.kind)
      throw new BadRequestException({
        message: 'kind: a study cannot change its kind',
        errors: [{ field: 'kind', reason: 'cannot change' }],
      });
    if (dto.idPattern !== undefined) checkIdPattern(dto.idPattern);
    if (dto.name !== undefined) study.name = dto.name.trim();
    if (dto.slug !== undefined) study.slug = dto.slug;
    if (dto.idPattern !== undefined) study.idPattern = dto.idPattern;
    if (dto.requireAccessCode !== undefined) study.requireAccessCode = dto.requireAccessCode;
    if (dto.config !== undefined) {
      study.config = validateStudyConfig(study.kind, dto.config);
      await this.checkRom(study.config);
    }
    await this.studies.save(study);
    return this.get(principal, id);
  }

  async remove(principal: ResearcherPrincipal, id: string): Promise<StudyEntity> {
    const study = await this.findAccessible(principal, id);
    await this.studies.delete({ id: study.id });
    // Then its files (audio, and later renders): the rows cascade away with the study. Rows first,
    // so a failure here leaves orphan files (logged, to be removed by hand), never a study whose
    // audio is gone.
    const prefix = studyKey(study.id);
    await this.storage.deletePrefix(prefix).then(
      (files) => this.logger.log(`Study ${study.slug}: deleted ${files} file(s) under ${prefix}`),
      (err: unknown) =>
        this.logger.error(
          `Study ${study.slug} deleted, but not its files under ${prefix}: ${String(err)}`,
        ),
    );
    return study;
  }

  /** Public lookup by slug for participant login; never exposes config beyond what participants see. */
  async findBySlug(slug: string): Promise<StudyEntity> {
    const study = await this.studies.findOne({ where: { slug: slug.trim().toLowerCase() } });
    if (!study) throw new NotFoundException(`Unknown study "${slug}"`);
    return study;
  }

  private async withCounts(rows: StudyEntity[]): Promise<StudyRecord[]> {
    if (rows.length === 0) return [];
    const counts = await this.participants
      .createQueryBuilder('p')
      .select('p.studyId', 'studyId')
      .addSelect('COUNT(*)::int', 'count')
      .where('p.studyId IN (:...ids)', { ids: rows.map((r) => r.id) })
      .groupBy('p.studyId')
      .getRawMany<{ studyId: string; count: number }>();
    const byId = new Map(counts.map((c) => [c.studyId, c.count]));
    return rows.map((r) => ({ ...r, participantCount: byId.get(r.id) ?? 0 }));
  }
}
