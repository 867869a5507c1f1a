/**
 * `npm run create-researcher -- --email a@b.org --password secret123 [--name "A B"] [--role admin]`
 * Creates a researcher in the configured (or embedded) database.
 */
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { startInfrastructure } from '../config/embedded/infrastructure.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { ResearcherEntity, ResearcherRole } from '../modules/participants/researcher.entity.js';
import { ResearchersService } from '../modules/participants/researchers.service.js';

const logger = new Logger('CreateResearcher');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'researcher' },
    },
  });
  const problems: string[] = [];
  if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email))
    problems.push('--email must be an email address');
  if (!values.password || values.password.length < 8)
    problems.push('--password must be at least 8 characters');
  if (values.role !== 'admin' && values.role !== 'researcher')
    problems.push('--role must be admin or researcher');
  if (problems.length) {
    logger.error(
      `${problems.join('; ')}\nUsage: npm run create-researcher -- --email a@b.org --password secret123 [--name N] [--role admin]`,
    );
    return 2;
  }
  const config = loadConfig();
  const infra = await startInfrastructure(config);
  const ds = new DataSource(dataSourceOptions(infra.databaseUrl));
  try {
    await ds.initialize();
    await ds.runMigrations();
    const repo = ds.getRepository(ResearcherEntity);
    if (await repo.exists({ where: { email: values.email!.toLowerCase() } })) {
      logger.error(`A researcher with email ${values.email} already exists`);
      return 1;
    }
    const created = await new ResearchersService(repo).create({
      email: values.email!,
      password: values.password!,
      name: values.name,
      role: values.role === 'admin' ? ResearcherRole.Admin : ResearcherRole.Researcher,
    });
    process.stdout.write(`Created ${created.role} ${created.email}\n`);
    return 0;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await infra.stop();
  }
}

process.exitCode = await main();
