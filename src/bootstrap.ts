import { type INestApplication, Logger, ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import type { Infrastructure } from './config/embedded/infrastructure.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import { RECORDING_LIMITS } from './games/common/recording.js';
import { CHUNK_CONTENT_TYPE } from './modules/recordings/chunk-ingest.service.js';
import { ResearchersService } from './modules/participants/researchers.service.js';

export function createLogger(config: AppConfig): ConsoleLogger {
  return new ConsoleLogger({
    json: config.logFormat === 'json',
    logLevels: config.nodeEnv === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
}

export interface CreatedApp {
  app: INestApplication;
  /** Set when the app had to create the first researcher: print these once. */
  firstAdmin: { email: string; password: string } | null;
}

/** Builds the HTTP app exactly as production runs it: prefix, validation, errors, CORS, OpenAPI. */
export async function createApp(config: AppConfig, infra: Infrastructure): Promise<CreatedApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, infra), {
    logger: createLogger(config),
    bodyParser: true,
  });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '5mb' });
  // Audio chunks (PUT /api/recordings/:trackId/chunks/:seq); a larger body is a 413 naming the limit.
  app.useBodyParser('raw', { type: CHUNK_CONTENT_TYPE, limit: RECORDING_LIMITS.maxChunkBytes });
  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.set('trust proxy', 'loopback');
  app.enableCors({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    exposedHeaders: ['Content-Range', 'Content-Disposition'],
    credentials: false,
  });
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OzLab API')
      .setDescription('Studies, participants, sessions, episodes, recordings and renders')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc);
  await app.init();
  const firstAdmin = await app.get(ResearchersService).ensureFirstAdmin(config.admin);
  new Logger('Bootstrap').log(
    `API ready (database: ${infra.databaseSource}, storage: ${config.storage.kind})`,
  );
  return { app, firstAdmin };
}
