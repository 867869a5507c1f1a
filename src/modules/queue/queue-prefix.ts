import { createHash } from 'node:crypto';

/**
 * The Redis key prefix of this deployment's queues: derived from its database, so that API and
 * worker instances sharing a database share queues, and two deployments (or two test apps)
 * sharing a Redis never take each other's jobs.
 */
export function queuePrefix(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.password = '';
  url.username = '';
  return `ozlab:${createHash('sha1').update(url.toString()).digest('hex').slice(0, 10)}`;
}
