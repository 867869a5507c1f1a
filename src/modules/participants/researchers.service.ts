import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { QueryFailedError, type Repository } from 'typeorm';
import type { ResearcherView } from '../../games/common/api.js';
import { ResearcherEntity, ResearcherRole } from './researcher.entity.js';

export interface NewResearcher {
  email: string;
  password: string;
  name?: string;
  role?: ResearcherRole;
}

export function toResearcherView(r: ResearcherEntity): ResearcherView {
  return { id: r.id, email: r.email, name: r.name, role: r.role };
}

/** A dummy hash verified against when the email is unknown, so that timing does not reveal which emails exist. */
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG';

@Injectable()
export class ResearchersService {
  private readonly logger = new Logger(ResearchersService.name);

  constructor(
    @InjectRepository(ResearcherEntity) private readonly researchers: Repository<ResearcherEntity>,
  ) {}

  async create(input: NewResearcher): Promise<ResearcherEntity> {
    const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
    const saved = await this.researchers.save(
      this.researchers.create({
        email: input.email.trim().toLowerCase(),
        name: input.name?.trim() ?? '',
        passwordHash,
        role: input.role ?? ResearcherRole.Researcher,
      }),
    );
    this.logger.log(`Created ${saved.role} ${saved.email}`);
    return saved;
  }

  /** The researcher whose email and password match, or null. */
  async verify(email: string, password: string): Promise<ResearcherEntity | null> {
    const row = await this.researchers.findOne({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, email: true, name: true, role: true, passwordHash: true },
    });
    const ok = await argon2.verify(row?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    return row && ok ? row : null;
  }

  findById(id: string): Promise<ResearcherEntity | null> {
    return this.researchers.findOne({ where: { id } });
  }

  list(): Promise<ResearcherEntity[]> {
    return this.researchers.find({ order: { createdAt: 'ASC' } });
  }

  /**
   * Creates the first admin when there is no researcher at all: from ADMIN_EMAIL/ADMIN_PASSWORD,
   * else with a generated password. Returns the credentials when it created one (to print once).
   */
  async ensureFirstAdmin(admin: {
    email?: string;
    password?: string;
  }): Promise<{ email: string; password: string } | null> {
    if ((await this.researchers.count()) > 0) return null;
    const email = admin.email ?? 'admin@ozlab.local';
    const password = admin.password ?? randomBytes(12).toString('base64url');
    try {
      await this.create({ email, password, name: 'Administrator', role: ResearcherRole.Admin });
    } catch (error) {
      // Two instances booting at once on an empty database: the other one created the admin.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23505'
      )
        return null;
      throw error;
    }
    return { email, password };
  }
}
