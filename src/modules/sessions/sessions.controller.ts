import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseListQuery } from '../../common/list-query.js';
import { listResponse } from '../../common/list-response.js';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ListQueryDto } from '../studies/study.dto.js';
import type { EpisodeEntity } from './episode.entity.js';
import type { SessionEntity } from './session.entity.js';
import { EPISODE_LIST, SESSION_LIST, SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

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
