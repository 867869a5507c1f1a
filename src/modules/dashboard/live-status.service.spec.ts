import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataSource } from 'typeorm';
import type { SessionUpdate } from '../../games/common/dashboard-events.js';
import type { LiveState } from './live-overlay.js';
import { type LiveSessionHandler, LiveStatusService } from './live-status.service.js';

const ref = { sessionId: 's1', studyId: 'study1', kind: 'woz-robotaxi' as const };

const state = (over: Partial<LiveState> = {}): LiveState => ({
  sessionId: 's1',
  studyId: 'study1',
  kind: 'woz-robotaxi',
  status: 'running',
  phase: 'playing',
  open: true,
  members: [{ role: 'teacher', id: 't', participantId: 'T0001', connected: true }],
  round: 1,
  rounds: 1,
  practice: false,
  episodeId: 'e',
  episodeIndex: 0,
  episodeRunning: true,
  step: 0,
  stepLimit: 10,
  score: 0,
  lives: null,
  pause: null,
  countdownEndsAtMs: null,
  abortReason: null,
  startedAt: null,
  actions: { pause: true, resume: false, end: true },
  ...over,
});

/** The database as the service reads it: sessions by id, and no stored uploads. */
function fakeDb(sessions: Record<string, { studyId: string; status: string }>) {
  const queries: string[] = [];
  const db = {
    query: (sql: string, params: unknown[] = []) => {
      queries.push(sql);
      if (sql.includes('FROM sessions WHERE id = $1')) {
        const row = sessions[params[0] as string];
        return Promise.resolve(row ? [{ id: params[0], kind: 'woz-robotaxi', ...row }] : []);
      }
      if (sql.includes('FROM sessions WHERE'))
        return Promise.resolve(
          Object.entries(sessions)
            .filter(([, row]) => !['completed', 'aborted'].includes(row.status))
            .map(([id, row]) => ({ id, kind: 'woz-robotaxi', ...row })),
        );
      return Promise.resolve([]);
    },
  };
  return { db: db as unknown as DataSource, queries };
}

describe('LiveStatusService', () => {
  let current: LiveState;
  let pushed: SessionUpdate[];
  let service: LiveStatusService;
  let queries: string[];

  const handler: LiveSessionHandler = {
    status: (id) => Promise.resolve(id === 's1' ? current : null),
    pause: () => Promise.resolve(),
    resume: () => Promise.resolve(),
    end: () => Promise.resolve(),
  };
  const settle = () => vi.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    vi.useFakeTimers({ now: 100_000 });
    current = state();
    pushed = [];
    const fake = fakeDb({ s1: { studyId: 'study1', status: 'running' } });
    queries = fake.queries;
    service = new LiveStatusService(fake.db);
    service.useClock(
      {
        now: () => Date.now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      () => Date.now(),
    );
    service.register('woz-robotaxi', handler);
    service.updates$.subscribe((u) => pushed.push(u));
  });
  afterEach(() => {
    service.onModuleDestroy();
    vi.useRealTimers();
  });

  it('pushes steps at most twice a second, the latest state each time', async () => {
    for (let step = 1; step <= 10; step++) {
      current = state({ step });
      service.changed(ref, false);
      await vi.advanceTimersByTimeAsync(60);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pushed.map((u) => u.step)).toEqual([1, 9, 10]);
    expect(pushed.every((u) => u.serverMs >= 100_000)).toBe(true);
  });

  it("adds the pages' levels and the audio chunks to the owner's state", async () => {
    service.pageLevel(ref, 't', { rmsDb: -20, peakDb: -5 });
    await settle();
    expect(pushed.at(-1)?.members[0].level).toEqual({
      rmsDb: -20,
      peakDb: -5,
      atMs: 100_000,
      source: 'page',
    });
    await vi.advanceTimersByTimeAsync(1_000);
    service.audioStored('s1', 't', new Uint8Array([0, 64, 0, 192])); // ±16384
    await settle();
    expect(pushed.at(-1)).toMatchObject({ lastUploadAt: 101_000 });
    expect(pushed.at(-1)?.members[0]).toMatchObject({
      lastAudioAt: 101_000,
      level: { source: 'page' }, // still fresh: the page's is shown
    });
  });

  it('ignores the uploads of a closed session, and forgets a session once it ended', async () => {
    const fake = fakeDb({ old: { studyId: 'study1', status: 'aborted' } });
    const other = new LiveStatusService(fake.db);
    const seen: SessionUpdate[] = [];
    other.updates$.subscribe((u) => seen.push(u));
    other.register('woz-robotaxi', handler);
    other.audioStored('old', 't', new Uint8Array(2));
    await settle();
    other.audioStored('old', 't', new Uint8Array(2));
    await settle();
    expect(seen).toEqual([]);
    // Looked up once, then remembered as closed.
    expect(fake.queries.filter((q) => q.includes('WHERE id = $1'))).toHaveLength(1);
    other.onModuleDestroy();

    current = state({ phase: 'aborted', status: 'aborted', open: false });
    service.changed(ref, true);
    await settle();
    expect(pushed.map((u) => u.open)).toEqual([false]);
    service.pageLevel(ref, 't', { rmsDb: -20, peakDb: -5 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pushed).toHaveLength(1);
  });

  it('answers the open sessions of the studies asked for', async () => {
    expect(await service.snapshot([])).toEqual([]);
    const all = await service.snapshot(null);
    expect(all.map((u) => u.sessionId)).toEqual(['s1']);
    await service.snapshot(['study1']);
    expect(queries.some((q) => q.includes('"studyId" = ANY($2::uuid[])'))).toBe(true);
  });

  it('computes nothing while nobody listens', async () => {
    const fake = fakeDb({});
    const idle = new LiveStatusService(fake.db);
    const status = vi.fn((id: string) => handler.status(id));
    idle.register('woz-robotaxi', { ...handler, status });
    idle.changed(ref, true);
    await settle();
    expect(status).not.toHaveBeenCalled();
    idle.onModuleDestroy();
  });
});
