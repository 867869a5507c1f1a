import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config.js';
import { type Principal, type TokenClaims, TokenScope } from './auth.types.js';

/** Signs and verifies researcher and participant tokens (HS256 JWT, bearer). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: string }> {
    const ttl =
      claims.scope === TokenScope.Researcher
        ? this.config.auth.researcherTtlS
        : this.config.auth.participantTtlS;
    const token = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  }

  /** When a token (already verified) expires, in ms since the epoch; null if it never does. */
  expiresAtMs(token: string): number | null {
    const claims = this.jwt.decode<{ exp?: unknown } | null>(token);
    return typeof claims?.exp === 'number' ? claims.exp * 1000 : null;
  }

  async verify(token: string): Promise<Principal> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      throw new UnauthorizedException(
        (error as Error).name === 'TokenExpiredError'
          ? 'Your session has expired: log in again'
          : 'Invalid token',
      );
    }
    if (claims.scope === TokenScope.Researcher)
      return { scope: claims.scope, id: claims.sub, role: claims.role };
    if (claims.scope === TokenScope.Participant)
      return {
        scope: claims.scope,
        id: claims.sub,
        studyId: claims.studyId,
        participantId: claims.pid,
        role: claims.role,
      };
    throw new UnauthorizedException('Invalid token');
  }
}
