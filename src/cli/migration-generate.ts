/**
 * `npm run migration:generate -- Name`: diffs the entities against a scratch database that has
 * every existing migration applied, and writes `migrations/<epoch>-<Name>.ts` plus the index.
 * `npm run migration:check`: exits 1 when the entities and the migrations disagree.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { startInfrastructure } from '../config/embedded/infrastructure.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import {
  pendingSchemaChanges,
  renderMigration,
  renderMigrationIndex,
} from '../database/schema-diff.js';

const logger = new Logger('Migrations');

async function withScratchDatabase<T>(
  adminUrl: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const name = `ozlab_scratch_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const name = args.find((a) => !a.startsWith('--'));
  if (!check && (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name))) {
    logger.error('Usage: npm run migration:generate -- PascalCaseName');
    return 2;
  }
  const config = loadConfig();
  const infra = await startInfrastructure(config);
  try {
    return await withScratchDatabase(infra.databaseUrl, async (url) => {
      const ds = new DataSource(dataSourceOptions(url));
      await ds.initialize();
      try {
        await ds.runMigrations();
        const diff = await pendingSchemaChanges(ds);
        if (check) {
          if (diff.up.length === 0) {
            logger.log('Entities and migrations agree.');
            return 0;
          }
          logger.error(`Entities and migrations disagree; missing:\n${diff.up.join(';\n')}`);
          return 1;
        }
        if (diff.up.length === 0) {
          logger.log('No changes: nothing to generate.');
          return 0;
        }
        const dir = resolve('migrations');
        const timestamp = Date.now();
        const file = `${timestamp}-${name}.ts`;
        writeFileSync(join(dir, file), renderMigration(name!, timestamp, diff));
        const files = readdirSync(dir).filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f));
        writeFileSync(join(dir, 'index.ts'), renderMigrationIndex(files));
        logger.log(
          `Wrote migrations/${file} (${diff.up.length} statements). Review it before committing.`,
        );
        return 0;
      } finally {
        await ds.destroy();
      }
    });
  } finally {
    await infra.stop();
  }
}

process.exitCode = await main();
