import { performance } from 'node:perf_hooks';

/**
 * The server's clock, the reference of every recording: Unix ms with sub-ms precision, monotonic
 * within the process. Used by `POST /api/clock/ping` and the gateway's clock sync.
 */
export function serverNowMs(): number {
  return performance.timeOrigin + performance.now();
}
