import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveStatusModule } from '../dashboard/live-status.module.js';
import { QueueName } from '../queue/queue.constants.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { RecordingEntity } from '../recordings/recording.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { FeedbackEntity } from '../sessions/feedback.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { RomsModule } from '../roms/roms.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StudiesModule } from '../studies/studies.module.js';
import { StudyEntity } from '../studies/study.entity.js';
import { AtariController } from './atari.controller.js';
import { AtariEpisodesService } from './atari-episodes.service.js';
import { AtariLiveService } from './atari-live.service.js';
import { AtariSessionService } from './atari-session.service.js';
import { EpisodeVerifier } from './episode-verifier.service.js';
import { FrameBatchEntity } from './frame-batch.entity.js';
import { TrajectoryImportService } from './trajectory-import.service.js';
import { VerifyProcessor } from './verify.processor.js';

/**
 * Atari demonstrations: the demonstrator's session (view, questionnaire, completion gate),
 * episodes and their frame log, the determinism check, exports in the community's formats. With a
 * job queue (Redis), the check runs on the `verify` queue; without, episodes say why they were not
 * checked.
 */
@Module({})
export class AtariModule {
  static forRoot(options: { queue: boolean }): DynamicModule {
    return {
      module: AtariModule,
      imports: [
        TypeOrmModule.forFeature([
          SessionEntity,
          EpisodeEntity,
          FrameBatchEntity,
          StudyEntity,
          FeedbackEntity,
          RecordingEntity,
          ParticipantEntity,
        ]),
        SessionsModule,
        RomsModule,
        StudiesModule,
        LiveStatusModule,
        ...(options.queue ? [BullModule.registerQueue({ name: QueueName.Verify })] : []),
      ],
      controllers: [AtariController],
      providers: [
        AtariEpisodesService,
        AtariSessionService,
        AtariLiveService,
        EpisodeVerifier,
        TrajectoryImportService,
        ...(options.queue ? [VerifyProcessor] : []),
      ],
      exports: [AtariEpisodesService, EpisodeVerifier],
    };
  }
}
