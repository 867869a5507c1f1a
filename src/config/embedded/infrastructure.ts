import { Logger } from '@nestjs/common';
import type { AppConfig } from '../app-config.js';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres.js';
import { resolveFfmpeg, type FfmpegPaths } from './ffmpeg-paths.js';
import { resolveRedis, type ResolvedRedis } from './redis-resolver.js';

/** What the app connects to, resolved once at boot from the config and the embedded defaults. */
export class Infrastructure {
  constructor(
    readonly databaseUrl: string,
    readonly databaseSource: 'configured' | 'embedded',
    readonly redis: Omit<ResolvedRedis, 'stop'>,
    readonly ffmpeg: FfmpegPaths,
    private readonly stops: (() => Promise<void>)[] = [],
  ) {}

  async stop(): Promise<void> {
    for (const stop of [...this.stops].reverse()) await stop().catch(() => undefined);
    this.stops.length = 0;
  }
}

/** Starts or finds Postgres and Redis, and finds ffmpeg, as the config and the machine allow. */
export async function startInfrastructure(config: AppConfig): Promise<Infrastructure> {
  const logger = new Logger('Infrastructure');
  const stops: (() => Promise<void>)[] = [];
  try {
    let databaseUrl: string;
    let databaseSource: 'configured' | 'embedded';
    if (config.database.url) {
      databaseUrl = config.database.url;
      databaseSource = 'configured';
    } else {
      const pg = await startEmbeddedPostgres(
        config.database.embeddedDir,
        config.database.embeddedPort,
      );
      stops.push(() => pg.stop());
      databaseUrl = await ensureDatabase(pg.adminUrl, 'ozlab');
      databaseSource = 'embedded';
    }
    const redis = await resolveRedis({
      url: config.redis.url,
      embedded: config.redis.embedded,
      dir: config.redis.embeddedDir,
    });
    stops.push(() => redis.stop());
    if (redis.url) logger.log(`Redis (${redis.source}): ${redis.url}`);
    else
      logger.warn(
        `Rendering is disabled: ${redis.reason}. To enable it, set REDIS_URL, start Redis on 127.0.0.1:6379, ` +
          `or install redis-server (apt-get install -y redis-server).`,
      );
    const ffmpeg = resolveFfmpeg(config.ffmpeg);
    if (!ffmpeg.ffmpeg)
      logger.warn('No ffmpeg found: set FFMPEG_PATH or install ffmpeg; rendering will fail.');
    const redisInfo = { url: redis.url, source: redis.source, reason: redis.reason };
    return new Infrastructure(databaseUrl, databaseSource, redisInfo, ffmpeg, stops);
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
