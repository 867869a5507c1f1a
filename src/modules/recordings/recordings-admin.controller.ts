import { Controller, Delete, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseListQuery } from '../../common/list-query.js';
import { listResponse } from '../../common/list-response.js';
import type {
  ParticipantRecordingsDeleted,
  RecordingDownload,
  RecordingTrackView,
} from '../../games/common/recording.js';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ListQueryDto } from '../studies/study.dto.js';
import { TrackParamsDto } from './recording.dto.js';
import { RECORDING_LIST, RecordingsService } from './recordings.service.js';

/** The researcher's side: list, download and delete recordings (researcher token). */
@ApiTags('recordings')
@ApiBearerAuth()
@Controller()
export class RecordingsAdminController {
  constructor(private readonly recordings: RecordingsService) {}

  @Get('recordings')
  async list(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordingTrackView[]> {
    const q = parseListQuery(query, RECORDING_LIST);
    return listResponse(res, 'recordings', q.skip, await this.recordings.list(principal, q));
  }

  @Get('recordings/:trackId/download')
  download(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param() params: TrackParamsDto,
  ): Promise<RecordingDownload> {
    return this.recordings.download(principal, params.trackId);
  }

  @Delete('recordings/:trackId')
  remove(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param() params: TrackParamsDto,
  ): Promise<RecordingTrackView> {
    return this.recordings.deleteTrack(principal, params.trackId);
  }

  /** Withdrawal: all of a participant's audio and clock samples (`:id` is the row uuid). */
  @Delete('participants/:id/recordings')
  removeParticipantRecordings(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) participantId: string,
  ): Promise<ParticipantRecordingsDeleted> {
    return this.recordings.deleteParticipantRecordings(principal, participantId);
  }
}
