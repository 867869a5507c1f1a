import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Action } from '../../src/games/robotaxi/types.js';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { seedStudy } from '../support/participants.js';
import {
  downloadRender,
  ffprobe,
  participantIds,
  type RenderRow,
  seedRobotaxiEpisode,
  pollRender,
} from '../support/render.js';

/** A dead worker's job is taken up again this long after it died. */
const LOCK_MS = '2000';

describe('A render worker killed mid-render', () => {
  let t: TestApp;
  let db: pg.Client;
  let admin: ApiClient;
  let studyId: string;
  let dir: string;
  const workers: ChildProcess[] = [];

  /** `npm run worker` on the test app's database, Redis and storage folder. */
  const startWorker = () => {
    const child = spawn(process.execPath, ['dist/src/worker.js'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        NODE_ENV: 'test',
        DATA_DIR: t.config.dataDir,
        DATABASE_URL: t.databaseUrl,
        REDIS_URL: inject('redisUrl') ?? '',
        EMBEDDED_REDIS: 'false',
        RENDER_JOB_LOCK_MS: LOCK_MS,
      },
    });
    workers.push(child);
    return child;
  };
  const poll = (id: string, until: (row: RenderRow) => boolean, timeoutMs = 50_000) =>
    pollRender(admin, id, until, { timeoutMs, intervalMs: 100 });

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/ensure.mjs', '--build-server'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (built.status !== 0) throw new Error('building the server failed');
    // The API only queues: the worker processes render.
    t = await startTestApp({ RENDER_IN_API: 'false', RENDER_JOB_LOCK_MS: LOCK_MS });
    const study = await seedStudy(t.baseUrl, 'render-kill', 'T0001-T0001', 'woz-robotaxi');
    ({ admin, studyId } = study);
    await admin.post(`/studies/${studyId}/participants/range`, { range: 'W0001-W0001' });
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    dir = mkdtempSync(join(tmpdir(), 'ozlab-render-test-'));
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await db?.end();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is retried by another worker and completes', async () => {
    const people = await participantIds(db, studyId);
    const { episodeId } = await seedRobotaxiEpisode(db, {
      studyId,
      teacherId: people.T0001,
      wizardId: people.W0001,
      zeroMs: Date.now() - 600_000,
      // The last step (58.5 s) is held for the default step period (1.25 s), then the end (60 s).
      stepTimesMs: Array.from({ length: 117 }, (_, i) => (i + 1) * 500),
      endAfterMs: 60_000,
      action: Action.DOWN,
    });
    const queued = await admin.post<RenderRow>(`/episodes/${episodeId}/renders`, {
      width: 1280,
      height: 720,
    });
    expect(queued.status).toBe(201);
    // Nothing renders in the API process.
    await new Promise((r) => setTimeout(r, 500));
    expect((await admin.get<RenderRow>(`/renders/${queued.body.id}`)).body.status).toBe('queued');

    const first = startWorker();
    await poll(queued.body.id, (r) => r.status === 'rendering' && r.framesWritten > 0);
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    const orphan = (await admin.get<RenderRow>(`/renders/${queued.body.id}`)).body;
    expect(orphan).toMatchObject({ status: 'rendering', attempts: 1 });
    expect(orphan.framesWritten).toBeLessThan(1800);

    startWorker();
    const done = await poll(queued.body.id, (r) => r.status === 'completed');
    expect(done).toMatchObject({ attempts: 2, framesWritten: 1800, framesTotal: 1800 });
    const file = join(dir, 'after-kill.mp4');
    await downloadRender(t.baseUrl, admin.token!, done.id, file);
    const probe = await ffprobe(file);
    expect(Math.abs(Number(probe.format.duration) - 60)).toBeLessThanOrEqual(1 / 30);
  });
});
