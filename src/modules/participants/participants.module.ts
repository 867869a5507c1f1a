import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config.js';
import { RecordingsModule } from '../recordings/recordings.module.js';
import { StudiesModule } from '../studies/studies.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { ParticipantAuthController } from './participant-auth.controller.js';
import { ParticipantAuthService } from './participant-auth.service.js';
import { ParticipantEntity } from './participant.entity.js';
import { ParticipantStatusCache } from './participant-status.cache.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantsService } from './participants.service.js';
import { ResearcherEntity } from './researcher.entity.js';
import { ResearchersService } from './researchers.service.js';
import { TokenService } from './token.service.js';

/** Researcher and participant identity, login and the global auth guard. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ResearcherEntity, ParticipantEntity]),
    StudiesModule,
    RecordingsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse
        // it as a public key on every verify, ~1 ms of CPU per authenticated request.
        secret: createSecretKey(Buffer.from(config.auth.secret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [
        { name: 'login', ttl: config.auth.loginWindowMs, limit: config.auth.loginLimit },
      ],
    }),
  ],
  controllers: [AuthController, ParticipantAuthController, ParticipantsController],
  providers: [
    ResearchersService,
    ParticipantsService,
    ParticipantAuthService,
    ParticipantStatusCache,
    TokenService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ResearchersService, ParticipantsService, TokenService, ParticipantStatusCache],
})
export class ParticipantsModule {}
