import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { FeedbackEntity } from '../sessions/feedback.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StudyEntity } from '../studies/study.entity.js';
import { VoiceModule } from '../voice/voice.module.js';
import { LiveStatusModule } from '../dashboard/live-status.module.js';
import { PlayStore } from './play-store.service.js';
import { RobotaxiLiveService } from './robotaxi-live.service.js';
import { RobotaxiGateway } from './robotaxi.gateway.js';
import { RunnerRegistry } from './runner-registry.service.js';

/**
 * Live play: the socket.io gateway and the server-owned game loops (one runner per session), and
 * their part of the researchers' live view (status, pause, resume, end: `RobotaxiLiveService`).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      SessionEntity,
      EpisodeEntity,
      FeedbackEntity,
      StudyEntity,
      ParticipantEntity,
    ]),
    ParticipantsModule,
    SessionsModule,
    VoiceModule,
    LiveStatusModule,
  ],
  providers: [PlayStore, RunnerRegistry, RobotaxiGateway, RobotaxiLiveService],
  exports: [RunnerRegistry],
})
export class GatewayModule {}
