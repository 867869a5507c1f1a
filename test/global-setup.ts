import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config/app-config.js';
import { startEmbeddedPostgres } from '../src/config/embedded/embedded-postgres.js';
import { freePort, resolveRedis } from '../src/config/embedded/redis-resolver.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a Postgres maintenance database; each test file creates its own database there. */
    pgAdminUrl: string;
    /** Redis for Bull, or null when none could be found or started. */
    redisUrl: string | null;
  }
}

/**
 * The same embedded defaults as `npm start`: DATABASE_URL / REDIS_URL when configured,
 * else an embedded PostgreSQL and 127.0.0.1:6379 or a redis-server from PATH.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  Logger.overrideLogger(['error', 'warn']);
  const config = loadConfig({ NODE_ENV: 'test' });
  mkdirSync('tmp', { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  let pgAdminUrl = config.database.url;
  if (!pgAdminUrl) {
    const dir = mkdtempSync(join('tmp', `pg-${project.name}-`));
    const pg = await startEmbeddedPostgres(join(process.cwd(), dir), await freePort());
    stops.push(async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    pgAdminUrl = pg.adminUrl;
  }
  const redisDir = mkdtempSync(join('tmp', `redis-${project.name}-`));
  const redis = await resolveRedis({
    url: config.redis.url,
    embedded: true,
    dir: join(process.cwd(), redisDir),
  });
  stops.push(async () => {
    await redis.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });
  project.provide('pgAdminUrl', pgAdminUrl);
  project.provide('redisUrl', redis.url);
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
