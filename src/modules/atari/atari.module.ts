import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StudyEntity } from '../studies/study.entity.js';
import { AtariController } from './atari.controller.js';
import { AtariEpisodesService } from './atari-episodes.service.js';
import { FrameBatchEntity } from './frame-batch.entity.js';

/** Atari demonstrations: episodes and their frame log; exports in the community's formats. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SessionEntity, EpisodeEntity, FrameBatchEntity, StudyEntity]),
    SessionsModule,
  ],
  controllers: [AtariController],
  providers: [AtariEpisodesService],
  exports: [AtariEpisodesService],
})
export class AtariModule {}
