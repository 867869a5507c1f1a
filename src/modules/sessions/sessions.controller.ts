import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseListQuery } from '../../common/list-query.js';
import { listResponse } from '../../common/list-response.js';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ListQueryDto } from '../studies/study.dto.js';
import type { EpisodeEntity } from './episode.entity.js';
import type { SessionEntity } from './session.entity.js';
import { StudiesService } from '../studies/studies.service.js';
import { PairingService } from './pairing.service.js';
import { CreatePairingDto, ExportQueryDto } from './session.dto.js';
import { SessionExportService } from './session-export.service.js';
import { EPISODE_LIST, SESSION_LIST, SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly pairing: PairingService,
    private readonly exports: SessionExportService,
    private readonly studies: StudiesService,
  ) {}

  /** Pairs a teacher with a wizard explicitly (instead of the default T0007 with W0007). */
  @Post('sessions')
  async createPairing(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Body() body: CreatePairingDto,
  ): Promise<SessionEntity> {
    await this.studies.findAccessible(principal, body.studyId);
    return this.pairing.pairExplicitly(body.studyId, body.teacherId, body.wizardId);
  }

  /** The session as JSON: everything stored (`ozlab`) or the original study's log shape (`compat`). */
  @Get('sessions/:id/export')
  async export(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const format = query.format ?? 'ozlab';
    const body = await this.exports.export(principal, id, format);
    res.setHeader('Content-Disposition', `attachment; filename="session-${id}-${format}.json"`);
    return body;
  }

  @Get('sessions')
  async listSessions(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionEntity[]> {
    const q = parseListQuery(query, SESSION_LIST);
    return listResponse(res, 'sessions', q.skip, await this.sessions.listSessions(principal, q));
  }

  @Get('sessions/:id')
  getSession(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.sessions.getSession(principal, id);
  }

  @Get('episodes')
  @ApiOperation({
    summary: 'List episodes (ra-data-simple-rest: sort, range, filter; Content-Range)',
    description:
      `sort: ${EPISODE_LIST.sortable.join(', ')} · at most ${EPISODE_LIST.maxPageSize} rows a page · ` +
      'filter: studyId, sessionId, participantId (the participant row id: episodes of sessions ' +
      'where they are teacher, wizard or demonstrator), status, game, practice, verified, id (one ' +
      'or a list), startedAt_gte / startedAt_lte (ISO 8601 date or date-time with a zone, ' +
      'inclusive). A bad value is a 400 naming the filter. Rows leave out level and initialState.',
  })
  @ApiResponse({ status: 400, description: 'A bad sort, range or filter (named)' })
  async listEpisodes(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EpisodeEntity[]> {
    const q = parseListQuery(query, EPISODE_LIST);
    return listResponse(res, 'episodes', q.skip, await this.sessions.listEpisodes(principal, q));
  }

  @Get('episodes/:id')
  getEpisode(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.sessions.getEpisode(principal, id);
  }
}
