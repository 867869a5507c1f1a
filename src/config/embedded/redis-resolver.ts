import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { findOnPath } from './find-on-path.js';

export interface ResolvedRedis {
  url: string | null;
  /** How the URL was found, for the log and /api/health. */
  source: 'configured' | 'local' | 'embedded' | 'none';
  reason?: string;
  stop(): Promise<void>;
}

const DEFAULT_LOCAL = 'redis://127.0.0.1:6379';
const noop = async (): Promise<void> => undefined;

/** True when a Redis server answers PING at `url` within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * REDIS_URL, else 127.0.0.1:6379 if it answers, else a redis-server from PATH with its data
 * under `dir` (stopped with the app), else none: the app then runs with rendering disabled.
 */
export async function resolveRedis(opts: {
  /** Where to look for an already-running Redis (tests point this elsewhere). */
  localUrl?: string;
  url?: string;
  embedded: boolean;
  dir: string;
}): Promise<ResolvedRedis> {
  const logger = new Logger('Redis');
  if (opts.url) return { url: opts.url, source: 'configured', stop: noop };
  const local = opts.localUrl ?? DEFAULT_LOCAL;
  if (await redisAnswers(local)) return { url: local, source: 'local', stop: noop };
  const binary = opts.embedded ? findOnPath('redis-server') : null;
  if (!binary) {
    const reason = opts.embedded
      ? 'no Redis at 127.0.0.1:6379 and no redis-server on PATH'
      : 'no Redis at 127.0.0.1:6379 and EMBEDDED_REDIS=false';
    return { url: null, source: 'none', reason, stop: noop };
  }
  mkdirSync(opts.dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      opts.dir,
      '--appendonly',
      'yes',
      '--save',
      '60 1',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    if (await redisAnswers(url, 200)) {
      logger.log(`Started redis-server on 127.0.0.1:${port} (data: ${opts.dir})`);
      return {
        url,
        source: 'embedded',
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  return {
    url: null,
    source: 'none',
    reason: `redis-server (${binary}) did not start`,
    stop: noop,
  };
}
