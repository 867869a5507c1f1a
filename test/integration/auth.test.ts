import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ParticipantLoginResponse,
  ParticipantMeResponse,
} from '../../src/games/common/api.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';

const texts = { consentText: 'Consent text here.', instructions: 'Do the task.' };

describe('researcher and participant auth', () => {
  let t: TestApp;
  let admin: ApiClient;
  let studyId: string;
  let coded: { id: string; slug: string };
  let participants: { id: string; participantId: string; accessCode: string; inviteUrl: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    studyId = (
      await admin.post<{ id: string }>('/studies', {
        name: 'Auth',
        slug: 'auth-study',
        kind: 'woz-robotaxi',
        config: texts,
      })
    ).body.id;
    await admin.post(`/studies/${studyId}/participants/range`, { range: 'T0001-T0002' });
    coded = (
      await admin.post<{ id: string; slug: string }>('/studies', {
        name: 'Coded',
        slug: 'coded-study',
        kind: 'atari-demo',
        config: texts,
        requireAccessCode: true,
      })
    ).body;
    await admin.post(`/studies/${coded.id}/participants/range`, { range: 'D0001-D0002' });
    participants = (
      await admin.get<typeof participants>(
        `/participants?range=[0,99]&sort=${encodeURIComponent('["participantId","ASC"]')}`,
      )
    ).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses missing, malformed and wrong credentials', async () => {
    const anon = new ApiClient(t.baseUrl);
    expect((await anon.get('/studies')).status).toBe(401);
    expect((await new ApiClient(t.baseUrl, 'not-a-jwt').get('/studies')).status).toBe(401);
    const wrong = await anon.post<{ message: string }>('/auth/login', {
      email: 'admin@test.local',
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    const invalid = await anon.post<{ errors: { field: string }[] }>('/auth/login', { email: 'a' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e) => e.field)).toContain('password');
  });

  it('logs a participant in by study and ID, shows consent text, and records consent', async () => {
    const anon = new ApiClient(t.baseUrl);
    const res = await anon.post<ParticipantLoginResponse>('/participant/login', {
      study: 'auth-study',
      participantId: 't0002',
    });
    expect(res.status).toBe(200);
    expect(res.body.participant).toMatchObject({
      participantId: 'T0002',
      role: 'teacher',
      status: 'active',
      consentedAt: null,
    });
    expect(res.body.study).toMatchObject({
      slug: 'auth-study',
      consentText: texts.consentText,
      // The study did not ask for any processing of the mic signal: all off.
      recording: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    const p = new ApiClient(t.baseUrl, res.body.token);
    expect((await p.post('/participant/consent', { agree: false })).status).toBe(400);
    const consent = await p.post<{ consentedAt: string }>('/participant/consent', { agree: true });
    expect(consent.status).toBe(200);
    expect(Date.parse(consent.body.consentedAt)).not.toBeNaN();
    const me = await p.get<ParticipantMeResponse>('/participant/me');
    expect(me.body.participant.consentedAt).toBe(consent.body.consentedAt);
  });

  it('answers 404 for an unknown study and 401 for an unknown ID', async () => {
    const anon = new ApiClient(t.baseUrl);
    expect(
      (await anon.post('/participant/login', { study: 'no-such-study', participantId: 'T0001' }))
        .status,
    ).toBe(404);
    expect(
      (await anon.post('/participant/login', { study: 'auth-study', participantId: 'T0099' }))
        .status,
    ).toBe(401);
    const missing = await anon.post<{ errors: { field: string }[] }>('/participant/login', {
      study: 'auth-study',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e) => e.field)).toContain('participantId');
  });

  it('requires the access code when the study does, and accepts invite links', async () => {
    const anon = new ApiClient(t.baseUrl);
    const d1 = participants.find((p) => p.participantId === 'D0001')!;
    expect(
      (await anon.post('/participant/login', { study: 'coded-study', participantId: 'D0001' }))
        .status,
    ).toBe(401);
    expect(
      (
        await anon.post('/participant/login', {
          study: 'coded-study',
          participantId: 'D0001',
          accessCode: 'WRONG1',
        })
      ).status,
    ).toBe(401);
    const ok = await anon.post<ParticipantLoginResponse>('/participant/login', {
      study: 'coded-study',
      participantId: 'D0001',
      accessCode: d1.accessCode.toLowerCase(),
    });
    expect(ok.status).toBe(200);
    const d2 = participants.find((p) => p.participantId === 'D0002')!;
    const invite = new URL(d2.inviteUrl).searchParams.get('invite');
    const viaInvite = await anon.post<ParticipantLoginResponse>('/participant/login', { invite });
    expect(viaInvite.status).toBe(200);
    expect(viaInvite.body.participant.participantId).toBe('D0002');
    expect((await anon.post('/participant/login', { invite: 'x'.repeat(32) })).status).toBe(401);
  });

  it('never lets a participant token open a researcher endpoint or another participant', async () => {
    const login = await new ApiClient(t.baseUrl).post<ParticipantLoginResponse>(
      '/participant/login',
      { study: 'auth-study', participantId: 'T0001' },
    );
    const p = new ApiClient(t.baseUrl, login.body.token);
    const other = participants.find((x) => x.participantId === 'T0002')!;
    for (const [method, path] of [
      ['GET', '/studies'],
      ['GET', `/studies/${studyId}`],
      ['GET', '/participants'],
      ['GET', `/participants/${other.id}`],
      ['GET', `/studies/${studyId}/participants/export`],
      ['GET', '/sessions'],
      ['GET', '/episodes'],
      ['GET', '/researchers'],
      ['POST', `/studies/${studyId}/participants/range`],
    ] as const) {
      const res = await p.request(method, path, method === 'POST' ? { range: 'T0050' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    // The participant's own view is only ever their own.
    expect(
      (await p.get<ParticipantMeResponse>('/participant/me')).body.participant.participantId,
    ).toBe('T0001');
    // And a researcher token does not open participant endpoints.
    expect((await admin.get('/participant/me')).status).toBe(403);
  });

  it('locks a withdrawn participant out at once', async () => {
    const login = await new ApiClient(t.baseUrl).post<ParticipantLoginResponse>(
      '/participant/login',
      {
        study: 'coded-study',
        invite: new URL(
          participants.find((x) => x.participantId === 'D0002')!.inviteUrl,
        ).searchParams.get('invite'),
      },
    );
    const p = new ApiClient(t.baseUrl, login.body.token);
    expect((await p.get('/participant/me')).status).toBe(200);
    const d2 = participants.find((x) => x.participantId === 'D0002')!;
    expect((await admin.put(`/participants/${d2.id}`, { status: 'withdrawn' })).status).toBe(200);
    expect((await p.get('/participant/me')).status).toBe(403);
  });

  it("keeps a researcher out of another researcher's studies through every endpoint", async () => {
    const created = await admin.post('/researchers', {
      email: 'bob@test.local',
      password: 'bob-password-1',
      name: 'Bob',
    });
    expect(created.status).toBe(201);
    const bob = await new ApiClient(t.baseUrl).loginResearcher('bob@test.local', 'bob-password-1');
    expect((await bob.get('/researchers')).status).toBe(403);
    const list = await bob.get<unknown[]>('/studies');
    expect(list.body).toEqual([]);
    expect(list.headers.get('content-range')).toBe('studies 0-0/0');
    expect((await bob.get(`/studies/${studyId}`)).status).toBe(404);
    expect((await bob.put(`/studies/${studyId}`, { name: 'mine now' })).status).toBe(404);
    expect((await bob.delete(`/studies/${studyId}`)).status).toBe(404);
    expect((await bob.get<unknown[]>('/participants')).body).toEqual([]);
    expect(
      (
        await bob.get<unknown[]>(
          `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId }))}`,
        )
      ).body,
    ).toEqual([]);
    expect((await bob.get(`/participants/${participants[0].id}`)).status).toBe(404);
    expect(
      (await bob.put(`/participants/${participants[0].id}`, { status: 'withdrawn' })).status,
    ).toBe(404);
    expect(
      (await bob.post(`/studies/${studyId}/participants/range`, { range: 'T0090' })).status,
    ).toBe(404);
    expect(
      (
        await bob.request(
          'POST',
          `/studies/${studyId}/participants/import`,
          'participantId\nT0091\n',
        )
      ).status,
    ).toBe(404);
    expect((await bob.get(`/studies/${studyId}/participants/export`)).status).toBe(404);
    expect((await bob.post('/participants', { studyId, participantId: 'T0092' })).status).toBe(404);
    // Bob's own study is his.
    const own = await bob.post<{ id: string }>('/studies', {
      name: 'Bob study',
      slug: 'bob-study',
      kind: 'atari-demo',
      config: texts,
    });
    expect(own.status).toBe(201);
    expect((await bob.get<{ id: string }[]>('/studies')).body.map((s) => s.id)).toEqual([
      own.body.id,
    ]);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_MS: '60000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 once an address has used up its login attempts', async () => {
    const anon = new ApiClient(t.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await anon.post('/participant/login', { study: 'nope-study', participantId: 'T0077' }))
          .status,
      );
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const researcher: number[] = [];
    for (let i = 0; i < 4; i++)
      researcher.push(
        (await anon.post('/auth/login', { email: 'x@y.z', password: 'wrong' })).status,
      );
    expect(researcher).toEqual([401, 401, 401, 429]);
  });
});
