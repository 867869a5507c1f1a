import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Action } from '../../src/games/robotaxi/types.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { seedStudy } from '../support/participants.js';
import {
  participantIds,
  type RenderRow,
  seedBeepTrack,
  seedRobotaxiEpisode,
  pollRender,
} from '../support/render.js';

const SMALL = { width: 320, height: 240 };

describe('Renders: validation, broken inputs, cancellation', () => {
  let t: TestApp;
  let db: pg.Client;
  let admin: ApiClient;
  let studyId: string;
  let people: Record<string, string>;

  const episode = (stepTimesMs: number[], endAfterMs: number) =>
    seedRobotaxiEpisode(db, {
      studyId,
      teacherId: people.T0001,
      wizardId: people.W0001,
      zeroMs: Date.now() - 600_000,
      stepTimesMs,
      endAfterMs,
      action: Action.DOWN,
    });
  const render = async (episodeId: string, body: object = SMALL) => {
    const res = await admin.post<RenderRow>(`/episodes/${episodeId}/renders`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const poll = (id: string, until: (row: RenderRow) => boolean) => pollRender(admin, id, until);

  beforeAll(async () => {
    t = await startTestApp();
    const study = await seedStudy(t.baseUrl, 'render-fail', 'T0001-T0001', 'woz-robotaxi');
    ({ admin, studyId } = study);
    await admin.post(`/studies/${studyId}/participants/range`, { range: 'W0001-W0001' });
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    people = await participantIds(db, studyId);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('refuses bad options with a 400 naming the field, and stores nothing', async () => {
    const { episodeId } = await episode([500, 1000], 1500);
    const cases: [object, RegExp][] = [
      [{ fps: 0 }, /^fps: fps must not be less than 1/],
      [{ fps: 2.5 }, /^fps: fps must be an integer/],
      [{ width: 641 }, /^width: width must be an even number/],
      [{ audio: 'loud' }, /^audio: audio must be one of/],
      [{ container: 'avi' }, /^container: container must be one of/],
      [{ colour: 'red' }, /^colour: property colour should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await admin.post<{ message: string }>(`/episodes/${episodeId}/renders`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    const bulk = await admin.post<{ message: string }>('/renders/bulk', {
      episodeIds: [episodeId, 'nope'],
      options: { fps: 99 },
    });
    expect(bulk.status).toBe(400);
    expect(bulk.body.message).toMatch(/episodeIds: each value in episodeIds must be a UUID/);
    expect(bulk.body.message).toMatch(/options\.fps: fps must not be greater than 60/);
    const unknown = await admin.post<{ message: string }>('/renders/bulk', {
      episodeIds: [episodeId, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/^episodeIds\[1\]: episode .* not found/);
    await db.query(`UPDATE episodes SET status = 'running' WHERE id = $1`, [episodeId]);
    expect((await admin.post(`/episodes/${episodeId}/renders`, {})).status).toBe(409);
    const count = await db.query<{ n: string }>(`SELECT count(*) AS n FROM renders`);
    expect(count.rows[0].n).toBe('0');
  });

  it('fails without retrying when a track’s WAV is missing from storage, saying which', async () => {
    const { episodeId, sessionId, zeroMs } = await episode([500, 1000], 1500);
    const { trackId, wavKey } = await seedBeepTrack(db, t.app.get(StorageService), {
      studyId,
      sessionId,
      participantId: people.T0001,
      startMs: zeroMs,
      seconds: 2,
      beepAtS: 0.5,
      storeWav: false,
    });
    const queued = await render(episodeId);
    const row = await poll(queued.id, (r) => r.status === 'failed');
    expect(row.error).toBe(
      `Audio track ${trackId} (T0001 mic): its WAV is missing from storage (${wavKey})`,
    );
    expect(row).toMatchObject({ attempts: 1, storageKey: null });
  });

  it('fails on a hole in the step log, naming the missing step', async () => {
    const { episodeId } = await episode([300, 600, 900, 1200], 1500);
    await db.query(`DELETE FROM steps WHERE "episodeId" = $1 AND index = 3`, [episodeId]);
    const row = await poll((await render(episodeId)).id, (r) => r.status === 'failed');
    expect(row.error).toBe('Step 3 of the episode is missing (found 4)');
  });

  it('cancels a running render within a second and can render it again', async () => {
    // Ten minutes of steps at 720p: long enough to be caught running.
    const times = Array.from({ length: 1200 }, (_, i) => (i + 1) * 500);
    const { episodeId } = await episode(times, 600_500);
    const queued = await render(episodeId, { width: 1280, height: 720 });
    await poll(queued.id, (r) => r.status === 'rendering' && r.framesWritten > 0);
    const cancelled = await admin.post<RenderRow>(`/renders/${queued.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const written = (await admin.get<RenderRow>(`/renders/${queued.id}`)).body.framesWritten;
    await new Promise((r) => setTimeout(r, 2500));
    const after = (await admin.get<RenderRow>(`/renders/${queued.id}`)).body;
    expect(after).toMatchObject({ status: 'cancelled', framesWritten: written, storageKey: null });
    expect(after.framesWritten).toBeLessThan(after.framesTotal!);
    expect((await admin.post(`/renders/${queued.id}/cancel`)).status).toBe(409);
    expect((await admin.get(`/renders/${queued.id}/download`)).status).toBe(409);

    // Retried: queued again from the start (then cancelled again while it waits or runs).
    const retried = await admin.post<RenderRow>(`/renders/${queued.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: queued.id, error: null });
    expect((await admin.post(`/renders/${queued.id}/retry`)).status).toBe(409);
    expect((await admin.post(`/renders/${queued.id}/cancel`)).status).toBe(200);
  });
});
