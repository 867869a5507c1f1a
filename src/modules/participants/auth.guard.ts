import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AUTH_KIND, AuthKind, type AuthedRequest, ROLES } from './auth.decorators.js';
import { TokenScope } from './auth.types.js';
import { ParticipantStatusCache } from './participant-status.cache.js';
import { ResearcherEntity, type ResearcherRole } from './researcher.entity.js';
import { TokenService } from './token.service.js';

/**
 * Global guard, deny by default: every route needs a researcher token unless marked
 * `@Public()`, `@ParticipantOnly()` or `@ParticipantOrResearcher()`. Token holders are re-checked against the database,
 * so a deleted researcher or a withdrawn participant loses access at once (participants through
 * `ParticipantStatusCache`: at once on this instance, within 2 s on others).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @InjectRepository(ResearcherEntity) private readonly researchers: Repository<ResearcherEntity>,
    private readonly participantStatus: ParticipantStatusCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const kind = this.reflector.getAllAndOverride<AuthKind | undefined>(AUTH_KIND, targets);
    if (kind === AuthKind.Public) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Missing bearer token');
    const principal = await this.tokens.verify(match[1]);

    if (kind === AuthKind.Participant && principal.scope !== TokenScope.Participant)
      throw new ForbiddenException('This endpoint is for participants');
    const researcherOnly = kind !== AuthKind.Participant && kind !== AuthKind.Any;
    if (researcherOnly && principal.scope !== TokenScope.Researcher)
      throw new ForbiddenException('This endpoint is for researchers');
    if (principal.scope === TokenScope.Participant) {
      const status = await this.participantStatus.status(principal.id);
      if (status === null) throw new UnauthorizedException('Participant no longer exists');
      if (status === 'withdrawn')
        throw new ForbiddenException('You have withdrawn from this study');
    } else {
      const row = await this.researchers.findOne({
        where: { id: principal.id },
        select: { id: true, role: true },
      });
      if (!row) throw new UnauthorizedException('Researcher no longer exists');
      principal.role = row.role;
      const roles = this.reflector.getAllAndOverride<ResearcherRole[] | undefined>(ROLES, targets);
      if (roles && !roles.includes(row.role))
        throw new ForbiddenException(`Requires role ${roles.join(' or ')}`);
    }
    req.principal = principal;
    return true;
  }
}
