import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { LiveSessionsSnapshot, SessionUpdate } from '../../games/common/dashboard-events.js';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { type SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { serverNowMs } from '../recordings/server-clock.js';
import { StudiesService } from '../studies/studies.service.js';
import {
  AbortSessionDto,
  PauseSessionDto,
  ResumeSessionDto,
  StudyScopeQueryDto,
} from './live-sessions.dto.js';
import { type LiveSessionHandler, LiveStatusService } from './live-status.service.js';

/**
 * The researchers' live view of open sessions: a snapshot to render at once (then
 * `session:update` on the `/dashboard` socket), and the actions on a session. Each action answers
 * the session's live status after it.
 *
 * The snapshot is at `/api/live-sessions`, not `/api/sessions/live`: the sessions controller's
 * `GET /api/sessions/:id` is registered first and would take `live` for a (malformed) id.
 */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller()
export class LiveSessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly studies: StudiesService,
    private readonly live: LiveStatusService,
  ) {}

  @Get('live-sessions')
  @ApiOperation({
    summary: 'Open sessions with their live status (then follow session:update on /dashboard)',
  })
  @ApiResponse({ status: 404, description: 'A study the researcher may not see' })
  async snapshot(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: StudyScopeQueryDto,
  ): Promise<LiveSessionsSnapshot> {
    const studyIds = query.studyId
      ? [(await this.studies.findAccessible(principal, query.studyId)).id]
      : await this.studies.accessibleIds(principal);
    return { sessions: await this.live.snapshot(studyIds), serverMs: serverNowMs() };
  }

  /** Pauses a RoboTaxi game until the researcher resumes it; both pages show why. */
  @Post('sessions/:id/pause')
  @HttpCode(200)
  @ApiResponse({ status: 409, description: 'Ended, not running, or an Atari session' })
  pause(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PauseSessionDto,
  ): Promise<SessionUpdate> {
    const message = body.reason?.trim() || null;
    return this.act(principal, id, (handler) => handler.pause(id, message));
  }

  /** Ends a researcher's pause (the game waits for a member who is away, as after a drop). */
  @Post('sessions/:id/resume')
  @HttpCode(200)
  @ApiResponse({ status: 409, description: 'Ended, not paused by a researcher, or Atari' })
  resume(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() _body: ResumeSessionDto,
  ): Promise<SessionUpdate> {
    return this.act(principal, id, (handler) => handler.resume(id));
  }

  /** Ends an open session now: its running episode is kept as aborted; the pages are told. */
  @Post('sessions/:id/abort')
  @HttpCode(200)
  @ApiResponse({ status: 409, description: 'The session has already ended' })
  abort(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AbortSessionDto,
  ): Promise<SessionUpdate> {
    const reason = body.reason.trim();
    return this.act(principal, id, (handler) => handler.end(id, reason));
  }

  private async act(
    principal: ResearcherPrincipal,
    id: string,
    action: (handler: LiveSessionHandler) => Promise<void>,
  ): Promise<SessionUpdate> {
    const session: SessionEntity = await this.sessions.getSession(principal, id);
    if (session.status === SessionStatus.Completed || session.status === SessionStatus.Aborted)
      throw new ConflictException(`Session ${id} has already ended (${session.status})`);
    const ref = { sessionId: id, studyId: session.studyId, kind: session.kind };
    await action(this.live.handler(session.kind));
    const update = await this.live.status(ref);
    if (!update) throw new NotFoundException(`Session ${id} not found`);
    return update;
  }
}
