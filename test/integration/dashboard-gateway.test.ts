import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_NAMESPACE, type RenderUpdate } from '../../src/games/common/dashboard-events.js';
import { Action } from '../../src/games/robotaxi/types.js';
import { TokenScope } from '../../src/modules/participants/auth.types.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { DashboardWatcher } from '../support/dashboard-watcher.js';
import { participantIds, type RenderRow, seedRobotaxiEpisode } from '../support/render.js';
import { participantToken } from '../support/robotaxi-player.js';

/** A small, short render: 320x180 at 30 fps. */
const SIZE = { width: 320, height: 180 };
const STUDY_CONFIG = { consentText: 'We record your voice.', instructions: 'Drive.' };

async function connectError(url: string, auth: object): Promise<string> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.on('connect', () => reject(new Error('connected')));
      socket.on('connect_error', (error) => resolve(error.message));
    });
  } finally {
    socket.close();
  }
}

/** A researcher's dashboard socket that keeps every `render:update` it receives. */
class Watcher extends DashboardWatcher<'render:update'> {
  constructor(url: string, token: string) {
    super(url, token, 'render:update');
  }

  of(renderId: string): RenderUpdate[] {
    return this.updates.filter((u) => u.renderId === renderId);
  }

  async until(renderId: string, status: string): Promise<RenderUpdate[]> {
    await expect
      .poll(() => this.of(renderId).map((u) => u.status), { timeout: 45_000, interval: 50 })
      .toContain(status);
    return this.of(renderId);
  }
}

describe('Dashboard gateway (render progress pushed to the researchers who may see it)', () => {
  let t: TestApp;
  let db: pg.Client;
  let url: string;
  let admin: ApiClient;
  const watchers: Watcher[] = [];
  const researchers: Record<'alice' | 'bob', { api: ApiClient; studyId: string; slug: string }> =
    {} as never;

  const watch = async (token: string) => {
    const w = new Watcher(url, token);
    watchers.push(w);
    return w.connected();
  };

  /** A study of `owner` with T0001 and W0001 registered. */
  const createStudy = async (owner: ApiClient, slug: string) => {
    const study = await owner.post<{ id: string }>('/studies', {
      name: slug,
      slug,
      kind: 'woz-robotaxi',
      config: STUDY_CONFIG,
    });
    expect(study.status, JSON.stringify(study.body)).toBe(201);
    const reg = await owner.post(`/studies/${study.body.id}/participants/range`, {
      range: 'T0001-T0001',
    });
    expect(reg.status).toBe(201);
    await owner.post(`/studies/${study.body.id}/participants/range`, { range: 'W0001-W0001' });
    return study.body.id;
  };

  /** A completed one-second RoboTaxi episode of the study, written into the database. */
  const seedEpisode = async (studyId: string) => {
    const people = await participantIds(db, studyId);
    const episode = await seedRobotaxiEpisode(db, {
      studyId,
      teacherId: people.T0001,
      wizardId: people.W0001,
      zeroMs: Date.now() - 60_000,
      stepTimesMs: [250, 500, 750],
      endAfterMs: 1000,
      action: Action.RIGHT,
    });
    return episode.episodeId;
  };

  const queueRender = async (owner: ApiClient, episodeId: string) => {
    const created = await owner.post<RenderRow>(`/episodes/${episodeId}/renders`, SIZE);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    url = `${t.baseUrl}${DASHBOARD_NAMESPACE}`;
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    for (const name of ['alice', 'bob'] as const) {
      const email = `${name}@test.local`;
      const password = `${name}-password-1`;
      const created = await admin.post('/researchers', { email, password, name });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const api = await new ApiClient(t.baseUrl).loginResearcher(email, password);
      const slug = `dash-${name}`;
      researchers[name] = { api, slug, studyId: await createStudy(api, slug) };
    }
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    for (const w of watchers) w.close();
    await db?.end();
    await t?.close();
  });

  it('refuses a handshake without a valid researcher token, saying why', async () => {
    expect(await connectError(url, {})).toMatch(/Missing token/);
    expect(await connectError(url, { token: '' })).toMatch(/Missing token/);
    expect(await connectError(url, { token: 'not-a-jwt' })).toMatch(/Invalid token/);
    const participant = await participantToken(t.baseUrl, researchers.alice.slug, 'T0001');
    expect(await connectError(url, { token: participant })).toMatch(/for researchers/);
  });

  it('closes a connection when its token expires', async () => {
    const me = await admin.get<{ id: string }>('/auth/me');
    // A researcher token of the app's own signing, valid for 2 seconds (the configured minimum
    // lifetime is a minute).
    const token = await t.app
      .get(JwtService)
      .signAsync(
        { scope: TokenScope.Researcher, sub: me.body.id, role: 'admin' },
        { expiresIn: 2 },
      );
    const w = await watch(token);
    const reason = await new Promise<string>((resolve) => w.socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    expect(await connectError(url, { token })).toMatch(/expired/);
  });

  it("pushes a render's progress up to completed to who may see its study, and to nobody else", async () => {
    const { alice, bob } = researchers;
    const [aliceWatch, bobWatch, adminWatch] = await Promise.all([
      watch(alice.api.token!),
      watch(bob.api.token!),
      watch(admin.token!),
    ]);
    const aliceRender = await queueRender(alice.api, await seedEpisode(alice.studyId));
    const bobRender = await queueRender(bob.api, await seedEpisode(bob.studyId));

    const aliceSaw = await aliceWatch.until(aliceRender, 'completed');
    const bobSaw = await bobWatch.until(bobRender, 'completed');
    await adminWatch.until(aliceRender, 'completed');
    await adminWatch.until(bobRender, 'completed');
    // Whatever the server sent before these acks has arrived.
    await aliceWatch.flush(alice.studyId);
    await bobWatch.flush(bob.studyId);

    expect(aliceWatch.updates.every((u) => u.studyId === alice.studyId)).toBe(true);
    expect(aliceWatch.of(bobRender)).toEqual([]);
    expect(bobWatch.updates.every((u) => u.studyId === bob.studyId)).toBe(true);
    expect(bobWatch.of(aliceRender)).toEqual([]);

    for (const [saw, studyId] of [
      [aliceSaw, alice.studyId],
      [bobSaw, bob.studyId],
    ] as const) {
      const statuses = saw.map((u) => u.status);
      expect(statuses[0]).toBe('queued');
      expect(statuses).toContain('rendering');
      expect(statuses.at(-1)).toBe('completed');
      const written = saw.map((u) => u.framesWritten);
      expect(written).toEqual([...written].sort((a, b) => a - b));
      const last = saw.at(-1)!;
      expect(last).toMatchObject({ studyId, framesWritten: last.framesTotal, error: null });
      expect(last.framesTotal).toBeGreaterThan(0);
      expect(Object.keys(last).sort()).toEqual(
        [
          'renderId',
          'episodeId',
          'studyId',
          'status',
          'framesWritten',
          'framesTotal',
          'error',
        ].sort(),
      );
    }
    // What was pushed is what the API stores.
    const row = await alice.api.get<RenderRow>(`/renders/${aliceRender}`);
    const { framesWritten, framesTotal } = aliceSaw.at(-1)!;
    expect(row.body).toMatchObject({ status: 'completed', framesWritten, framesTotal });
  });

  it('validates subscribe and refuses a study the researcher may not see', async () => {
    const { alice, bob } = researchers;
    const aliceWatch = await watch(alice.api.token!);
    const missing = await aliceWatch.subscribe({});
    expect(missing).toMatchObject({ ok: false, errors: [{ field: 'studyId' }] });
    const malformed = await aliceWatch.subscribe({ studyId: 'study-1' });
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) expect(malformed.error).toMatch(/^studyId: /);
    expect((await aliceWatch.subscribe({ studyId: alice.studyId, everything: true })).ok).toBe(
      false,
    );
    expect(await aliceWatch.subscribe(null)).toMatchObject({ ok: false });
    // Another researcher's study reads as absent, like the REST API's 404.
    expect(await aliceWatch.subscribe({ studyId: bob.studyId })).toEqual({
      ok: false,
      error: `Study ${bob.studyId} not found`,
    });
    expect(await aliceWatch.subscribe({ studyId: alice.studyId })).toEqual({
      ok: true,
      studyId: alice.studyId,
    });
    const adminWatch = await watch(admin.token!);
    expect(await adminWatch.subscribe({ studyId: bob.studyId })).toMatchObject({ ok: true });
  });

  it('adds a study created after the socket connected once the client subscribes to it', async () => {
    const { alice } = researchers;
    const aliceWatch = await watch(alice.api.token!);
    const studyId = await createStudy(alice.api, 'dash-alice-later');
    expect(await aliceWatch.subscribe({ studyId })).toEqual({ ok: true, studyId });
    const renderId = await queueRender(alice.api, await seedEpisode(studyId));
    const saw = await aliceWatch.until(renderId, 'completed');
    expect(saw.every((u) => u.studyId === studyId)).toBe(true);
  });

  it("moves a connected colleague's socket in and out of a study as access is given and taken", async () => {
    const { alice, bob } = researchers;
    const [aliceWatch, bobWatch] = await Promise.all([
      watch(alice.api.token!),
      watch(bob.api.token!),
    ]);
    const given = await alice.api.post<{ researcherId: string }>(
      `/studies/${alice.studyId}/members`,
      { email: 'bob@test.local' },
    );
    expect(given.status).toBe(201);
    // No subscribe and no reconnect: Bob's open socket now gets Alice's study's renders.
    const shared = await queueRender(alice.api, await seedEpisode(alice.studyId));
    await bobWatch.until(shared, 'completed');

    const removed = await alice.api.delete(
      `/studies/${alice.studyId}/members/${given.body.researcherId}`,
    );
    expect(removed.status).toBe(200);
    const hidden = await queueRender(alice.api, await seedEpisode(alice.studyId));
    await aliceWatch.until(hidden, 'completed');
    await bobWatch.flush(bob.studyId);
    expect(bobWatch.of(hidden)).toEqual([]);
    expect(await bobWatch.subscribe({ studyId: alice.studyId })).toMatchObject({ ok: false });
  });
});
