import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { ResearcherRole } from './researcher.entity.js';
import type { Principal } from './auth.types.js';

export const AUTH_KIND = 'ozlab:auth';
export const ROLES = 'ozlab:roles';

/** Who may call a route. Routes without a decorator need a researcher token. */
export enum AuthKind {
  Public = 'public',
  Participant = 'participant',
  /** A participant token or a researcher token; the handler checks what each may see. */
  Any = 'any',
}

/** No token needed (login, health, public study info). */
export const Public = () => SetMetadata(AUTH_KIND, AuthKind.Public);
/** A participant token is needed; researcher tokens are refused. */
export const ParticipantOnly = () => SetMetadata(AUTH_KIND, AuthKind.Participant);
/** A participant or a researcher token is needed (e.g. a participant's own track, or the admin). */
export const ParticipantOrResearcher = () => SetMetadata(AUTH_KIND, AuthKind.Any);
/** Researcher routes limited to some researcher roles. */
export const Roles = (...roles: ResearcherRole[]) => SetMetadata(ROLES, roles);

export interface AuthedRequest extends Request {
  principal?: Principal;
}

/** The verified caller of this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (!req.principal) throw new Error('CurrentPrincipal used on a public route');
    return req.principal;
  },
);
