import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, ParticipantOnly } from '../participants/auth.decorators.js';
import type { ParticipantPrincipal, ResearcherPrincipal } from '../participants/auth.types.js';
import type { AtariSessionView } from '../../games/common/atari-session.js';
import type { EpisodeEntity } from '../sessions/episode.entity.js';
import {
  BatchParamsDto,
  EndAtariEpisodeDto,
  EpisodeParamsDto,
  FramesQueryDto,
  ImportQueryDto,
  StartAtariEpisodeDto,
} from './atari.dto.js';
import { AtariEpisodesService, type BatchAck } from './atari-episodes.service.js';
import { AtariSessionService } from './atari-session.service.js';
import { agcText, legacyTrajectory } from './trajectory-format.js';
import { type ImportResult, TrajectoryImportService } from './trajectory-import.service.js';

/** The Atari demonstration's frame log (flow 4). */
@ApiTags('atari')
@ApiBearerAuth()
@Controller()
export class AtariController {
  constructor(
    private readonly atari: AtariEpisodesService,
    private readonly imports: TrajectoryImportService,
    private readonly session: AtariSessionService,
  ) {}

  /** The demonstrator's session: settings, progress, episodes (`AtariSessionView`). */
  @ParticipantOnly()
  @Get('atari/session')
  view(@CurrentPrincipal() principal: ParticipantPrincipal): Promise<AtariSessionView> {
    return this.session.view(principal);
  }

  /** Body `QuestionnaireSubmission` (`src/games/common/atari-session.ts`); answers once. */
  @ParticipantOnly()
  @Post('atari/session/questionnaire')
  @HttpCode(200)
  @ApiResponse({ status: 400, description: 'Answers that do not fit the questions (listed)' })
  @ApiResponse({
    status: 409,
    description: 'No session, an episode still running, or other answers already saved',
  })
  submitQuestionnaire(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Body() body: unknown,
  ): Promise<AtariSessionView> {
    return this.session.submitQuestionnaire(principal, body);
  }

  /** Body `CompleteSessionRequest`: completes the session once everything has arrived. */
  @ParticipantOnly()
  @Post('atari/session/complete')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The view, with the completion code' })
  @ApiResponse({ status: 409, description: 'What has not arrived yet (listed in errors)' })
  complete(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Body() body: unknown,
  ): Promise<AtariSessionView> {
    return this.session.complete(principal, body);
  }

  @ParticipantOnly()
  @Post('atari/episodes')
  @ApiResponse({
    status: 409,
    description: 'An episode still running, the session completed, or no ROM to play',
  })
  start(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Body() dto: StartAtariEpisodeDto,
  ): Promise<EpisodeEntity> {
    return this.atari.start(principal, dto);
  }

  /** Body `{frames: FrameRecord[]}` (consecutive frames); see `src/games/common/atari-frames.ts`. */
  @ParticipantOnly()
  @Put('atari/episodes/:episodeId/batches/:seq')
  @ApiResponse({ status: 201, description: 'Stored' })
  @ApiResponse({ status: 200, description: 'The same batch again (duplicate)' })
  @ApiResponse({
    status: 409,
    description: 'Other frames under this seq, an overlap, or an ended episode',
  })
  async putBatch(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Param() params: BatchParamsDto,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchAck> {
    const ack = await this.atari.putBatch(principal, params.episodeId, params.seq, body);
    res.status(ack.status === 'stored' ? 201 : 200);
    return ack;
  }

  @ParticipantOnly()
  @Post('atari/episodes/:episodeId/end')
  @HttpCode(200)
  @ApiResponse({ status: 409, description: 'Frames are missing (listed); upload them and retry' })
  end(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Param() params: EpisodeParamsDto,
    @Body() dto: EndAtariEpisodeDto,
  ): Promise<EpisodeEntity> {
    return this.atari.end(principal, params.episodeId, dto);
  }

  /**
   * Imports a trajectory file of the study OzLab replaces (send it as `text/plain`, as written:
   * JSON, or JSON inside a JSON string) into a completed session of the study, for viewing.
   */
  @Post('studies/:studyId/atari/imports')
  @ApiConsumes('text/plain')
  importTrajectory(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
  ): Promise<ImportResult> {
    if (typeof body !== 'string' || !body.trim())
      throw new BadRequestException('body: send the trajectory file as text/plain');
    return this.imports.import(principal, studyId, query.profileId, body);
  }

  /**
   * An episode's frames: `ozlab` (JSON, everything stored), `agc` (Atari Grand Challenge text)
   * or `trajectory` (the old study's trajectory JSON, for T-REX pipelines).
   */
  @Get('episodes/:episodeId/frames')
  async frames(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param() params: EpisodeParamsDto,
    @Query() query: FramesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const { episode, frames } = await this.atari.frames(principal, params.episodeId);
    const format = query.format ?? 'ozlab';
    const name = `episode-${episode.id}`;
    switch (format) {
      case 'agc':
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="${name}.txt"`);
        return agcText(frames);
      case 'trajectory':
        res.setHeader('Content-Disposition', `attachment; filename="${name}-trajectory.json"`);
        return legacyTrajectory(frames);
      case 'ozlab':
        res.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
        return { format: 'ozlab.atari/1', episode, frames };
    }
  }
}
