import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { Infrastructure } from './config/embedded/infrastructure.js';
import { projectRoot } from './config/paths.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { BullModule } from '@nestjs/bull';
import { queuePrefix } from './modules/queue/queue-prefix.js';
import { AtariModule } from './modules/atari/atari.module.js';
import { DashboardModule } from './modules/dashboard/dashboard.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { GatewayModule } from './modules/gateway/gateway.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ParticipantsModule } from './modules/participants/participants.module.js';
import { RecordingsModule } from './modules/recordings/recordings.module.js';
import { ReplayModule } from './modules/replay/replay.module.js';
import { RomsModule } from './modules/roms/roms.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { StorageModule } from './modules/storage/storage.module.js';
import { StudiesModule } from './modules/studies/studies.module.js';
import { VoiceModule } from './modules/voice/voice.module.js';

@Global()
@Module({})
class InfrastructureModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [{ provide: Infrastructure, useValue: infra }],
      exports: [Infrastructure],
    };
  }
}

/** The built admin (at /admin) and participant client (at /), when they have been built. */
function staticSites(): DynamicModule[] {
  const root = projectRoot();
  const admin = join(root, 'admin', 'dist');
  const client = join(root, 'client', 'dist');
  const sites = [];
  if (existsSync(join(admin, 'index.html'))) sites.push({ rootPath: admin, serveRoot: '/admin' });
  if (existsSync(join(client, 'index.html')))
    sites.push({
      rootPath: client,
      exclude: ['/api/{*path}', '/admin/{*path}', '/socket.io/{*path}'],
    });
  return sites.length ? [ServeStaticModule.forRoot(...sites)] : [];
}

/** `api`: the HTTP app (renders too unless RENDER_IN_API=false); `worker`: Bull processors. */
export type ProcessRole = 'api' | 'worker';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    infra: Infrastructure,
    role: ProcessRole = 'api',
  ): DynamicModule {
    const queue = !!infra.redis.url;
    const replay = ReplayModule.forRoot({
      queue,
      process: queue && (role === 'worker' || config.render.inApi),
      jobLockMs: config.render.jobLockMs,
    });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        InfrastructureModule.forRoot(infra),
        TypeOrmModule.forRoot({ ...dataSourceOptions(infra.databaseUrl), migrationsRun: true }),
        StorageModule,
        StudiesModule,
        ParticipantsModule,
        SessionsModule,
        RecordingsModule,
        VoiceModule,
        GatewayModule,
        ...(infra.redis.url
          ? [
              BullModule.forRoot({
                redis: infra.redis.url,
                prefix: queuePrefix(infra.databaseUrl),
              }),
            ]
          : []),
        AtariModule.forRoot({ queue }),
        replay,
        // The dashboard's live channel needs the HTTP server: the API only.
        ...(role === 'api' ? [DashboardModule.forRoot(replay)] : []),
        RomsModule,
        ExportsModule,
        HealthModule,
        ...staticSites(),
      ],
    };
  }
}
