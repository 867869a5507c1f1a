import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { EpisodeEntity, EpisodeStatus } from '../../src/modules/sessions/episode.entity.js';
import { SessionEntity, SessionStatus } from '../../src/modules/sessions/session.entity.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';

const texts = { consentText: 'c', instructions: 'i' };
const q = (o: object) => encodeURIComponent(JSON.stringify(o));

describe('sessions and episodes API', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: ApiClient;
  let studyId: string;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    studyId = (
      await admin.post<{ id: string }>('/studies', {
        name: 'S',
        slug: 'sess-study',
        kind: 'woz-robotaxi',
        config: texts,
      })
    ).body.id;
    // Sessions and episodes are written by the game loop (later issues); insert them directly here.
    ds = new DataSource(dataSourceOptions(t.databaseUrl));
    await ds.initialize();
    const session = await ds.getRepository(SessionEntity).save({
      studyId,
      kind: 'woz-robotaxi',
      status: SessionStatus.Completed,
      seed: 7,
      startedAt: new Date('2026-11-01T10:00:00Z'),
    });
    sessionId = session.id;
    await ds.getRepository(EpisodeEntity).save(
      [0, 1, 2].map((index) => ({
        sessionId,
        studyId,
        index,
        round: index,
        practice: index === 0,
        game: 'robotaxi',
        status: EpisodeStatus.Completed,
        score: 10 * index - 5,
        steps: 20 + index,
        startedAt: new Date(Date.UTC(2026, 10, 1, 10, index)),
      })),
    );
  });
  afterAll(async () => {
    await ds?.destroy();
    await t?.close();
  });

  it('lists episodes with filters, sorting and Content-Range', async () => {
    const res = await admin.get<{ index: number; score: number }[]>(
      `/episodes?filter=${q({ sessionId, practice: false })}&sort=${q(['score', 'DESC'])}&range=[0,0]`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('episodes 0-0/2');
    expect(res.body.map((e) => e.index)).toEqual([2]);
    const bad = await admin.get<{ message: string }>(`/episodes?range=[0,500]`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/at most 100 rows/);
    const badFilter = await admin.get<{ message: string }>(
      `/episodes?filter=${q({ game: { $ne: 1 } })}`,
    );
    expect(badFilter.status).toBe(400);
  });

  it('shows a session and an episode, and 404s for unknown ids', async () => {
    const s = await admin.get<{ id: string; seed: number }>(`/sessions/${sessionId}`);
    expect(s.body).toMatchObject({ id: sessionId, seed: 7, status: 'completed' });
    const list = await admin.get<{ id: string }[]>(
      `/sessions?filter=${q({ studyId, status: 'completed' })}`,
    );
    expect(list.body.map((x) => x.id)).toEqual([sessionId]);
    expect((await admin.get('/sessions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.get('/episodes/not-a-uuid')).status).toBe(400);
  });

  it("hides another researcher's sessions and episodes", async () => {
    await admin.post('/researchers', { email: 'eve@test.local', password: 'eve-password-1' });
    const eve = await new ApiClient(t.baseUrl).loginResearcher('eve@test.local', 'eve-password-1');
    expect((await eve.get<unknown[]>('/sessions')).body).toEqual([]);
    expect((await eve.get<unknown[]>(`/episodes?filter=${q({ studyId })}`)).body).toEqual([]);
    expect((await eve.get(`/sessions/${sessionId}`)).status).toBe(404);
    const ep = (await admin.get<{ id: string }[]>('/episodes')).body[0];
    expect((await eve.get(`/episodes/${ep.id}`)).status).toBe(404);
  });
});
