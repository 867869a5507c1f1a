import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger } from './bootstrap.js';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { startInfrastructure } from './config/embedded/infrastructure.js';

/**
 * The worker entry point (`npm run worker`): the same modules as the API, without HTTP, for Bull
 * processors (the render and verify queues) running on their own machines. It always renders;
 * the API renders too unless RENDER_IN_API=false.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  Logger.overrideLogger(createLogger(config));
  const infra = await startInfrastructure(config);
  if (!infra.redis.url) {
    await infra.stop();
    throw new Error(
      `The worker needs Redis: ${infra.redis.reason ?? 'none found'}. Set REDIS_URL.`,
    );
  }
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, infra, 'worker'),
    {
      logger: createLogger(config),
    },
  );
  const shutdown = async () => {
    await app.close();
    await infra.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  new Logger('Worker').log(`Worker ready (Redis ${infra.redis.source}: ${infra.redis.url})`);
}

main().catch((error: unknown) => {
  new Logger('Worker').error(
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  process.exit(1);
});
