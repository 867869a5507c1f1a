import { Global, Module } from '@nestjs/common';
import { LiveStatusService } from './live-status.service.js';

/**
 * The live status of open sessions (`LiveStatusService`), one instance for the whole app. Global,
 * because whoever sees a session change tells it: the RoboTaxi runners (gateway), the Atari
 * services, the recordings' chunk ingest; the dashboard gateway pushes what it says. Imported by
 * the gateway, Atari and dashboard modules, which are in both the API and the worker (the
 * dashboard only in the API); the recordings module relies on it being global.
 */
@Global()
@Module({
  providers: [LiveStatusService],
  exports: [LiveStatusService],
})
export class LiveStatusModule {}
