import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { pendingSchemaChanges } from '../../src/database/schema-diff.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** CI's guard: the committed migrations must build exactly the schema the entities describe. */
describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('apply on an empty database and leave nothing for the entities to change', async () => {
    const applied = await ds.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    const diff = await pendingSchemaChanges(ds);
    expect(
      diff.up,
      'entities and migrations disagree: run `npm run migration:generate -- Name`',
    ).toEqual([]);
  });

  it('revert cleanly', async () => {
    for (const _ of ds.migrations) await ds.undoLastMigration();
    const tables = await ds.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
  });
});
