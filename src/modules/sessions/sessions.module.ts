import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StudiesModule } from '../studies/studies.module.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { StudyEntity } from '../studies/study.entity.js';
import { PairingService } from './pairing.service.js';
import { SessionExportService } from './session-export.service.js';
import { EpisodeEntity } from './episode.entity.js';
import { SessionEntity } from './session.entity.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([SessionEntity, EpisodeEntity, ParticipantEntity, StudyEntity]),
    StudiesModule,
  ],
  controllers: [SessionsController],
  providers: [SessionsService, PairingService, SessionExportService],
  exports: [SessionsService, PairingService],
})
export class SessionsModule {}
