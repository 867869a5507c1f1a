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
import { LiveSessionsController } from './live-sessions.controller.js';
import { PlayStore } from './play-store.service.js';
import { RobotaxiGateway } from './robotaxi.gateway.js';
import { RunnerRegistry } from './runner-registry.service.js';

/** Live play: the socket.io gateway and the server-owned game loops (one runner per session). */
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
  ],
  controllers: [LiveSessionsController],
  providers: [PlayStore, RunnerRegistry, RobotaxiGateway],
  exports: [RunnerRegistry],
})
export class GatewayModule {}
