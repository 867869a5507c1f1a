import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { ResearcherEntity } from '../participants/researcher.entity.js';
import { RecordingEntity } from '../recordings/recording.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { SessionExportService } from '../sessions/session-export.service.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StudiesModule } from '../studies/studies.module.js';
import { StudyEntity } from '../studies/study.entity.js';
import { ExportPlanner } from './export-planner.service.js';
import { ExportWriter } from './export-writer.service.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/**
 * Streamed ZIP exports (session, study, selection): session JSON, compatibility formats, WAVs,
 * summary.csv and a checksummed manifest. `SessionExportService` is stateless; it is provided
 * here as the sessions module keeps it to itself.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      SessionEntity,
      EpisodeEntity,
      RecordingEntity,
      ParticipantEntity,
      StudyEntity,
      ResearcherEntity,
    ]),
    SessionsModule,
    StudiesModule,
  ],
  controllers: [ExportsController],
  providers: [ExportPlanner, ExportWriter, ExportsService, SessionExportService],
})
export class ExportsModule {}
