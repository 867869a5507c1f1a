import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Infrastructure } from '../../config/embedded/infrastructure.js';
import { redisAnswers } from '../../config/embedded/redis-resolver.js';
import { STORAGE_DRIVER, type StorageDriver } from '../storage/storage.driver.js';

const run = promisify(execFile);

export interface ComponentHealth {
  status: 'up' | 'down';
  detail?: string;
  reason?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  components: {
    database: ComponentHealth;
    redis: ComponentHealth;
    storage: ComponentHealth;
    ffmpeg: ComponentHealth;
  };
}

async function probe(
  fn: () => Promise<string | undefined>,
  timeoutMs = 3000,
): Promise<ComponentHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', ...(detail ? { detail } : {}) };
  } catch (error) {
    return { status: 'down', reason: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly infra: Infrastructure,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, redis, storage, ffmpeg] = await Promise.all([
      probe(async () => {
        await this.dataSource.query('SELECT 1');
        return this.infra.databaseSource;
      }),
      probe(async () => {
        const url = this.infra.redis.url;
        if (!url) throw new Error(`rendering disabled: ${this.infra.redis.reason ?? 'no Redis'}`);
        if (!(await redisAnswers(url)))
          throw new Error(`no answer from ${this.infra.redis.source} Redis`);
        return this.infra.redis.source;
      }),
      probe(async () => {
        await this.storage.check();
        return this.storage.kind;
      }),
      probe(async () => {
        const bin = this.infra.ffmpeg.ffmpeg;
        if (!bin) throw new Error('no ffmpeg found: set FFMPEG_PATH or install ffmpeg');
        const { stdout } = await run(bin, ['-hide_banner', '-version'], { timeout: 3000 });
        return `${stdout.split('\n')[0]} (${this.infra.ffmpeg.ffmpegSource})`;
      }),
    ]);
    const components = { database, redis, storage, ffmpeg };
    return {
      status: Object.values(components).every((c) => c.status === 'up') ? 'ok' : 'degraded',
      components,
    };
  }
}
