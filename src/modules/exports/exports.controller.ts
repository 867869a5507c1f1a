import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { SelectionExportDto, StudyExportQueryDto, studyExportFilter } from './export.dto.js';
import { ExportPlanner } from './export-planner.service.js';
import { EXPORT_FILES_HEADER, ExportsService } from './exports.service.js';

const ZIP_RESPONSE = {
  status: 200,
  description:
    `A streamed ZIP (layout in the README). ${EXPORT_FILES_HEADER}: entries planned. ` +
    'Failures after the stream started are listed in errors.txt and manifest.json.',
  headers: { [EXPORT_FILES_HEADER]: { description: 'Number of ZIP entries planned' } },
} as const;

/**
 * Streamed ZIP exports of a session, a study or a selection (researcher token). Everything is
 * resolved and access-checked first: unknown or others' ids are a JSON 4xx, never a broken ZIP.
 */
@ApiTags('exports')
@ApiBearerAuth()
@ApiProduces('application/zip')
@Controller()
export class ExportsController {
  constructor(
    private readonly planner: ExportPlanner,
    private readonly exports: ExportsService,
  ) {}

  @Get('sessions/:id/export.zip')
  @ApiResponse(ZIP_RESPONSE)
  async session(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.send(principal, await this.planner.forSession(principal, id), res);
  }

  @Get('studies/:id/export.zip')
  @ApiResponse(ZIP_RESPONSE)
  async study(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: StudyExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const plan = await this.planner.forStudy(principal, id, studyExportFilter(query));
    await this.exports.send(principal, plan, res);
  }

  @Post('exports')
  @HttpCode(200)
  @ApiResponse(ZIP_RESPONSE)
  async selection(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Body() body: SelectionExportDto,
    @Res() res: Response,
  ): Promise<void> {
    const plan = await this.planner.forSelection(
      principal,
      body.sessionIds ?? [],
      body.episodeIds ?? [],
    );
    await this.exports.send(principal, plan, res);
  }
}
