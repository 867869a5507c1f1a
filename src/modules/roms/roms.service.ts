import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { type FindOptionsWhere, ILike, In, QueryFailedError, type Repository } from 'typeorm';
import {
  GAME_PROFILES,
  type GameProfile,
  profileById,
  profileByMd5,
} from '../../games/atari/games.js';
import { containsPattern, type ListQuery, many, one } from '../../common/list-query.js';
import type { ParticipantPrincipal, ResearcherPrincipal } from '../participants/auth.types.js';
import { StudiesService } from '../studies/studies.service.js';
import { StorageNotFoundError } from '../storage/storage.errors.js';
import { StorageService } from '../storage/storage.service.js';
import { StudyEntity } from '../studies/study.entity.js';
import { ROM_CONTENT_TYPE, romDigests, romStorageKey } from './rom-file.js';
import type { UpdateRomDto, UploadRomQueryDto } from './rom.dto.js';
import { RomEntity } from './rom.entity.js';

export const ROM_LIST = {
  sortable: ['name', 'profileId', 'md5', 'size', 'createdAt', 'updatedAt'] as const,
  filterable: ['q', 'profileId', 'md5', 'id'] as const,
  defaultSort: { field: 'name' as const, order: 'ASC' as const },
};
type RomListQuery = ListQuery<
  (typeof ROM_LIST.filterable)[number],
  (typeof ROM_LIST.sortable)[number]
>;

/** A ROM as the API shows it (the storage key stays inside). */
export type RomView = Omit<RomEntity, 'storageKey' | 'uploadedBy'>;

/** A study that names a ROM as its `config.romId`. */
export interface RomStudyUse {
  id: string;
  name: string;
  slug: string;
}

/** One ROM with the studies that use it: the caller's by name, other researchers' counted. */
export type RomDetail = RomView & { studies: RomStudyUse[]; otherStudies: number };

export function romView(rom: RomEntity): RomView {
  const { storageKey: _key, uploadedBy: _by, ...view } = rom;
  return view;
}

const PG_UNIQUE_VIOLATION = '23505';

function profileOrThrow(profileId: string): GameProfile {
  const profile = profileById(profileId);
  if (!profile) {
    const reason = `no game profile "${profileId}" (known: ${GAME_PROFILES.map((p) => p.id).join(', ')})`;
    throw new BadRequestException({
      message: `profileId: ${reason}`,
      errors: [{ field: 'profileId', reason }],
    });
  }
  return profile;
}

const quoteStudies = (uses: RomStudyUse[]) => uses.map((s) => `"${s.name}" (${s.slug})`).join(', ');

/**
 * The deployment's ROM library: one shared list, one row per distinct ROM (by MD5), the bytes in
 * storage at `roms/<md5>.bin`. Other modules get a ROM's bytes with `bytes(romId)`.
 */
@Injectable()
export class RomsService {
  private readonly logger = new Logger(RomsService.name);

  constructor(
    @InjectRepository(RomEntity) private readonly roms: Repository<RomEntity>,
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    private readonly storage: StorageService,
    private readonly studiesAccess: StudiesService,
  ) {}

  /**
   * Adds a ROM (checked by `checkRomBody` first). The same bytes again answer with the existing
   * ROM (`created: false`), unless the upload asks for another name or profile: that is a 409
   * naming the ROM to edit instead.
   */
  async upload(
    principal: ResearcherPrincipal,
    bytes: Buffer,
    opts: UploadRomQueryDto,
  ): Promise<{ rom: RomView; created: boolean }> {
    const { md5, sha1 } = romDigests(bytes);
    const given = opts.profileId === undefined ? undefined : profileOrThrow(opts.profileId);
    const key = romStorageKey(md5);
    // Twice at most: an upload of the same bytes that wins the race in between is found again.
    for (let attempt = 0; ; attempt++) {
      const existing = await this.roms.findOne({ where: { md5 } });
      if (existing) {
        this.checkSameBinding(existing, opts);
        // Restores the file if it went missing (bytes are the same: same MD5).
        if (!(await this.storage.exists(key)))
          await this.storage.put(key, bytes, { contentType: ROM_CONTENT_TYPE });
        return { rom: romView(existing), created: false };
      }
      const profile = given ?? profileByMd5(md5);
      if (!profile) {
        const reason = `no built-in game profile knows this ROM (MD5 ${md5}); choose one of ${GAME_PROFILES.map((p) => p.id).join(', ')}`;
        throw new BadRequestException({
          message: `profileId: ${reason}`,
          errors: [{ field: 'profileId', reason }],
        });
      }
      // The file first: a row always has its file. A failure after this leaves a file that the
      // next upload of the same ROM overwrites with the same bytes.
      await this.storage.put(key, bytes, { contentType: ROM_CONTENT_TYPE });
      try {
        const rom = await this.roms.save(
          this.roms.create({
            md5,
            sha1,
            name: opts.name ?? profile.name,
            profileId: profile.id,
            size: bytes.length,
            storageKey: key,
            uploadedById: principal.id,
          }),
        );
        this.logger.log(`ROM ${md5} "${rom.name}" (${rom.profileId}, ${rom.size} bytes) added`);
        return { rom: romView(rom), created: true };
      } catch (error) {
        const race =
          error instanceof QueryFailedError &&
          (error.driverError as { code?: string }).code === PG_UNIQUE_VIOLATION;
        if (!race || attempt > 0) throw error;
      }
    }
  }

  async list(q: RomListQuery): Promise<{ rows: RomView[]; total: number }> {
    const f = q.filter;
    const common: FindOptionsWhere<RomEntity> = {};
    if (f.profileId !== undefined) common.profileId = one(f.profileId, 'filter.profileId');
    if (f.md5 !== undefined) common.md5 = In(many(f.md5).map((m) => m.trim().toLowerCase()));
    if (f.id !== undefined) {
      const ids = many(f.id).filter((id) => isUUID(id));
      if (!ids.length) return { rows: [], total: 0 };
      common.id = In(ids);
    }
    const where: FindOptionsWhere<RomEntity>[] = [];
    const text = one(f.q, 'filter.q')?.trim();
    if (text) {
      const like = ILike(containsPattern(text));
      where.push({ ...common, name: like }, { ...common, md5: ILike(`${text.toLowerCase()}%`) });
    } else where.push(common);
    const [rows, total] = await this.roms.findAndCount({
      where,
      order: { [q.sort.field]: q.sort.order, id: 'ASC' },
      skip: q.skip,
      take: q.take,
    });
    return { rows: rows.map(romView), total };
  }

  /** The ROM row, or a 404. Takes any string (a study's `config.romId` is free text). */
  async byId(romId: string): Promise<RomEntity> {
    const rom = isUUID(romId) ? await this.roms.findOne({ where: { id: romId } }) : null;
    if (!rom) throw new NotFoundException(`ROM ${romId} not found`);
    return rom;
  }

  /** A ROM's bytes; 404 when the ROM or its file is gone. */
  async bytes(romId: string): Promise<Uint8Array> {
    return this.fileOf(await this.byId(romId));
  }

  async get(principal: ResearcherPrincipal, id: string): Promise<RomDetail> {
    return this.detail(principal, await this.byId(id));
  }

  async update(principal: ResearcherPrincipal, id: string, dto: UpdateRomDto): Promise<RomDetail> {
    const rom = await this.byId(id);
    if (dto.profileId !== undefined) rom.profileId = profileOrThrow(dto.profileId).id;
    if (dto.name !== undefined) rom.name = dto.name;
    await this.roms.save(rom);
    return this.detail(principal, rom);
  }

  /** Deletes a ROM and its file; 409 while a study names it. */
  async remove(principal: ResearcherPrincipal, id: string): Promise<RomView> {
    const rom = await this.byId(id);
    const { studies, otherStudies } = await this.usage(principal, rom.id);
    if (studies.length || otherStudies) {
      const named = studies.length ? `study ${quoteStudies(studies)}` : '';
      const others = otherStudies ? `${otherStudies} study(ies) of other researchers` : '';
      throw new ConflictException(
        `ROM "${rom.name}" is used by ${[named, others].filter(Boolean).join(' and ')}: ` +
          'choose another ROM in those studies first',
      );
    }
    await this.roms.delete({ id: rom.id });
    // Then the file: a failure leaves an orphan file (logged), never a row without its file.
    await this.storage.delete(rom.storageKey).catch((error: unknown) => {
      if (error instanceof StorageNotFoundError) return;
      this.logger.error(
        `ROM ${rom.md5} deleted, but not its file ${rom.storageKey}: ${String(error)}`,
      );
    });
    this.logger.log(`ROM ${rom.md5} "${rom.name}" deleted`);
    return romView(rom);
  }

  /** The ROM the participant's study names (`config.romId`), with its bytes. */
  async forParticipant(
    principal: ParticipantPrincipal,
  ): Promise<{ rom: RomEntity; bytes: Uint8Array }> {
    const study = await this.studies.findOne({ where: { id: principal.studyId } });
    if (!study) throw new NotFoundException('Your study no longer exists');
    const romId = study.config.romId;
    if (typeof romId !== 'string' || romId === '')
      throw new NotFoundException(
        `Study "${study.name}" names no ROM yet: the researcher must choose one`,
      );
    const rom = isUUID(romId) ? await this.roms.findOne({ where: { id: romId } }) : null;
    if (!rom)
      throw new NotFoundException(
        `The ROM that study "${study.name}" names is no longer in the library: the researcher must choose another`,
      );
    return { rom, bytes: await this.fileOf(rom) };
  }

  /** The bytes of a ROM row; 404 when its file is gone. */
  async fileOf(rom: RomEntity): Promise<Uint8Array> {
    try {
      return await this.storage.get(rom.storageKey);
    } catch (error) {
      if (error instanceof StorageNotFoundError)
        throw new NotFoundException(
          `The file of ROM "${rom.name}" (MD5 ${rom.md5}) is missing from storage: upload it again`,
        );
      throw error;
    }
  }

  private checkSameBinding(existing: RomEntity, opts: UploadRomQueryDto): void {
    const differs: string[] = [];
    if (opts.profileId !== undefined && opts.profileId !== existing.profileId)
      differs.push(`profile ${existing.profileId}, not ${opts.profileId}`);
    if (opts.name !== undefined && opts.name !== existing.name)
      differs.push(`name "${existing.name}", not "${opts.name}"`);
    if (differs.length)
      throw new ConflictException(
        `This ROM (MD5 ${existing.md5}) is already in the library as "${existing.name}" ` +
          `(id ${existing.id}) with ${differs.join(' and ')}: edit that ROM instead`,
      );
  }

  private async detail(principal: ResearcherPrincipal, rom: RomEntity): Promise<RomDetail> {
    return { ...romView(rom), ...(await this.usage(principal, rom.id)) };
  }

  /** The studies whose `config.romId` names this ROM: the caller's by name, others counted. */
  private async usage(
    principal: ResearcherPrincipal,
    romId: string,
  ): Promise<{ studies: RomStudyUse[]; otherStudies: number }> {
    const rows = await this.studies
      .createQueryBuilder('s')
      .select(['s.id', 's.name', 's.slug', 's.ownerId'])
      .where(`s.config ->> 'romId' = :romId`, { romId })
      .orderBy('s.name', 'ASC')
      .getMany();
    const accessible = await this.studiesAccess.accessibleIds(principal);
    const visible = rows.filter((s) => !accessible || accessible.includes(s.id));
    return {
      studies: visible.map(({ id, name, slug }) => ({ id, name, slug })),
      otherStudies: rows.length - visible.length,
    };
  }
}
