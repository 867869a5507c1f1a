import { type DynamicModule, Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { StudiesModule } from '../studies/studies.module.js';
import { DashboardGateway } from './dashboard.gateway.js';

/**
 * The researcher dashboard's live channel (socket.io namespace `/dashboard`): render progress
 * now, live sessions later. Imports the very ReplayModule instance the app registers (passed in,
 * as it is a dynamic module) for its `RenderEvents`.
 */
@Module({})
export class DashboardModule {
  static forRoot(replay: DynamicModule): DynamicModule {
    return {
      module: DashboardModule,
      imports: [ParticipantsModule, StudiesModule, replay],
      providers: [DashboardGateway],
    };
  }
}
