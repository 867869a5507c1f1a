import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseListQuery } from '../../common/list-query.js';
import { listResponse } from '../../common/list-response.js';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { StudiesService, STUDY_LIST, type StudyRecord } from './studies.service.js';
import { CreateStudyDto, ListQueryDto, UpdateStudyDto } from './study.dto.js';
import type { StudyEntity } from './study.entity.js';

@ApiTags('studies')
@ApiBearerAuth()
@Controller('studies')
export class StudiesController {
  constructor(private readonly studies: StudiesService) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StudyRecord[]> {
    const q = parseListQuery(query, STUDY_LIST);
    return listResponse(res, 'studies', q.skip, await this.studies.list(principal, q));
  }

  @Get(':id')
  get(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudyRecord> {
    return this.studies.get(principal, id);
  }

  @Post()
  create(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Body() dto: CreateStudyDto,
  ): Promise<StudyRecord> {
    return this.studies.create(principal, dto);
  }

  @Put(':id')
  update(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateStudyDto,
  ): Promise<StudyRecord> {
    return this.studies.update(principal, id, dto);
  }

  @Delete(':id')
  remove(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudyEntity> {
    return this.studies.remove(principal, id);
  }
}
