import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Subject } from 'rxjs';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, ILike, In, type Repository } from 'typeorm';
import { containsPattern, type ListQuery, many, one } from '../../common/list-query.js';
import { type ResearcherPrincipal } from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { ResearcherEntity, ResearcherRole } from '../participants/researcher.entity.js';
import { RomEntity } from '../roms/rom.entity.js';
import { studyKey } from '../storage/storage-keys.js';
import { StorageService } from '../storage/storage.service.js';
import { validateStudyConfig } from './study-config.js';
import type { CreateStudyDto, UpdateStudyDto } from './study.dto.js';
import { StudyMemberEntity } from './study-member.entity.js';
import { DEFAULT_ID_PATTERN, StudyEntity } from './study.entity.js';
import type { StudyMemberView } from '../../games/common/api.js';

export const STUDY_LIST = {
  sortable: ['name', 'slug', 'kind', 'createdAt', 'updatedAt'] as const,
  filterable: ['q', 'kind', 'id'] as const,
  defaultSort: { field: 'createdAt' as const, order: 'DESC' as const },
};
type StudyListQuery = ListQuery<
  (typeof STUDY_LIST.filterable)[number],
  (typeof STUDY_LIST.sortable)[number]
>;

/** A change of who may see a study (`StudiesService.memberChanges$`). */
export interface StudyMemberChange {
  studyId: string;
  researcherId: string;
  given: boolean;
}

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
    @InjectRepository(StudyMemberEntity)
    private readonly members: Repository<StudyMemberEntity>,
    @InjectRepository(ResearcherEntity)
    private readonly researchers: Repository<ResearcherEntity>,
  ) {}

  private readonly logger = new Logger(StudiesService.name);
  private readonly memberChanges = new Subject<StudyMemberChange>();
  /**
   * Access given or taken away through this process: the dashboard socket moves the researcher's
   * connections into or out of the study's room, so a removed colleague stops receiving its events
   * at once rather than at their next reconnect.
   */
  readonly memberChanges$ = this.memberChanges.asObservable();

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

  /** The study if it exists and the researcher may see it; otherwise 404 (never reveal others' studies). */
  async findAccessible(principal: ResearcherPrincipal, id: string): Promise<StudyEntity> {
    const study = await this.studies.findOne({ where: { id } });
    if (!study || !(await this.canSee(principal, study)))
      throw new NotFoundException(`Study ${id} not found`);
    return study;
  }

  /**
   * The study if the researcher may manage it (delete it, change who has access): its owner or
   * an admin. 404 when they cannot see it at all, 403 when they were only given access.
   */
  async findManageable(principal: ResearcherPrincipal, id: string): Promise<StudyEntity> {
    const study = await this.findAccessible(principal, id);
    if (principal.role !== ResearcherRole.Admin && study.ownerId !== principal.id)
      throw new ForbiddenException(
        `Only the owner of study ${study.slug} or an admin can do this; you were given access to it`,
      );
    return study;
  }

  /** Admins see every study; researchers those they own and those they were given. */
  private async canSee(principal: ResearcherPrincipal, study: StudyEntity): Promise<boolean> {
    if (principal.role === ResearcherRole.Admin || study.ownerId === principal.id) return true;
    return this.members.exists({ where: { studyId: study.id, researcherId: principal.id } });
  }

  /** Ids of the studies the researcher may see (owned or given), or null for all. */
  async accessibleIds(principal: ResearcherPrincipal): Promise<string[] | null> {
    if (principal.role === ResearcherRole.Admin) return null;
    const rows = await this.studies.query<{ id: string }[]>(
      `SELECT id FROM studies WHERE "ownerId" = $1
       UNION SELECT "studyId" AS id FROM study_members WHERE "researcherId" = $1`,
      [principal.id],
    );
    return rows.map((r) => r.id);
  }

  async list(
    principal: ResearcherPrincipal,
    q: StudyListQuery,
  ): Promise<{ rows: StudyRecord[]; total: number }> {
    const visible = await this.accessibleIds(principal);
    const f = q.filter;
    const where: FindOptionsWhere<StudyEntity>[] = [];
    const common: FindOptionsWhere<StudyEntity> = {};
    if (f.kind !== undefined) common.kind = one(f.kind, 'filter.kind') as StudyEntity['kind'];
    const wanted = f.id !== undefined ? many(f.id) : null;
    const ids =
      visible && wanted ? wanted.filter((id) => visible.includes(id)) : (wanted ?? visible);
    if (ids?.length === 0) return { rows: [], total: 0 };
    if (ids) common.id = In(ids);
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
    const study = await this.findManageable(principal, id);
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

  /** Who has access to the study: its owner first, then those given access, by email. */
  async listMembers(principal: ResearcherPrincipal, id: string): Promise<StudyMemberView[]> {
    const study = await this.findAccessible(principal, id);
    const owner = await this.researchers.findOneByOrFail({ id: study.ownerId });
    const members = await this.members.find({
      where: { studyId: study.id },
      relations: { researcher: true },
    });
    const given = members
      .filter((m) => m.researcher)
      .map((m) => ({
        researcherId: m.researcherId,
        email: m.researcher!.email,
        name: m.researcher!.name,
        access: 'member' as const,
        since: m.createdAt.toISOString(),
      }))
      .sort((a, b) => a.email.localeCompare(b.email));
    return [
      {
        researcherId: owner.id,
        email: owner.email,
        name: owner.name,
        access: 'owner',
        since: study.createdAt.toISOString(),
      },
      ...given,
    ];
  }

  /** Gives a researcher (by email) access to the study: 400 when no researcher has it, 409 twice. */
  async addMember(
    principal: ResearcherPrincipal,
    id: string,
    email: string,
  ): Promise<StudyMemberView> {
    const study = await this.findManageable(principal, id);
    const researcher = await this.researchers.findOneBy({ email: email.trim().toLowerCase() });
    if (!researcher)
      throw new BadRequestException({
        message: `email: no researcher account has the email ${email.trim()}`,
        errors: [{ field: 'email', reason: 'no researcher account has this email' }],
      });
    if (researcher.id === study.ownerId)
      throw new ConflictException({
        message: `email: ${researcher.email} owns this study`,
        errors: [{ field: 'email', reason: 'owns this study' }],
      });
    const inserted = await this.members
      .createQueryBuilder()
      .insert()
      .values({ studyId: study.id, researcherId: researcher.id, grantedById: principal.id })
      .orIgnore()
      .returning(['createdAt'])
      .execute();
    const row = inserted.raw as { createdAt: Date }[];
    if (row.length === 0)
      throw new ConflictException({
        message: `email: ${researcher.email} already has access to this study`,
        errors: [{ field: 'email', reason: 'already has access' }],
      });
    this.logger.log(`Study ${study.slug}: ${researcher.email} given access`);
    this.memberChanges.next({ studyId: study.id, researcherId: researcher.id, given: true });
    return {
      researcherId: researcher.id,
      email: researcher.email,
      name: researcher.name,
      access: 'member',
      since: new Date(row[0].createdAt).toISOString(),
    };
  }

  /** Takes a given access away (the owner's cannot be). 404 when they had none. */
  async removeMember(
    principal: ResearcherPrincipal,
    id: string,
    researcherId: string,
  ): Promise<{ researcherId: string }> {
    const study = await this.findManageable(principal, id);
    const { affected } = await this.members.delete({ studyId: study.id, researcherId });
    if (!affected)
      throw new NotFoundException(`Researcher ${researcherId} was not given access to this study`);
    this.logger.log(`Study ${study.slug}: access of researcher ${researcherId} removed`);
    this.memberChanges.next({ studyId: study.id, researcherId, given: false });
    return { researcherId };
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
