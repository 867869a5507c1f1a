import {
  Body,
  ConflictException,
  Controller,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { type SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { RunnerRegistry, RunnerUnavailable } from './runner-registry.service.js';

export class AbortSessionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  reason: string;
}

/** Researcher actions on a live session. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class LiveSessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly runners: RunnerRegistry,
  ) {}

  /** Ends an open session now: its running episode is kept as aborted; both pages are told. */
  @Post(':id/abort')
  @HttpCode(200)
  async abort(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AbortSessionDto,
  ): Promise<SessionEntity> {
    const session = await this.sessions.getSession(principal, id);
    if (session.status === SessionStatus.Completed || session.status === SessionStatus.Aborted)
      throw new ConflictException(`Session ${id} has already ended (${session.status})`);
    const runner = await this.runners.get(id).catch((error: unknown) => {
      if (error instanceof RunnerUnavailable) throw new ConflictException(error.message);
      throw error;
    });
    await runner.abort(body.reason);
    return this.sessions.getSession(principal, id);
  }
}
