import { describe, expect, it } from 'vitest';
import { toDashboardStats, utcDay } from './dashboard-stats.js';

describe('utcDay', () => {
  it("is the server's UTC day, whatever the local time zone", () => {
    const day = utcDay(new Date('2026-03-01T23:59:59.999+05:00'));
    expect(day.start.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(utcDay(new Date('2026-03-02T00:00:00.000Z')).start.toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
  });
});

describe('toDashboardStats', () => {
  it('counts participants by status, turns seconds of audio into hours, says which day', () => {
    const stats = toDashboardStats(
      null,
      {
        participants: [
          { status: 'registered', count: 3 },
          { status: 'completed', count: 2 },
          { status: 'withdrawn', count: 1 },
        ],
        sessions: { today: 2, running: 1, waiting: 0 },
        audio: { tracks: 4, seconds: 5_400 },
        renders: { queued: 1, rendering: 0 },
        episodes: { total: 9, verified: 5, unverified: 1, unchecked: 2 },
      },
      new Date('2026-03-01T12:00:00Z'),
    );
    expect(stats.participants).toEqual({
      registered: 3,
      active: 0,
      completed: 2,
      withdrawn: 1,
      total: 6,
    });
    expect(stats.audio).toEqual({ tracks: 4, seconds: 5_400, hours: 1.5 });
    expect(stats.sessions).toEqual({
      today: 2,
      running: 1,
      waiting: 0,
      day: {
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
        timeZone: 'UTC',
      },
    });
    expect(stats.serverTime).toBe('2026-03-01T12:00:00.000Z');
  });
});
