import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ensureDatabase,
  startEmbeddedPostgres,
} from '../../src/config/embedded/embedded-postgres.js';
import { resolveFfmpeg } from '../../src/config/embedded/ffmpeg-paths.js';
import { findOnPath } from '../../src/config/embedded/find-on-path.js';
import { freePort, redisAnswers, resolveRedis } from '../../src/config/embedded/redis-resolver.js';

const run = promisify(execFile);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ozlab-embedded-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to traverse the folder.
  chmodSync(d, 0o755);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function query(url: string, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as unknown[];
  } finally {
    await c.end();
  }
}

/** The defaults `npm start` falls back to when nothing is configured, exercised for real. */
describe('embedded defaults', () => {
  it('initialises an embedded PostgreSQL once and keeps its data across restarts', async () => {
    const dir = join(tempDir(), 'postgres');
    const port = await freePort();
    const first = await startEmbeddedPostgres(dir, port);
    try {
      const url = await ensureDatabase(first.adminUrl, 'ozlab');
      await query(url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
      expect(await ensureDatabase(first.adminUrl, 'ozlab')).toBe(url);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(dir, port);
    try {
      const url = await ensureDatabase(second.adminUrl, 'ozlab');
      expect(await query(url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('starts a redis-server from PATH when none answers, and stops it with the app', async () => {
    if (!findOnPath('redis-server'))
      throw new Error('redis-server is not on PATH: apt-get install -y redis-server');
    const redis = await resolveRedis({
      localUrl: 'redis://127.0.0.1:1',
      embedded: true,
      dir: tempDir(),
    });
    expect(redis.source).toBe('embedded');
    expect(await redisAnswers(redis.url!)).toBe(true);
    await redis.stop();
    expect(await redisAnswers(redis.url!, 300)).toBe(false);
  });

  it('runs without Redis, saying why, when none answers and none may be started', async () => {
    const redis = await resolveRedis({
      localUrl: 'redis://127.0.0.1:1',
      embedded: false,
      dir: tempDir(),
    });
    expect(redis).toMatchObject({
      url: null,
      source: 'none',
      reason: expect.stringContaining('EMBEDDED_REDIS=false'),
    });
  });

  it('falls back to the ffmpeg shipped on npm when none is on PATH', async () => {
    const paths = resolveFfmpeg({}, '/nonexistent');
    expect(paths).toMatchObject({ ffmpegSource: 'npm', ffprobeSource: 'npm' });
    const { stdout } = await run(paths.ffmpeg!, ['-hide_banner', '-version']);
    expect(stdout).toMatch(/^ffmpeg version/);
    expect(resolveFfmpeg({ ffmpegPath: '/opt/ff' }).ffmpeg).toBe('/opt/ff');
  });
});
