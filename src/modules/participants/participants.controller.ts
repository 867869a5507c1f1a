import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseListQuery } from '../../common/list-query.js';
import { listResponse } from '../../common/list-response.js';
import { ListQueryDto } from '../studies/study.dto.js';
import { CurrentPrincipal } from './auth.decorators.js';
import type { ResearcherPrincipal } from './auth.types.js';
import {
  CreateParticipantDto,
  RegisterRangeDto,
  UpdateParticipantDto,
  WithdrawParticipantDto,
} from './participant.dto.js';
import {
  PARTICIPANT_LIST,
  type ParticipantRecord,
  ParticipantsService,
} from './participants.service.js';

@ApiTags('participants')
@ApiBearerAuth()
@Controller()
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get('participants')
  async list(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ParticipantRecord[]> {
    const q = parseListQuery(query, PARTICIPANT_LIST);
    return listResponse(res, 'participants', q.skip, await this.participants.list(principal, q));
  }

  @Get('participants/:id')
  get(@CurrentPrincipal() principal: ResearcherPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.participants.get(principal, id);
  }

  @Post('participants')
  create(@CurrentPrincipal() principal: ResearcherPrincipal, @Body() dto: CreateParticipantDto) {
    return this.participants.create(principal, dto);
  }

  @Put('participants/:id')
  update(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateParticipantDto,
  ) {
    return this.participants.update(principal, id, dto);
  }

  @Delete('participants/:id')
  remove(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.participants.remove(principal, id);
  }

  /** Withdrawal: the participant can no longer log in; their audio is deleted on request. */
  @Post('participants/:id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawParticipantDto,
  ) {
    return this.participants.withdraw(principal, id, dto.deleteRecordings);
  }

  @Post('studies/:id/participants/range')
  registerRange(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) studyId: string,
    @Body() dto: RegisterRangeDto,
  ) {
    return this.participants.registerRange(principal, studyId, dto.range);
  }

  @Post('studies/:id/participants/import')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'participantId,externalId\nT0001,\nW0001,\n' } })
  importCsv(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) studyId: string,
    @Body() body: unknown,
  ) {
    if (typeof body !== 'string')
      throw new BadRequestException('Send the CSV as the request body with Content-Type: text/csv');
    return this.participants.importCsv(principal, studyId, body);
  }

  @Get('studies/:id/participants/export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async exportCsv(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) studyId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { study, csv } = await this.participants.exportCsv(principal, studyId);
    res.setHeader('Content-Disposition', `attachment; filename="participants-${study.slug}.csv"`);
    return csv;
  }
}
