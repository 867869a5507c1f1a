import { describe, expect, it } from 'vitest';
import { clockSampleProblem } from './clock.service.js';

describe('clockSampleProblem', () => {
  const now = Date.UTC(2026, 10, 22);
  const ok = { clientSendMs: 100, serverMs: now - 5000, clientRecvMs: 101.5 };

  it('accepts a plausible exchange with this server', () => {
    expect(clockSampleProblem(ok, now)).toBeUndefined();
    expect(clockSampleProblem({ ...ok, clientRecvMs: 100 }, now)).toBeUndefined();
  });

  it('says what is wrong with an implausible one', () => {
    expect(clockSampleProblem({ ...ok, clientRecvMs: 99 }, now)).toBe(
      'clientRecvMs (99) is before clientSendMs (100)',
    );
    expect(clockSampleProblem({ ...ok, serverMs: 123_456 }, now)).toMatch(/not a Unix time/);
    expect(clockSampleProblem({ ...ok, serverMs: now + 120_000 }, now)).toMatch(/in the future/);
  });
});
