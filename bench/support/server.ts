/**
 * Runs the built API as its own process for a benchmark, so that the load generator and the
 * server do not share an event loop: a fresh database on the PostgreSQL at DATABASE_URL
 * (default: the local one), a temporary DATA_DIR, Redis from REDIS_URL when set.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../src/config/embedded/redis-resolver.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const ADMIN = { email: 'bench@ozlab.local', password: 'bench-password-1' };

export interface BenchServer {
  baseUrl: string;
  /** The API process (for its CPU time). */
  pid: number;
  /** The bench's database and DATA_DIR (for benches that seed rows or files directly). */
  databaseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`API at ${baseUrl} did not answer within ${timeoutMs} ms`);
}

/** Builds the server when stale, then starts it on a free loopback port with a fresh database. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const ensure = spawnSync(process.execPath, ['scripts/ensure.mjs', '--build-server'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (ensure.status !== 0) throw new Error('building the server failed');

  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `ozlab_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;

  const dataDir = mkdtempSync(join(tmpdir(), 'ozlab-bench-'));
  const port = await freePort();
  // BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the API under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: dbUrl.toString(),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '100000',
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child);
  } catch (err) {
    await close();
    throw err;
  }
  return { baseUrl, pid: child.pid ?? 0, databaseUrl: dbUrl.toString(), dataDir, close };
}

async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface BenchStudy {
  studyId: string;
  slug: string;
  researcherToken: string;
  /** Participant tokens by participant ID (D0001, ...). */
  tokens: Map<string, string>;
}

/**
 * A study with `count` consented demonstrators (D0001...), each logged in. Uses only the public
 * API, exactly as the admin and the client do.
 */
export async function createBenchStudy(baseUrl: string, count: number): Promise<BenchStudy> {
  const { token: researcherToken } = await call<{ token: string }>(
    baseUrl,
    'POST',
    '/auth/login',
    ADMIN,
  );
  const slug = `bench-${randomBytes(3).toString('hex')}`;
  const study = await call<{ id: string }>(
    baseUrl,
    'POST',
    '/studies',
    {
      name: 'Benchmark',
      slug,
      kind: 'atari-demo',
      config: { consentText: 'Benchmark', instructions: 'Benchmark' },
    },
    researcherToken,
  );
  const last = `D${String(count).padStart(4, '0')}`;
  await call(
    baseUrl,
    'POST',
    `/studies/${study.id}/participants/range`,
    { range: `D0001-${last}` },
    researcherToken,
  );
  const tokens = new Map<string, string>();
  for (let i = 1; i <= count; i++) {
    const participantId = `D${String(i).padStart(4, '0')}`;
    const { token } = await call<{ token: string }>(baseUrl, 'POST', '/participant/login', {
      study: slug,
      participantId,
    });
    await call(baseUrl, 'POST', '/participant/consent', { agree: true }, token);
    tokens.set(participantId, token);
  }
  return { studyId: study.id, slug, researcherToken, tokens };
}

export { call as apiCall };

/** Quantile (0..1) of a list of numbers, by nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return ticks / 100; // USER_HZ is 100 on Linux
}
