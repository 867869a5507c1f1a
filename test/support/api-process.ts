/**
 * The API as its own process (`node dist/src/main.js`), for tests that kill it mid-session and
 * start it again on the same port, database and storage, as a crash and a restart would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../src/config/embedded/redis-resolver.js';
import { ADMIN } from './app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface ApiProcess {
  baseUrl: string;
  databaseUrl: string;
  /** SIGKILL: no shutdown hooks, no lease release, sockets dropped mid-flight. */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`API at ${baseUrl} did not answer within 60 s`);
}

export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const built = spawnSync(process.execPath, ['scripts/ensure.mjs', '--build-server'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) throw new Error('building the server failed');
  const db: TestDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'ozlab-proc-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const api: ApiProcess = {
    baseUrl,
    databaseUrl: db.url,
    async start() {
      const proc = spawn(process.execPath, ['dist/src/main.js'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/root',
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: dataDir,
          DATABASE_URL: db.url,
          REDIS_URL: inject('redisUrl') ?? '',
          EMBEDDED_REDIS: 'false',
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          LOGIN_RATE_LIMIT: '1000',
          ...env,
        },
      });
      child = proc;
      await waitForHealth(baseUrl, proc);
    },
    async kill() {
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    },
    async close() {
      const proc = child;
      if (proc && proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await api.start();
  return api;
}
