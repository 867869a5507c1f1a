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
import type { StudyMemberView } from '../../games/common/api.js';
import { AddStudyMemberDto, CreateStudyDto, ListQueryDto, UpdateStudyDto } from './study.dto.js';
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

  @Get(':id/members')
  members(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudyMemberView[]> {
    return this.studies.listMembers(principal, id);
  }

  /** Gives another researcher access to the study (its owner or an admin). */
  @Post(':id/members')
  addMember(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddStudyMemberDto,
  ): Promise<StudyMemberView> {
    return this.studies.addMember(principal, id, dto.email);
  }

  @Delete(':id/members/:researcherId')
  removeMember(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('researcherId', ParseUUIDPipe) researcherId: string,
  ): Promise<{ researcherId: string }> {
    return this.studies.removeMember(principal, id, researcherId);
  }

  @Delete(':id')
  remove(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudyEntity> {
    return this.studies.remove(principal, id);
  }
}
