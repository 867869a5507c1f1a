import { type DynamicModule, Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StudiesModule } from '../studies/studies.module.js';
import { DashboardGateway } from './dashboard.gateway.js';
import { LiveSessionsController } from './live-sessions.controller.js';
import { LiveStatusModule } from './live-status.module.js';
import { StatsController } from './stats.controller.js';
import { StatsService } from './stats.service.js';

/**
 * The researcher dashboard's live channel (socket.io namespace `/dashboard`: render progress and
 * live sessions), the live sessions' snapshot and actions, and the home page's numbers. Imports
 * the very ReplayModule instance the app registers (passed in, as it is a dynamic module) for its
 * `RenderEvents`.
 */
@Module({})
export class DashboardModule {
  static forRoot(replay: DynamicModule): DynamicModule {
    return {
      module: DashboardModule,
      imports: [ParticipantsModule, StudiesModule, SessionsModule, LiveStatusModule, replay],
      controllers: [LiveSessionsController, StatsController],
      providers: [DashboardGateway, StatsService],
    };
  }
}
