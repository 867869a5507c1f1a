import { describe, expect, it } from 'vitest';
import { renderMigration, renderMigrationIndex } from './schema-diff.js';

describe('renderMigration', () => {
  it('renders up and down queries, escaping template syntax', () => {
    const src = renderMigration('AddThing', 1700000000000, {
      up: ['CREATE TABLE "a" ("x" text DEFAULT \'${y}\')'],
      down: ['DROP TABLE "a"'],
    });
    expect(src).toContain('export class AddThing1700000000000 implements MigrationInterface');
    expect(src).toContain(
      'await queryRunner.query(`CREATE TABLE "a" ("x" text DEFAULT \'\\${y}\')`);',
    );
    expect(src).toContain('await queryRunner.query(`DROP TABLE "a"`);');
  });
});

describe('renderMigrationIndex', () => {
  it('imports migrations in timestamp order', () => {
    const src = renderMigrationIndex(['1700000000002-Second.ts', '1700000000001-First.ts']);
    expect(src.indexOf('First1700000000001')).toBeLessThan(src.indexOf('Second1700000000002'));
    expect(src).toContain("import { First1700000000001 } from './1700000000001-First.js';");
    expect(src).toContain('export const MIGRATIONS = [First1700000000001, Second1700000000002];');
  });
});
