import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { StudiesModule } from '../studies/studies.module.js';
import { ChunkIngestService } from './chunk-ingest.service.js';
import { ClockSampleEntity } from './clock-sample.entity.js';
import { ClockController } from './clock.controller.js';
import { ClockService } from './clock.service.js';
import { FinalizeService } from './finalize.service.js';
import { RecordingChunkEntity } from './recording-chunk.entity.js';
import { RecordingSweeper } from './recording-sweeper.service.js';
import { RecordingEntity } from './recording.entity.js';
import { RecordingsAdminController } from './recordings-admin.controller.js';
import { RecordingsController } from './recordings.controller.js';
import { RecordingsService } from './recordings.service.js';

/** Audio tracks: chunk ingest, clock samples, WAV assembly and the sample → server-time mapping. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RecordingEntity,
      RecordingChunkEntity,
      ClockSampleEntity,
      SessionEntity,
      EpisodeEntity,
      ParticipantEntity,
    ]),
    StudiesModule,
  ],
  controllers: [ClockController, RecordingsController, RecordingsAdminController],
  providers: [
    RecordingsService,
    ChunkIngestService,
    FinalizeService,
    ClockService,
    RecordingSweeper,
  ],
  exports: [RecordingsService, ClockService],
})
export class RecordingsModule {}
