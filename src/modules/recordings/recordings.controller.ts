import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ChunkAck, RecordingTrackView } from '../../games/common/recording.js';
import {
  CurrentPrincipal,
  ParticipantOnly,
  ParticipantOrResearcher,
} from '../participants/auth.decorators.js';
import type { ParticipantPrincipal, Principal } from '../participants/auth.types.js';
import { ackStatus, CHUNK_CONTENT_TYPE, ChunkIngestService } from './chunk-ingest.service.js';
import {
  ChunkParamsDto,
  ChunkUploadQueryDto,
  CreateTrackDto,
  TrackParamsDto,
} from './recording.dto.js';
import { RecordingsService } from './recordings.service.js';

/** The participant's side of recording: create a track, upload chunks, see and finalize it. */
@ApiTags('recordings')
@ApiBearerAuth()
@Controller('recordings')
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly ingest: ChunkIngestService,
  ) {}

  @ParticipantOnly()
  @Put(':trackId')
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 200, description: 'Already exists with the same setup' })
  @ApiResponse({ status: 403, description: "Another participant's track, or not your session" })
  @ApiResponse({ status: 409, description: 'Exists with a different setup' })
  async createTrack(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Param() params: TrackParamsDto,
    @Body() dto: CreateTrackDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordingTrackView> {
    const { view, created } = await this.recordings.createTrack(principal, params.trackId, dto);
    res.status(created ? 201 : 200);
    return view;
  }

  @ParticipantOnly()
  @Put(':trackId/chunks/:seq')
  @ApiConsumes(CHUNK_CONTENT_TYPE)
  @ApiBody({
    description: '16-bit little-endian mono PCM',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({ status: 201, description: 'Stored' })
  @ApiResponse({ status: 200, description: 'Already stored (duplicate: true)' })
  async putChunk(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Param() params: ChunkParamsDto,
    @Query() query: ChunkUploadQueryDto,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ChunkAck> {
    const ack = await this.ingest.ingest(
      principal,
      params.trackId,
      params.seq,
      query,
      body,
      contentType,
    );
    res.status(ackStatus(ack));
    return ack;
  }

  @ParticipantOrResearcher()
  @Get(':trackId')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: TrackParamsDto,
  ): Promise<RecordingTrackView> {
    return this.recordings.get(principal, params.trackId);
  }

  @ParticipantOrResearcher()
  @Post(':trackId/finalize')
  @HttpCode(200)
  finalize(
    @CurrentPrincipal() principal: Principal,
    @Param() params: TrackParamsDto,
  ): Promise<RecordingTrackView> {
    return this.recordings.finalize(principal, params.trackId);
  }
}
