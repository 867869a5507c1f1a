import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, ParticipantOnly } from '../participants/auth.decorators.js';
import type { ParticipantPrincipal, ResearcherPrincipal } from '../participants/auth.types.js';
import type { EpisodeEntity } from '../sessions/episode.entity.js';
import {
  BatchParamsDto,
  EndAtariEpisodeDto,
  EpisodeParamsDto,
  FramesQueryDto,
  StartAtariEpisodeDto,
} from './atari.dto.js';
import { AtariEpisodesService, type BatchAck } from './atari-episodes.service.js';
import { agcText, legacyTrajectory } from './trajectory-format.js';

/** The Atari demonstration's frame log (flow 4). */
@ApiTags('atari')
@ApiBearerAuth()
@Controller()
export class AtariController {
  constructor(private readonly atari: AtariEpisodesService) {}

  @ParticipantOnly()
  @Post('atari/episodes')
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
