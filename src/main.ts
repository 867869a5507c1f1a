import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, createLogger } from './bootstrap.js';
import { type AppConfig, loadConfig } from './config/app-config.js';
import { startInfrastructure } from './config/embedded/infrastructure.js';
import { EnvValidationError } from './config/env.schema.js';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof EnvValidationError) {
      logger.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  Logger.overrideLogger(createLogger(config));
  const infra = await startInfrastructure(config);
  const stop = async () => {
    await infra.stop();
  };
  try {
    const { app, firstAdmin } = await createApp(config, infra);
    await app.listen(config.port, config.host);
    const closeAll = async () => {
      await app.close();
      await stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void closeAll());
    process.once('SIGTERM', () => void closeAll());
    const base = config.publicUrl;
    const lines = [
      `OzLab is running on ${config.host}:${config.port}`,
      `  participants: ${base}/`,
      `  admin:        ${base}/admin`,
      `  API docs:     ${base}/api/docs`,
      `  health:       ${base}/api/health`,
    ];
    if (firstAdmin)
      lines.push(
        '',
        'Created the first researcher account (shown only this once):',
        `  email:    ${firstAdmin.email}`,
        `  password: ${firstAdmin.password}`,
      );
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  } catch (error) {
    await stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  new Logger('Main').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
