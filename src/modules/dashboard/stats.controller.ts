import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { DashboardStats } from '../../games/common/dashboard-events.js';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { StudiesService } from '../studies/studies.service.js';
import { StudyScopeQueryDto } from './live-sessions.dto.js';
import { StatsService } from './stats.service.js';

/** The numbers of the dashboard's home page. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly studies: StudiesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Participants, sessions (today: the server’s UTC day), audio hours, renders, episodes',
  })
  @ApiResponse({ status: 404, description: 'A study the researcher may not see' })
  async get(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: StudyScopeQueryDto,
  ): Promise<DashboardStats> {
    if (query.studyId) {
      await this.studies.findAccessible(principal, query.studyId);
      return this.stats.stats([query.studyId], query.studyId);
    }
    return this.stats.stats(await this.studies.accessibleIds(principal), null);
  }
}
